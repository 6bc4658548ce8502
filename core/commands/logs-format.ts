// How `wsmcp logs` prints rows: an aligned text line per request for people, JSON Lines or CSV for tools.
// Column widths are fixed so a followed log stays aligned without knowing the rows to come.
import { humanSize } from '../mcp/tools/shapes/file.js';
import type { CallLogRow } from '../store/call-log.js';
import { CSV_HEADER_LINE, csvLine } from '../store/call-log-query.js';

export type OutputFormat = 'text' | 'json' | 'csv';

export interface RowFormatter {
  /** Printed once before the first row ('' for none). */
  header: string;
  line(row: CallLogRow): string;
}

const WIDTHS = { time: 24, client: 14, request: 34, status: 14, ms: 9, upstream: 8, cached: 6, bytes: 8 };

function request(row: CallLogRow): string {
  const target = row.target ?? '';
  if (row.method === 'tools/call') return target;
  if (row.method === 'openapi') return `${target} (OpenAPI)`;
  if (row.method === 'resources/read') return `read ${target}`;
  if (row.method === 'prompts/get') return `prompt ${target}`;
  return `${row.method} ${target}`.trim();
}

const firstLine = (text: string): string => {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
};

function textLine(r: CallLogRow): string {
  const cells = [
    r.time.padEnd(WIDTHS.time),
    r.client.padEnd(WIDTHS.client),
    request(r).padEnd(WIDTHS.request),
    r.status.padEnd(WIDTHS.status),
    r.durationMs.toFixed(1).padStart(WIDTHS.ms),
    String(r.upstreamRequests).padStart(WIDTHS.upstream),
    String(r.cacheHits).padStart(WIDTHS.cached),
    humanSize(r.bytes).padStart(WIDTHS.bytes),
  ];
  const notes = [r.truncated ? 'truncated' : '', r.error ? firstLine(r.error) : ''].filter(Boolean);
  return `${cells.join(' ')}${notes.length ? `  ${notes.join('; ')}` : ''}`.trimEnd();
}

const TEXT_HEADER = [
  'TIME'.padEnd(WIDTHS.time),
  'CLIENT'.padEnd(WIDTHS.client),
  'REQUEST'.padEnd(WIDTHS.request),
  'STATUS'.padEnd(WIDTHS.status),
  'MS'.padStart(WIDTHS.ms),
  'UPSTREAM'.padStart(WIDTHS.upstream),
  'CACHED'.padStart(WIDTHS.cached),
  'BYTES'.padStart(WIDTHS.bytes),
  ' NOTE',
].join(' ');

export function rowFormatter(format: OutputFormat): RowFormatter {
  switch (format) {
    case 'json':
      return { header: '', line: (r) => `${JSON.stringify(r)}\n` };
    case 'csv':
      return { header: CSV_HEADER_LINE, line: csvLine };
    case 'text':
      return { header: `${TEXT_HEADER}\n`, line: (r) => `${textLine(r)}\n` };
  }
}

/** `--since`: an ISO date/time, or an age like 30s, 15m, 2h, 7d. */
export function parseSince(value: string, now: number): number | undefined {
  const age = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (age) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(age[1]) * unit;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
