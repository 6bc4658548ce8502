// The change journal as the UI's Changes panel shows it: every write the assistants made, newest first,
// with before → after, and an Undo for those Worksection can put back.
import { z } from 'zod';

export const changeStateSchema = z.enum(['pending', 'applied', 'failed', 'unknown', 'undone']);

export const changeViewSchema = z.strictObject({
  id: z.number().int(),
  time: z.string(),
  client: z.string(),
  tool: z.string(),
  state: changeStateSchema,
  object: z.strictObject({ kind: z.string(), id: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** Why Undo cannot put it back, or null when it can be tried. */
  cannotUndo: z.string().nullable(),
});
export type ChangeView = z.infer<typeof changeViewSchema>;

export const changesViewSchema = z.strictObject({ changes: z.array(changeViewSchema) });
export type ChangesView = z.infer<typeof changesViewSchema>;

/** What an Undo came to: done, or the reason (a conflict says what it would overwrite). */
export const undoResultSchema = z.strictObject({ ok: z.boolean(), message: z.string() });
export type UndoResult = z.infer<typeof undoResultSchema>;
