// Records Worksection sent that our schemas could not read (worksection/tolerant-parse.ts) are left out of
// a tool's answer; the answer says so, shows each as it came (cut to a readable size), and the log names
// each one. The answer's structured content keeps its schema: the note is a second text block and _meta.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { UnreadableRecord } from '../../worksection/tolerant-parse.js';

const UNREADABLE_META = 'wsmcp/unreadable_records';
// A record is shown whole unless it is huge; the first few make the point.
const MAX_SHOWN = 5;
const MAX_RECORD_CHARS = 2000;

function shown(record: unknown): string {
  const text = JSON.stringify(record) ?? String(record);
  return text.length <= MAX_RECORD_CHARS ? text : `${text.slice(0, MAX_RECORD_CHARS)}… (cut)`;
}

function idOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
}

export function withUnreadableNote(
  result: CallToolResult,
  unreadable: readonly UnreadableRecord[] | undefined,
  tool: string,
  // McpLog (tool-call.ts), written out so this file does not import its importer.
  log: (event: { level: 'warn'; msg: string; [key: string]: unknown }) => void,
): CallToolResult {
  if (!unreadable?.length || result.isError) return result;
  for (const r of unreadable) {
    log({
      level: 'warn',
      msg: 'a Worksection record does not fit our schema; shown as it came',
      tool,
      action: r.action,
      where: r.where,
      record_id: idOf(r.record),
      problem: r.problem,
    });
  }
  const lines = unreadable
    .slice(0, MAX_SHOWN)
    .map((r) => `- ${r.action} ${r.where} (${r.problem}): ${shown(r.record)}`);
  if (unreadable.length > MAX_SHOWN) lines.push(`- and ${unreadable.length - MAX_SHOWN} more`);
  const text =
    `Note: Worksection sent ${unreadable.length} record(s) this app could not read; they are left out of ` +
    `the answer above (its lists, counts and totals) and shown here as they came:\n${lines.join('\n')}`;
  return {
    ...result,
    content: [...result.content, { type: 'text', text }],
    _meta: {
      ...result._meta,
      [UNREADABLE_META]: unreadable.map((r) => ({ action: r.action, where: r.where, problem: r.problem })),
    },
  };
}
