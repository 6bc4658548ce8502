// One tools/call, after the tool is found and allowed: arguments checked against the zod input, the
// handler run, its answer checked against the output schema and the token budget, and every failure
// turned into an isError result the model can act on (tools/kit/errors.ts). A read tool's `fresh` argument picks
// the context whose reads skip cached data; the answer says how old its data is (`fetched_at`, define-tool.ts).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AnyTool, MediaReply } from '../tools/kit/define-tool.js';
import { FETCHED_AT, RESOLVED_DATES, takeFresh } from '../tools/kit/define-tool.js';
import { spokenDateKeys } from '../tools/kit/dates.js';
import { resolveSpokenDates } from '../tools/kit/spoken-dates.js';
import type { ToolContext } from '../tools/kit/context.js';
import { describeIssues, errorResult, INTERNAL_ERROR_TEXT, mapToolFailure } from '../tools/kit/errors.js';
import { quoted } from '../tools/kit/quote.js';
import { withUnreadableNote } from './unreadable-note.js';
import type { WriteGuard } from './write-guard.js';

export interface McpLogEvent {
  level: 'info' | 'warn' | 'error';
  msg: string;
  tool?: string;
  caller?: string;
  /** The real error: for the log only, never for the model. */
  err?: unknown;
  [key: string]: unknown;
}

export type McpLog = (event: McpLogEvent) => void;

// As paging.ts estimates: about 4 characters a token.
const CHARS_PER_TOKEN = 4;

function isMedia(value: unknown): value is MediaReply {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'media';
}

// Unknown keys would be stripped silently by zod; a model that wrote `project` for `project_id` would then
// get an unfiltered answer and believe it filtered. Say so instead.
function unknownArguments(tool: AnyTool, args: unknown): string[] {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return [];
  const known = tool.input.shape as Record<string, unknown>;
  return Object.keys(args).filter((key) => !Object.hasOwn(known, key));
}

function badArguments(tool: AnyTool, problems: string): CallToolResult {
  const names = Object.keys(tool.input.shape as Record<string, unknown>);
  const takes = names.length ? `${tool.name} takes: ${names.join(', ')}` : `${tool.name} takes no arguments`;
  return errorResult(
    `Invalid arguments for ${tool.name}: ${problems}.`,
    `Fix these arguments and call again (${takes}; the tool's input schema describes each).`,
    'arguments',
  );
}

function overBudget(tool: AnyTool, tokens: number, ctx: ToolContext, log: McpLog): CallToolResult {
  log({ level: 'warn', msg: 'tool answer over the token budget', tool: tool.name, tokens });
  return errorResult(
    `The answer of ${tool.name} is too large for one reply (about ${tokens} tokens; the limit is ${ctx.limits.budgetTokens}).`,
    'Narrow the query (filters, a smaller `limit`, fewer included details) and call again.',
    'too_large',
  );
}

/** When the oldest data a read used was fetched, as ISO time; undefined for writes and reads of nothing. */
function fetchedAtOf(tool: AnyTool, ctx: ToolContext): string | undefined {
  const at = tool.effect === 'read' ? ctx.stats?.fetchedAt : undefined;
  return at === undefined ? undefined : new Date(at).toISOString();
}

function mediaResult(tool: AnyTool, reply: MediaReply, ctx: ToolContext, log: McpLog): CallToolResult {
  const textChars = reply.content.reduce(
    (sum, block) => sum + (block.type === 'text' ? block.text.length : 0),
    0,
  );
  const tokens = Math.ceil(textChars / CHARS_PER_TOKEN);
  if (tokens > ctx.limits.budgetTokens) return overBudget(tool, tokens, ctx, log);
  const fetchedAt = fetchedAtOf(tool, ctx);
  // Media has no JSON to carry it: the result's _meta does.
  return fetchedAt
    ? { content: reply.content, _meta: { [FETCHED_AT]: fetchedAt } }
    : { content: reply.content };
}

function structuredResult(
  tool: AnyTool,
  answer: unknown,
  ctx: ToolContext,
  log: McpLog,
  resolvedDates: Record<string, string>,
): CallToolResult {
  let value = answer;
  if (tool.output) {
    const checked = tool.output.safeParse(answer);
    if (!checked.success) {
      // The tool broke its own contract: a bug to fix, not something the model can act on.
      log({
        level: 'error',
        msg: 'tool answer does not match its output schema',
        tool: tool.name,
        issues: checked.error.issues,
      });
      return errorResult(INTERNAL_ERROR_TEXT, undefined, 'internal');
    }
    value = checked.data;
  }
  const fetchedAt = fetchedAtOf(tool, ctx);
  if (fetchedAt && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    value = { ...value, [FETCHED_AT]: fetchedAt };
  }
  // The answer states what the spoken dates were taken to mean, so the model can say it (or correct it).
  if (Object.keys(resolvedDates).length > 0 && typeof value === 'object' && value !== null) {
    value = { ...value, [RESOLVED_DATES]: resolvedDates };
  }
  // Clients that ignore structuredContent read the same JSON as text (the spec's SHOULD).
  const text = JSON.stringify(value);
  const tokens = Math.ceil(text.length / CHARS_PER_TOKEN);
  if (tokens > ctx.limits.budgetTokens) return overBudget(tool, tokens, ctx, log);
  const result: CallToolResult = { content: [{ type: 'text', text }] };
  if (tool.output) result.structuredContent = value as Record<string, unknown>;
  return result;
}

/** The handler's answer as the client gets it, and a thrown failure as the model hears it. */
export interface ToolRun {
  handle(args: unknown, ctx: ToolContext): Promise<unknown>;
  answer(answer: unknown, ctx: ToolContext): CallToolResult;
  failure(err: unknown): CallToolResult;
}

export async function runToolCall(
  tool: AnyTool,
  rawArgs: unknown,
  ctx: ToolContext,
  log: McpLog,
  writes?: WriteGuard,
): Promise<CallToolResult> {
  const unknown = unknownArguments(tool, rawArgs);
  const refusal = unknown.map((key) => tool.refused?.[key]).find((r) => r !== undefined);
  if (refusal) return errorResult(refusal.message, refusal.hint);
  if (unknown.length) {
    return badArguments(
      tool,
      unknown.map((key) => `${quoted(key, '`')} is not an argument of this tool`).join('; '),
    );
  }
  // Spoken dates ("yesterday", "this week") become ISO dates on the account's calendar first.
  const dateKeys = spokenDateKeys(tool.input);
  const { args: dated, resolved } = dateKeys.length
    ? resolveSpokenDates(rawArgs ?? {}, dateKeys, ctx.today())
    : { args: rawArgs ?? {}, resolved: {} };
  const parsed = tool.input.safeParse(dated);
  if (!parsed.success) return badArguments(tool, describeIssues(parsed.error));
  const { fresh, args } = takeFresh(tool.effect, parsed.data);
  const callCtx = fresh && ctx.fresh ? { ...ctx.fresh(), changes: ctx.changes } : ctx;

  const run: ToolRun = {
    handle: (handlerArgs, handlerCtx) => tool.handle(handlerArgs, handlerCtx),
    answer(answer, answerCtx) {
      const result = isMedia(answer)
        ? mediaResult(tool, answer, answerCtx, log)
        : structuredResult(tool, answer, answerCtx, log, resolved);
      return withUnreadableNote(result, answerCtx.stats?.unreadable, tool.name, log);
    },
    failure(err) {
      const failure = mapToolFailure(err);
      if (failure.internal !== undefined) {
        log({
          level: 'error',
          msg: 'tool failed',
          tool: tool.name,
          caller: ctx.caller,
          err: failure.internal,
        });
      }
      return failure.result;
    },
  };
  if (tool.effect !== 'read' && writes) return writes.run(tool, args, callCtx, run);
  let answer: unknown;
  try {
    answer = await run.handle(args, callCtx);
  } catch (err) {
    return run.failure(err);
  }
  return run.answer(answer, callCtx);
}
