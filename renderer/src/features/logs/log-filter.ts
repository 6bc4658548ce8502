// The Call log panel's filter: what the user picked, how it becomes the API's query, and whether a live
// row belongs in the current view (the same rules the server applies, so live and fetched rows agree).
import type { CallRow, CallStatus, LogPageQuery } from '../../../../shared/api/logs';

export const RANGES = {
  '': 'Any time',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
} as const;
export type Range = keyof typeof RANGES;

const RANGE_MS: Record<Exclude<Range, ''>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

export interface LogFilterState {
  client: string;
  tool: string;
  status: CallStatus | '';
  range: Range;
  q: string;
}

export const NO_FILTER: LogFilterState = { client: '', tool: '', status: '', range: '', q: '' };

export type LogKey = readonly ['logs', LogFilterState];

export function toQuery(f: LogFilterState, now = Date.now()): Omit<LogPageQuery, 'before' | 'limit'> {
  return {
    client: f.client || undefined,
    tool: f.tool || undefined,
    status: f.status || undefined,
    since: f.range ? now - RANGE_MS[f.range] : undefined,
    q: f.q.trim() || undefined,
  };
}

export function matchesFilter(row: CallRow, f: LogFilterState): boolean {
  if (f.client && row.client !== f.client) return false;
  if (f.tool && row.target !== f.tool) return false;
  if (f.status && row.status !== f.status) return false;
  const q = f.q.trim().toLowerCase();
  if (!q) return true;
  return [row.target ?? '', row.args ?? '', row.error ?? '', row.client].join(' ').toLowerCase().includes(q);
}
