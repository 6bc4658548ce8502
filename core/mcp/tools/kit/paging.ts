// Honest size control for list results. Worksection has no pagination, so a tool fetches the complete
// list and pages over it here: `limit` + an opaque cursor, and every page says how many there are in all,
// how many it returns, whether it was cut and how to get the rest. A page is also cut to the token budget
// (estimated at 4 characters a token), so no client ever silently drops the end of a result.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ResultLimits } from './context.js';
import { ToolError } from './errors.js';

export const pagingInput = {
  limit: z.number().int().min(1).optional().describe('Page size (default 50).'),
  cursor: z.string().optional().describe('A next_cursor.'),
};

export const pageMetaShape = {
  total_count: z.number().int().describe('How many items match in all.'),
  returned_count: z.number().int().describe('How many items this answer contains.'),
  truncated: z.boolean().describe('True when more items match than this answer contains.'),
  next_cursor: z.string().optional().describe('Pass as `cursor` (same other arguments) for the next page.'),
  hint: z.string().optional().describe('How to get the rest, or how to narrow the query.'),
};

interface PageMeta {
  total_count: number;
  returned_count: number;
  truncated: boolean;
  next_cursor?: string;
  hint?: string;
}

export interface Page<T> extends PageMeta {
  items: T[];
}

const CHARS_PER_TOKEN = 4;

function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / CHARS_PER_TOKEN);
}

/** A fingerprint of the query (tool + arguments other than paging), so a cursor cannot page another query. */
export function queryKey(tool: string, args: Record<string, unknown>): string {
  const { limit: _l, cursor: _c, ...rest } = args;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(`${tool}\0${canonical}`).digest('base64url').slice(0, 12);
}

function encodeCursor(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, key: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = parsed as { o?: unknown; k?: unknown } | undefined;
  if (typeof c?.o !== 'number' || !Number.isInteger(c.o) || c.o < 0) {
    throw new ToolError(
      'The cursor is not valid.',
      'Call again without `cursor` to start from the first page.',
    );
  }
  if (c.k !== key) {
    throw new ToolError(
      'The cursor belongs to a different query.',
      'Pass next_cursor only with the same other arguments, or call again without `cursor`.',
    );
  }
  return c.o;
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
  /** queryKey(tool, args) */
  key: string;
  limits: ResultLimits;
  /** Tokens the rest of the answer (besides the items) needs. */
  reserveTokens?: number;
  /** Said when the page is cut, e.g. "narrow with project_id or status". */
  narrowHint?: string;
}

export function paginate<T>(all: readonly T[], opts: PageOptions): Page<T> {
  const offset = opts.cursor === undefined ? 0 : decodeCursor(opts.cursor, opts.key);
  const size = Math.min(opts.limit ?? opts.limits.defaultPageSize, opts.limits.maxPageSize);
  let items = all.slice(offset, offset + size);
  const budget = opts.limits.budgetTokens - (opts.reserveTokens ?? 200);
  // Cut to the budget, keeping at least one item so paging always makes progress.
  let used = estimateTokens(items);
  while (items.length > 1 && used > budget) {
    const keep = Math.max(1, Math.floor((items.length * budget) / used));
    items = items.slice(0, keep < items.length ? keep : items.length - 1);
    used = estimateTokens(items);
  }
  const end = offset + items.length;
  const truncated = end < all.length;
  const page: Page<T> = { items, total_count: all.length, returned_count: items.length, truncated };
  if (truncated) {
    page.next_cursor = encodeCursor(end, opts.key);
    const more = `${all.length - end} more after these ${items.length} (items ${offset + 1}–${end} of ${all.length})`;
    page.hint = `${more}: call again with cursor=next_cursor${opts.narrowHint ? `, or ${opts.narrowHint}` : ''}.`;
  }
  return page;
}
