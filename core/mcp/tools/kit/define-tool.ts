// One tool = one defineTool: name, toolset, declared effect, zod input (every field described), optional
// zod output (then the reply carries structuredContent), and the handler. The effect is the single source of
// the MCP annotations, the read-only filter and the client-token scope check.
import type { ContentBlock, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { spokenDateKeys } from './dates.js';
import { CHANGE_FIELD, changeShape, writeArgsFor } from './write-args.js';
import type { WritePlan } from './write-plan.js';
import type { ToolsetName } from './toolsets.js';

type ToolEffect = 'read' | 'write' | 'destructive';

/** Media answers (images, extracted file text) that are not a JSON object. */
export interface MediaReply {
  kind: 'media';
  content: ContentBlock[];
}

export function mediaReply(content: ContentBlock[]): MediaReply {
  return { kind: 'media', content };
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  /** snake_case, verb first: list_tasks, log_time. */
  name: string;
  title: string;
  toolset: ToolsetName;
  effect: ToolEffect;
  /** For writes that set values (update_task): repeating the call changes nothing more. */
  idempotent?: boolean;
  /** What the tool does and when to use it: the model reads this. */
  description: string;
  input: I;
  /**
   * Arguments a model may reach for that Worksection cannot do, with why not and what to do instead. Kept
   * out of the input schema (the model pays for every schema byte); said only when the argument is sent.
   */
  refused?: Record<string, { message: string; hint: string }>;
  /** The shape of structuredContent. Tools answering only with media leave it out. */
  output?: O;
  /**
   * Writes: what this call would change, read before anything is written (the object, before → after,
   * what already is as asked, sanity checks that need confirm). Used by dry_run, the write policy, honest
   * no-ops, every answer's `change`, the journal and undo_change.
   */
  plan?(args: z.output<I>, ctx: ToolContext): Promise<WritePlan>;
  /**
   * Non-idempotent writes: whether this call's change exists in Worksection (made since `since`, epoch
   * ms). Settles a write whose answer never came, so a keyed retry applies it only if it did not happen.
   */
  verify?(args: z.output<I>, ctx: ToolContext, since: number): Promise<boolean>;
  /**
   * Bulk writes: a run that did not finish (an item's answer lost, cancelled, the app stopped) leaves its
   * row unknown; a keyed repeat runs again with the earlier runs in `ctx.resumes`, and the handler skips
   * the items they made (instead of "may have been applied" for the whole batch).
   */
  resumable?: boolean;
  handle(args: z.output<I>, ctx: ToolContext): Promise<z.input<O> | MediaReply>;
}

// The registry holds tools of many input/output types; this is the erased form it stores.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;

/** The definition as written, plus the `fresh` argument and `fetched_at` answer field (below). */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return def.effect === 'read' ? withFreshness(def) : withWriteArgs(def);
}

/**
 * A write tool's definition with the write arguments on its input (kit/write-args.ts) and `change` on its
 * output; the answer's own fields become optional, since a preview or a no-op has none of them.
 */
function withWriteArgs<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  if (Object.hasOwn(def.input.shape, 'dry_run')) return withResolvedDates(def);
  const input = def.input.extend(writeArgsFor(def)) as unknown as I;
  const output = def.output?.partial().extend({ [CHANGE_FIELD]: changeShape.optional() });
  return withResolvedDates({ ...def, input, ...(output ? { output: output as unknown as O } : {}) });
}

// The title is the tool's own (Tool.title): clients since 2025-06-18 read it there, so it is not repeated.
// destructiveHint and idempotentHint mean something only when readOnlyHint is false (the spec), so a read
// tool leaves them out: tools/list is read in every conversation.
export function annotationsFor(tool: Pick<ToolDefinition, 'effect' | 'idempotent'>): ToolAnnotations {
  // Reads stay inside the user's own account; writes are seen (and notified) by other people.
  if (tool.effect === 'read') return { readOnlyHint: true, openWorldHint: false };
  return {
    readOnlyHint: false,
    destructiveHint: tool.effect === 'destructive',
    idempotentHint: tool.idempotent === true,
    openWorldHint: true,
  };
}

// How fresh an answer is, said the same way by every read tool: each takes a `fresh` argument (skip the
// data cached from recent calls) and its structured answer may carry `fetched_at` (when its data was fetched;
// the oldest part when it combines several). Writes answer what they just changed, so they carry neither. Added here, once, by defineTool, so the tool schemas,
// the snapshots and the README agree without each tool declaring them; tool-call.ts acts on both.

const FRESH_ARG = 'fresh';
export const FETCHED_AT = 'fetched_at';
/** Answers of tools with date arguments say what spoken dates ("yesterday") were resolved to. */
export const RESOLVED_DATES = 'resolved_dates';

const resolvedDatesField = z.record(z.string(), z.string()).optional();

// Both repeat on every read tool: kept short, the server instructions explain them once.
const freshArg = z.boolean().optional().describe('true = refetch.');

const fetchedAtField = z
  .string()
  .optional()
  .describe(
    'When this data was fetched from Worksection (ISO time; the oldest part if several). fresh=true fetches anew.',
  );

/** A read tool's definition with `fresh` on its input and `fetched_at` on its output. */
function withFreshness<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  if (def.effect !== 'read' || Object.hasOwn(def.input.shape, FRESH_ARG)) return withResolvedDates(def);
  const input = def.input.extend({ [FRESH_ARG]: freshArg }) as unknown as I;
  const output = def.output?.extend({ [FETCHED_AT]: fetchedAtField });
  return withResolvedDates({ ...def, input, ...(output ? { output: output as unknown as O } : {}) });
}

/** A tool with spoken-date arguments says in its answer what they were resolved to. */
function withResolvedDates<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  if (!def.output || spokenDateKeys(def.input).length === 0) return def;
  const output = def.output.extend({ [RESOLVED_DATES]: resolvedDatesField }) as unknown as O;
  return { ...def, output };
}

/** The read-tool arguments without `fresh`, and whether it asked for fresh data. */
export function takeFresh(effect: string, args: unknown): { fresh: boolean; args: unknown } {
  if (effect !== 'read' || typeof args !== 'object' || args === null || !Object.hasOwn(args, FRESH_ARG)) {
    return { fresh: false, args };
  }
  const { [FRESH_ARG]: fresh, ...rest } = args as Record<string, unknown>;
  return { fresh: fresh === true, args: rest };
}
