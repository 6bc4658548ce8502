// set_tags: add and remove tags on one task or project (update_task_tags / update_project_tags plus and
// minus). Names are checked against the scope's tags first and sent as ids, because Worksection takes a
// name only when it is unique across groups.
import { z } from 'zod';
import { defineTool } from '../kit/define-tool.js';
import { idArg } from '../shapes/common.js';
import { matchTags } from '../shapes/tag.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { getTags } from './api.js';
import { apiCode, orNotFound } from '../tasks/shared.js';

const names = (d: string) => z.array(z.string().min(1)).optional().describe(d);

async function currentTags(ctx: ToolContext, scope: 'task' | 'project', id: string): Promise<string[]> {
  const found = scope === 'task' ? { task: id } : { project: id };
  const { data } =
    scope === 'task'
      ? await orNotFound(ctx.ws.call('get_task', { id_task: id }, { fresh: true }), found)
      : await orNotFound(ctx.ws.call('get_project', { id_project: id }, { fresh: true }), found);
  return Object.values(data.tags ?? {});
}

export const setTags = defineTool({
  name: 'set_tags',
  title: 'Add or remove tags',
  toolset: 'tags',
  // Removing a tag, or a status tag replacing another, loses what was there.
  effect: 'destructive',
  idempotent: true,
  description:
    'Add and/or remove tags on a task or project; a tag of a status group replaces the previous status of that group.',
  input: z.object({
    task_id: idArg('The task (or project_id).').optional(),
    project_id: idArg('The project (or task_id).').optional(),
    add: names('Tags to add.'),
    remove: names('Tags to remove.'),
  }),
  output: z.object({
    target: z.object({ type: z.enum(['task', 'project']), id: z.string() }),
    tags: z.array(z.string()).describe('The tag names after the change.'),
  }),
  async plan(args, ctx) {
    const scope = args.task_id !== undefined ? 'task' : 'project';
    const id = args.task_id ?? args.project_id;
    if (id === undefined || (args.task_id !== undefined && args.project_id !== undefined)) return {};
    const current = await currentTags(ctx, scope, id);
    const has = (name: string) => current.some((t) => t.toLowerCase() === name.toLowerCase());
    const add = (args.add ?? []).filter((t) => !has(t));
    const remove = (args.remove ?? []).filter((t) => has(t));
    const unchanged = [...(args.add ?? []).filter(has), ...(args.remove ?? []).filter((t) => !has(t))];
    const lower = remove.map((t) => t.toLowerCase());
    const after = [...current.filter((t) => !lower.includes(t.toLowerCase())), ...add];
    // A tag of a status group replaces the status the object had in that group.
    const statuses = matchTags(await getTags(ctx, scope), add).found.filter((t) => t.group.type === 'status');
    return {
      object: { kind: scope, id },
      ...(add.length + remove.length > 0 ? { before: { tags: current }, after: { tags: after } } : {}),
      unchanged,
      destructive: remove.length > 0 || statuses.length > 0,
    };
  },
  async handle(args, ctx) {
    if ((args.task_id === undefined) === (args.project_id === undefined)) {
      throw new ToolError(
        'Give exactly one of task_id and project_id.',
        'Tags are set on one task or one project.',
      );
    }
    const add = args.add ?? [];
    const remove = args.remove ?? [];
    if (add.length + remove.length === 0) {
      throw new ToolError('Nothing to change.', 'Pass tag names in add and/or remove.');
    }
    const scope: 'task' | 'project' = args.task_id !== undefined ? 'task' : 'project';
    const id = (args.task_id ?? args.project_id)!;
    const all = await getTags(ctx, scope);
    const plus = matchTags(all, add);
    const minus = matchTags(all, remove);
    const unknown = [...plus.unknown, ...minus.unknown];
    if (unknown.length > 0) {
      throw new ToolError(
        `Unknown ${scope} tag(s): ${unknown.join(', ')}.`,
        'list_tags shows the existing tags; create_tags adds new ones.',
      );
    }
    const ids = (list: typeof plus.found) => list.map((t) => String(t.id)).join(',');
    const change: Record<string, string> = {};
    if (plus.found.length > 0) change.plus = ids(plus.found);
    if (minus.found.length > 0) change.minus = ids(minus.found);
    const found = scope === 'task' ? { task: id } : { project: id };
    try {
      if (scope === 'task') {
        await orNotFound(ctx.ws.call('update_task_tags', { id_task: id, ...change }), found);
        const { data } = await ctx.ws.call('get_task', { id_task: id });
        return { target: { type: scope, id }, tags: Object.values(data.tags ?? {}) };
      }
      await orNotFound(ctx.ws.call('update_project_tags', { id_project: id, ...change }), found);
      const { data } = await ctx.ws.call('get_project', { id_project: id });
      return { target: { type: scope, id }, tags: Object.values(data.tags ?? {}) };
    } catch (e) {
      if (apiCode(e) === 16) {
        throw new ToolError(
          `Worksection refused a tag for this ${scope}.`,
          'list_tags shows the tags it accepts.',
        );
      }
      throw e;
    }
  },
});
