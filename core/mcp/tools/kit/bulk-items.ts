// The loop every bulk write shares: the expected duration said up front (its requests at the scheduler's
// rate), one progress notification per item, a failure that fails its item only (with the reason the model
// would have got for it alone), and once the call is cancelled, the items not yet sent answer cancelled.
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { mapToolFailure } from './errors.js';
import { PreviewReached } from './write-plan.js';

export const BULK_MAX_ITEMS = 100;

/** How each item of a bulk ended: the same four words in every bulk tool's answer. */
export const bulkResultShape = z.enum(['done', 'unchanged', 'failed', 'cancelled']);

export interface BulkItemResult {
  result: z.output<typeof bulkResultShape>;
  reason?: string;
}

export interface BulkRun<T, R extends BulkItemResult> {
  /** The Worksection writes the whole batch costs. */
  requests: number;
  /** How the item is named in results and progress (task 123, item 4). */
  idOf(item: T, index: number): Omit<R, keyof BulkItemResult>;
  label(item: T, index: number): string;
  run(item: T, index: number): Promise<R>;
}

function reasonOf(err: unknown): string {
  const text = mapToolFailure(err).result.content[0];
  return text?.type === 'text' ? text.text : 'failed';
}

export async function runBulk<T, R extends BulkItemResult>(
  ctx: ToolContext,
  items: T[],
  bulk: BulkRun<T, R>,
): Promise<{ results: R[]; expected_seconds: number }> {
  const rate = ctx.upstreamStats?.().ratePerSecond || 1;
  const expected = Math.ceil(bulk.requests / rate);
  ctx.progress?.(0, items.length, `${bulk.requests} requests, about ${expected} s`);
  const results: R[] = [];
  for (const [index, item] of items.entries()) {
    const id = bulk.idOf(item, index);
    if (ctx.signal.aborted) {
      results.push({ ...id, result: 'cancelled' } as R);
      continue;
    }
    try {
      results.push(await bulk.run(item, index));
    } catch (err) {
      if (err instanceof PreviewReached) throw err;
      results.push({ ...id, result: 'failed', reason: reasonOf(err) } as R);
    }
    ctx.progress?.(index + 1, items.length, bulk.label(item, index));
  }
  return { results, expected_seconds: expected };
}
