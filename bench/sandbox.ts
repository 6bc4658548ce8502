// Sandbox data generation: time and record counts for both sizes, and the heap a large account holds.
// `npm run bench -- sandbox [--seed N]`. Target: large generates in under 20 s on the 2-core reference
// machine (ARCHITECTURE.md §4).
import { census } from '../core/sandbox/generate/digest.js';
import type { SandboxSize } from '../core/sandbox/generate/index.js';
import { generateAccount } from '../core/sandbox/generate/index.js';

const TARGET_MS: Record<SandboxSize, number> = { small: 1_000, large: 20_000 };

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function run(args: string[]): Promise<void> {
  const at = args.indexOf('--seed');
  const seed = at >= 0 ? Number(args[at + 1]) : 1;
  const before = process.memoryUsage().heapUsed;
  for (const size of ['small', 'large'] as const) {
    const started = performance.now();
    const data = generateAccount({ seed, size });
    const ms = performance.now() - started;
    const verdict = ms <= TARGET_MS[size] ? 'ok' : 'SLOW';
    console.log(`${size}: generated in ${ms.toFixed(0)} ms (target < ${TARGET_MS[size]} ms) ${verdict}`);
    const counts = Object.entries(census(data)).map(([k, v]) => `${k}=${v}`);
    console.log(`  ${counts.join(' ')}`);
    if (size === 'large') {
      // Measured while `data` is alive: what a running sandbox holds for a large account.
      const heap = process.memoryUsage().heapUsed;
      console.log(`  heap used with the large account: ${mb(heap)} (${mb(heap - before)} above the start)`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
