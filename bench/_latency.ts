// Latency sampling shared by the benchmarks that compare two ways of making one call: callers run back to
// back until a number of calls have started (or the time runs out), and the figures are read off the
// collected latencies.

export interface Figures {
  calls: number;
  p50: number;
  p99: number;
  perSecond: number;
}

/** Latencies of a series of runs and the time they took together. */
export interface Sample {
  latencies: number[];
  wallMs: number;
}

export const emptySample = (): Sample => ({ latencies: [], wallMs: 0 });

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** Each caller calls back to back until `total` calls have started or `maxMs` has passed. */
export async function measure(
  callers: readonly (() => Promise<void>)[],
  total: number,
  into: Sample,
  maxMs: number,
): Promise<void> {
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + maxMs;
  await Promise.all(
    callers.map(async (call) => {
      while (started < total && performance.now() < deadline) {
        started += 1;
        const s = performance.now();
        await call();
        into.latencies.push(performance.now() - s);
      }
    }),
  );
  into.wallMs += performance.now() - t0;
}

export function figures({ latencies, wallMs }: Sample): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    perSecond: sorted.length / (wallMs / 1000),
  };
}

export const figuresRow = (n: number, label: string, f: Figures): string =>
  `${String(n).padStart(7)}  ${label.padEnd(13)} ${String(f.calls).padStart(6)} ${f.p50.toFixed(2).padStart(8)} ${f.p99
    .toFixed(2)
    .padStart(8)} ${f.perSecond.toFixed(0).padStart(9)}`;

/** How `ours` compares with `base` at `n` clients: a line of ratios, and the p50 verdict against `target`. */
export function comparison(
  n: number,
  label: string,
  ours: Figures,
  base: Figures,
  target: number,
): { line: string; verdict: string } {
  const ratio = ours.p50 / base.p50;
  const line =
    `         ${label}: p50 ${ratio.toFixed(2)}x, p99 ${(ours.p99 / base.p99).toFixed(2)}x, ` +
    `throughput ${(ours.perSecond / base.perSecond).toFixed(2)}x`;
  const verdict =
    `${n} client${n > 1 ? 's' : ''}: ${label} p50 ${ratio.toFixed(2)}x ` +
    `(target <= ${target.toFixed(1)}x) ${ratio <= target ? 'ok' : 'SLOW'}`;
  return { line, verdict };
}
