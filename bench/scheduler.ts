// `npm run bench -- scheduler [--quick]`: what the upstream scheduler costs and delivers, against the real
// sandbox over loopback HTTP.
//  (a) achieved rate under saturation, measured from the sandbox's own request log (arrival times), vs the
//      configured rate; target >= 0.97 of it, with no 429 and never more than the rate in any second.
//  (b) latency added to an uncontended request by scheduler + client (zod validation included) vs a bare
//      fetch of the same endpoint, rate limit off; target < 2 ms at p50 and p99.
import { WorksectionClient } from '../core/worksection/client.js';
import { startSandbox, type SandboxRequest } from '../core/sandbox/server.js';
import { percentile } from '../core/worksection/scheduler/stats.js';

interface RateResult {
  configured: number;
  seconds: number;
  requests: number;
  achieved: number;
  maxInAnySecond: number;
  rateLimited: number;
}

async function saturate(rate: number, seconds: number): Promise<RateResult> {
  const sandbox = await startSandbox({ rateLimit: rate });
  const { accessToken } = sandbox.issueTokens();
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: {
      kind: 'oauth',
      tokens: { getAccessToken: () => Promise.resolve(accessToken), refresh: async () => {} },
    },
    scheduler: { ratePerSecond: rate },
  });
  try {
    // Warm the sandbox up through the admin key (rate-limited apart from user tokens, left out below), so a
    // cold first request is not mistaken for the scheduler's doing.
    const admin = new WorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'admin', apiKey: sandbox.apiKey },
    });
    await admin.call('get_events', { period: '1m' });
    admin.close();
    // One more request than fits, all queued at once; distinct periods keep them from coalescing.
    const n = rate * seconds + 1;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        client.call('get_events', { period: `${(i % 360) + 1}m` }, { caller: `c${i % 7}` }),
      ),
    );
    const rows = sandbox.requests().filter((r) => r.path.startsWith('/api/') && r.token !== 'admin');
    const times = rows.map((r) => r.time).sort((a, b) => a - b);
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    return {
      configured: rate,
      seconds: span / 1000,
      requests: rows.length,
      achieved: ((times.length - 1) * 1000) / span,
      maxInAnySecond: maxPerWindow(times),
      rateLimited: rows.filter((r: SandboxRequest) => r.status === 429).length,
    };
  } finally {
    client.close();
    await sandbox.close();
  }
}

function maxPerWindow(sorted: number[], windowMs = 1000): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

interface LatencyResult {
  samples: number;
  bare: { p50: number; p99: number };
  client: { p50: number; p99: number };
}

async function overhead(samples: number): Promise<LatencyResult> {
  const sandbox = await startSandbox({ rateLimit: 0 });
  const { accessToken } = sandbox.issueTokens();
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: {
      kind: 'oauth',
      tokens: { getAccessToken: () => Promise.resolve(accessToken), refresh: async () => {} },
    },
    scheduler: { ratePerSecond: 0 },
  });
  const url = `${sandbox.url}/api/oauth2?action=me`;
  const headers = { authorization: `Bearer ${accessToken}` };
  const bare = async () => JSON.parse(await (await fetch(url, { headers })).text()) as unknown;
  const viaClient = () => client.call('me');
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  try {
    for (let i = 0; i < 50; i++) await Promise.all([bare(), viaClient()].map((p) => p.then(() => undefined)));
    const a: number[] = [];
    const b: number[] = [];
    // Alternate the two so drift (GC, JIT, the sandbox's log growing) hits both alike.
    for (let i = 0; i < samples; i++) {
      a.push(await time(bare));
      b.push(await time(viaClient));
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    return {
      samples,
      bare: { p50: percentile(a, 0.5), p99: percentile(a, 0.99) },
      client: { p50: percentile(b, 0.5), p99: percentile(b, 0.99) },
    };
  } finally {
    client.close();
    await sandbox.close();
  }
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

export async function run(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  console.log('(a) achieved rate under saturation (sandbox request log; target >= 0.97 of configured)');
  console.log('    configured   window    requests   achieved      ratio   max/1s   429s');
  for (const [rate, seconds] of [
    [1, quick ? 5 : 15],
    [10, quick ? 3 : 10],
  ] as const) {
    const r = await saturate(rate, seconds);
    const ratio = r.achieved / r.configured;
    console.log(
      `    ${`${r.configured}/s`.padEnd(12)} ${`${r.seconds.toFixed(2)} s`.padEnd(9)} ${String(r.requests).padEnd(10)} ` +
        `${`${r.achieved.toFixed(3)}/s`.padEnd(13)} ${ratio.toFixed(3).padEnd(7)} ${String(r.maxInAnySecond).padEnd(8)} ` +
        `${r.rateLimited}   ${ratio >= 0.97 && r.rateLimited === 0 && r.maxInAnySecond <= rate ? 'OK' : 'MISS'}`,
    );
  }
  const l = await overhead(quick ? 100 : 400);
  const d50 = l.client.p50 - l.bare.p50;
  const d99 = l.client.p99 - l.bare.p99;
  console.log(`\n(b) added latency, uncontended 'me', ${l.samples} samples each (target < 2 ms)`);
  console.log('                         p50         p99');
  console.log(`    bare fetch           ${ms(l.bare.p50).padEnd(11)} ${ms(l.bare.p99)}`);
  console.log(`    scheduler + client   ${ms(l.client.p50).padEnd(11)} ${ms(l.client.p99)}`);
  console.log(
    `    added                ${ms(d50).padEnd(11)} ${ms(d99)}   ${d50 < 2 && d99 < 2 ? 'OK' : 'MISS'}`,
  );
}
