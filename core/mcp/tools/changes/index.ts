// list_changes and undo_change over the change journal (store/change-journal.ts), which the write guard
// fills: every write the assistants made, what it changed, and the inverse where Worksection allows one.
import { z } from 'zod';
import type { ChangeRow } from '../../../store/change-journal.js';
import type { ToolContext } from '../kit/context.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { ToolError } from '../kit/errors.js';
import { idArg } from '../shapes/common.js';
import { CANNOT_UNDO, undoPlan } from './inverse.js';

function journalOf(ctx: ToolContext): NonNullable<ToolContext['changes']> {
  if (!ctx.changes) throw new Error('the change journal is not wired into this context');
  return ctx.changes;
}

const changeRowShape = z.object({
  id: z.number().int(),
  time: z.string().describe('ISO time.'),
  client: z.string(),
  tool: z.string(),
  state: z.enum(['pending', 'applied', 'failed', 'unknown', 'undone']),
  object: z.object({ kind: z.string(), id: z.string() }).optional(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  undo: z.string().optional().describe('Why undo_change cannot put it back, when it cannot.'),
});

export function changeView(row: ChangeRow): z.output<typeof changeRowShape> {
  const cannot = CANNOT_UNDO[row.tool];
  return {
    id: row.id,
    time: new Date(row.time).toISOString(),
    client: row.client,
    tool: row.tool,
    state: row.state,
    ...(row.object ? { object: row.object } : {}),
    ...(row.before ? { before: row.before } : {}),
    ...(row.after ? { after: row.after } : {}),
    ...(cannot ? { undo: cannot } : {}),
  };
}

const listChanges = defineTool({
  name: 'list_changes',
  title: 'List recent changes',
  toolset: 'system',
  effect: 'read',
  description:
    'Writes made through this app, newest first: tool, client, state (applied, unknown = may have been applied), before → after.',
  input: z.object({
    limit: z.number().int().min(1).max(100).default(20).describe('How many (default 20).'),
    before_id: z.number().int().optional().describe('Page back: changes older than this id.'),
  }),
  output: z.object({ changes: z.array(changeRowShape) }),
  async handle(args, ctx) {
    const rows = journalOf(ctx).list({
      limit: args.limit,
      ...(args.before_id !== undefined ? { beforeId: args.before_id } : {}),
    });
    return { changes: rows.map(changeView) };
  },
});

function undoable(row: ChangeRow | undefined, id: number): ChangeRow {
  if (!row) throw new ToolError(`There is no change ${id}.`, 'list_changes shows the changes and their ids.');
  if (row.state === 'undone') {
    throw new ToolError(`Change ${id} was undone already (change ${row.undoneBy}).`);
  }
  if (row.state !== 'applied') {
    throw new ToolError(
      `Change ${id} is ${row.state}, not applied: there is nothing known to undo.`,
      row.state === 'unknown' ? 'Read the object back to see whether it happened.' : undefined,
    );
  }
  return row;
}

const undoChange = defineTool({
  name: 'undo_change',
  title: 'Undo a change',
  toolset: 'system',
  effect: 'write',
  description:
    'Put a change back (fields, status, tags, subscribers, members; a logged entry is deleted) if nobody changed the object since; else it says what it would overwrite. Comments and created tasks cannot be undone.',
  input: z.object({ change_id: idArg('The change (list_changes).') }),
  output: z.object({ undone: z.number().int(), restored: z.record(z.string(), z.unknown()) }),
  async plan(args, ctx) {
    const id = Number(args.change_id);
    const row = undoable(journalOf(ctx).get(id), id);
    const plan = await undoPlan(ctx, row);
    const after = row.after ?? {};
    const moved = Object.keys(after).filter((k) => JSON.stringify(plan.now[k]) !== JSON.stringify(after[k]));
    const confirm = moved.length
      ? [
          `${plan.kind} ${plan.id} changed since change ${id}: ${moved
            .map(
              (k) =>
                `${k} is now ${JSON.stringify(plan.now[k])} (the change set ${JSON.stringify(after[k])})`,
            )
            .join('; ')}; undo would overwrite that`,
        ]
      : [];
    return {
      object: { kind: plan.kind, id: plan.id },
      before: plan.now,
      after: plan.restore,
      ...(confirm.length ? { confirm } : {}),
    };
  },
  async handle(args, ctx) {
    const id = Number(args.change_id);
    const journal = journalOf(ctx);
    const row = undoable(journal.get(id), id);
    const plan = await undoPlan(ctx, row);
    await plan.apply();
    if (ctx.changeId !== undefined) journal.markUndone(id, ctx.changeId);
    return { undone: id, restored: plan.restore };
  },
});

export const changesTools: AnyTool[] = [listChanges, undoChange];
