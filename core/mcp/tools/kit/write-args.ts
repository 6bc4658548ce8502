// The four arguments every write tool takes and the `change` field every write answer may carry, added here
// once (defineTool) so no write tool declares them and none can forget them. They repeat on up to 20 tools
// in every tools/list: the schemas carry no prose; the server instructions explain them once
// (server/instructions.ts), and the write guard (server/write-guard.ts) acts on them.
import { z } from 'zod';

export const WRITE_ARGS = {
  /** Answer what the call would do (names resolved, before → after, the requests) and write nothing. */
  dry_run: z.boolean().optional(),
  /** A repeat with the same key from the same client within 24 h answers the first result. */
  idempotency_key: z.string().min(1).max(100).optional(),
  /** Skip the 60 s duplicate check of creates and logs. */
  allow_duplicate: z.boolean().optional(),
  /** Consent to a write the write policy or a sanity check holds back. */
  confirm: z.boolean().optional(),
} as const;

export const WRITE_ARG_NAMES = Object.keys(WRITE_ARGS) as (keyof typeof WRITE_ARGS)[];

/**
 * The write arguments a tool takes. A set-values write (idempotent) has no duplicate check, so it leaves
 * out allow_duplicate: it would do nothing there and costs every tools/list its bytes.
 */
export function writeArgsFor(tool: { idempotent?: boolean }) {
  if (!tool.idempotent) return WRITE_ARGS;
  const { allow_duplicate: _, ...rest } = WRITE_ARGS;
  return rest;
}

export interface WriteArgs {
  dry_run?: boolean;
  idempotency_key?: string;
  allow_duplicate?: boolean;
  confirm?: boolean;
}

/** What became of a write: on every write answer as `change` (published as a bare object). */
export const changeShape = z
  .object({
    id: z.number().int().optional().describe('The change journal id (list_changes, undo_change).'),
    state: z
      .enum(['applied', 'unchanged', 'preview', 'replayed', 'duplicate'])
      .describe(
        'applied; unchanged (nothing to do); preview (dry_run, nothing written); replayed/duplicate.',
      ),
    duplicate_of: z.number().int().optional().describe('The earlier identical change this one repeats.'),
    before: z.record(z.string(), z.unknown()).optional().describe('Values before the change.'),
    after: z.record(z.string(), z.unknown()).optional().describe('Values after the change.'),
    unchanged: z.array(z.string()).optional().describe('What already was as asked (not sent).'),
    requests: z
      .array(z.object({ action: z.string(), params: z.record(z.string(), z.unknown()) }))
      .optional()
      .describe('The Worksection requests it makes (dry_run: would make).'),
    note: z.string().optional().describe('What to know: e.g. what undo cannot restore.'),
  })
  .describe('What this write did or would do.');

export type ChangeInfo = z.output<typeof changeShape>;

export const CHANGE_FIELD = 'change';

/** When writes apply at once and when they need `confirm: true` (a tool setting; config can lock it). */
export const WRITE_POLICIES = ['apply', 'confirm_destructive', 'confirm_all'] as const;
export type WritePolicy = (typeof WRITE_POLICIES)[number];
export const DEFAULT_WRITE_POLICY: WritePolicy = 'confirm_destructive';

/** The stricter of two policies: a lock can only tighten what the user chose. */
export function stricterPolicy(a: WritePolicy, b: WritePolicy | undefined): WritePolicy {
  return b !== undefined && WRITE_POLICIES.indexOf(b) > WRITE_POLICIES.indexOf(a) ? b : a;
}

/** Splits the write arguments off a write tool's parsed arguments. */
export function takeWriteArgs(args: unknown): { write: WriteArgs; args: Record<string, unknown> } {
  const all = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const rest: Record<string, unknown> = {};
  const write: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (Object.hasOwn(WRITE_ARGS, key)) write[key] = value;
    else rest[key] = value;
  }
  return { write: write as WriteArgs, args: rest };
}
