// How fresh an answer is, said the same way by every read tool: each takes a `fresh` argument (skip the
// data held from recent calls) and its structured answer may carry `fetched_at` (when its data was fetched;
// the oldest part when it combines several). Writes answer what they just changed, so they carry neither. Added here, once, by defineTool, so the tool schemas,
// the snapshots and the README agree without each tool declaring them; tool-call.ts acts on both.
import { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';

export const FRESH_ARG = 'fresh';
export const FETCHED_AT = 'fetched_at';

// Both repeat on every read tool: kept short, the server instructions explain them once.
const freshArg = z.boolean().optional().describe('true = refetch.');

const fetchedAtField = z
  .string()
  .optional()
  .describe(
    'When this data was fetched from Worksection (ISO time; the oldest part if several). fresh=true fetches anew.',
  );

/** A read tool's definition with `fresh` on its input and `fetched_at` on its output. */
export function withFreshness<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  if (def.effect !== 'read' || Object.hasOwn(def.input.shape, FRESH_ARG)) return def;
  const input = def.input.extend({ [FRESH_ARG]: freshArg }) as unknown as I;
  const output = def.output?.extend({ [FETCHED_AT]: fetchedAtField });
  return { ...def, input, ...(output ? { output: output as unknown as O } : {}) };
}

/** The read-tool arguments without `fresh`, and whether it asked for fresh data. */
export function takeFresh(effect: string, args: unknown): { fresh: boolean; args: unknown } {
  if (effect !== 'read' || typeof args !== 'object' || args === null || !Object.hasOwn(args, FRESH_ARG)) {
    return { fresh: false, args };
  }
  const { [FRESH_ARG]: fresh, ...rest } = args as Record<string, unknown>;
  return { fresh: fresh === true, args: rest };
}
