// What a scripted request of `npm run bench -- agent` works with: `ask` calls a tool the way a model does and
// counts what the model reads (calls, text tokens), and `truth` is the sandbox's own data to check against.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Harness } from '../core/mcp/testing/harness.js';
import type { SandboxData, TaskRec } from '../core/sandbox/model.js';

// As the product's own budget estimates (core/mcp/paging.ts): about 4 characters a token.
const CHARS_PER_TOKEN = 4;

type Answer = Record<string, unknown>;

export interface Tally {
  calls: number;
  /** Tokens of the text blocks the model reads (images are not counted). */
  tokens: number;
  /** Per list tool: tokens of its items alone, and how many items (the per-item cost of list answers). */
  lists: Map<string, { tokens: number; items: number }>;
}

export function newTally(): Tally {
  return { calls: 0, tokens: 0, lists: new Map() };
}

/** Average tokens per item over the given list tools (all when none is named). */
export function tokensPerItem(tally: Tally, tools?: string[]): number {
  let tokens = 0;
  let items = 0;
  for (const [tool, l] of tally.lists) {
    if (tools && !tools.includes(tool)) continue;
    tokens += l.tokens;
    items += l.items;
  }
  return Math.round(tokens / Math.max(1, items));
}

export class ToolFailed extends Error {}

export interface Ask {
  /** One tool call; its answer (structuredContent, or the text parsed as JSON). Throws on isError. */
  (tool: string, args?: Record<string, unknown>): Promise<Answer>;
  /** The raw result, errors included (for requests that expect an error). */
  raw(tool: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Every item of a list, following next_cursor (each page is one more call). */
  all(tool: string, args?: Record<string, unknown>): Promise<Answer[]>;
}

function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

export function createAsk(harness: Harness, tally: Tally): Ask {
  const raw = async (tool: string, args: Record<string, unknown> = {}) => {
    const result = await harness.callTool(tool, args);
    tally.calls += 1;
    tally.tokens += Math.ceil(textOf(result).length / CHARS_PER_TOKEN);
    return result;
  };
  const ask = (async (tool: string, args: Record<string, unknown> = {}) => {
    const result = await raw(tool, args);
    if (result.isError) throw new ToolFailed(`${tool}: ${textOf(result)}`);
    if (result.structuredContent) return result.structuredContent;
    const text = textOf(result);
    try {
      return JSON.parse(text) as Answer;
    } catch {
      return { content: result.content, text };
    }
  }) as Ask;
  ask.raw = raw;
  ask.all = async (tool, args = {}) => {
    const items: Answer[] = [];
    let cursor: string | undefined;
    do {
      const page = await ask(tool, cursor ? { ...args, cursor } : args);
      const got = (page.items ?? []) as Answer[];
      items.push(...got);
      const list = tally.lists.get(tool) ?? { tokens: 0, items: 0 };
      list.items += got.length;
      list.tokens += Math.ceil(JSON.stringify(got).length / CHARS_PER_TOKEN);
      tally.lists.set(tool, list);
      cursor = page.next_cursor as string | undefined;
    } while (cursor);
    return items;
  };
  return ask;
}

/** The sandbox's ground truth, and the few derived facts requests share. */
export interface Truth {
  data: SandboxData;
  me: number;
  /** The account's today (UTC in the sandbox). */
  today: string;
  /** Tasks a user sees (not scheduled for later publication). */
  tasks(): TaskRec[];
}

export function truthOf(data: SandboxData, today: string): Truth {
  return {
    data,
    me: data.ownerId,
    today,
    tasks: () => [...data.tasks.values()].filter((t) => t.publishAt === undefined),
  };
}

/** The verdict of a check: true, or what was wrong. */
export type Verdict = true | string;

export function sameIds(label: string, got: unknown[], want: Iterable<number | string>): Verdict {
  const a = [...new Set(got.map(String))].sort();
  const b = [...new Set([...want].map(String))].sort();
  if (a.length === b.length && a.every((x, i) => x === b[i])) return true;
  const missing = b.filter((x) => !a.includes(x)).slice(0, 5);
  const extra = a.filter((x) => !b.includes(x)).slice(0, 5);
  return `${label}: got ${a.length}, want ${b.length} (missing ${missing.join(',') || '-'}; extra ${extra.join(',') || '-'})`;
}

export function equal(label: string, got: unknown, want: unknown): Verdict {
  return JSON.stringify(got) === JSON.stringify(want)
    ? true
    : `${label}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
}

/** The first failing verdict, or true. */
export function all(...verdicts: Verdict[]): Verdict {
  return verdicts.find((v) => v !== true) ?? true;
}

/** The id of an answer's object or person field, whatever form it takes ({id}, "Name (id)", "id"). */
export function idOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return idOf((value as { id?: unknown }).id);
  const text = String(value);
  const inParens = /\((\d+)\)$/.exec(text);
  return inParens ? inParens[1] : text;
}
