// The rate holds from a process's very first request, measured where Worksection measures it: at
// arrival. In a fresh process the first request is held back after the scheduler starts it (the HTTP
// client's first-use set-up, a new connection), which once let the second request arrive ~35 ms less
// than a second after the first and be answered 429. Each run is a new process, as a user's start is.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CHILD = 'dist-dev/core/worksection/testing/fresh-process-rate-child.js';

describe('the rate on a fresh process', () => {
  it('keeps every arrival a second apart from the first request on, with no 429', () => {
    for (let run = 0; run < 3; run++) {
      const child = spawnSync(process.execPath, [CHILD], { encoding: 'utf8', timeout: 30_000 });
      expect(child.status, child.stderr).toBe(0);
      const { times, statuses } = JSON.parse(child.stdout) as { times: number[]; statuses: number[] };
      expect(statuses).toEqual([200, 200, 200]);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      for (const gap of gaps) expect(gap, `arrival gaps ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(1000);
    }
  }, 60_000);
});
