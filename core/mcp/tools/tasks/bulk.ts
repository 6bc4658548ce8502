// bulk_update_tasks: up to 100 tasks changed in one call. One read of the account's tasks gives every
// "before" (so 100 updates cost about 100 requests, not 200); items already as asked are not sent, which
// also makes a repeat with the same idempotency_key after a crash apply only the rest. Each item answers
// done, unchanged, failed (with the reason) or cancelled; progress notifications follow the scheduler.
import { z } from 'zod';
import type { Tag, Task } from '../../../worksection/schemas.js';
import type { ToolContext } from '../kit/context.js';
import { dateArg, toWsDate } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { BULK_MAX_ITEMS, bulkResultShape, runBulk } from '../kit/bulk-items.js';
import { diffFields, farDates, type WritePlan } from '../kit/write-plan.js';
import { idArg } from '../shapes/common.js';
import { matchTags } from '../shapes/tag.js';
import { getTags } from '../tags/api.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { taskFieldsOf } from './plans.js';
import { assigneeArg, assigneeParam, isTooManyTasks, resolveAssignee } from './shared.js';

const itemShape = z.object({
  task_id: idArg('The task.'),
  status: z.enum(['active', 'done']).optional().describe('done = complete; active = reopen.'),
  assignee: assigneeArg('Assignee.').optional(),
  priority: z.number().int().min(0).max(10).optional().describe('0-10.'),
  start_date: dateArg('Start date.').optional(),
  due_date: dateArg('Due date.').optional(),
  add_tags: z.array(z.string().min(1)).optional().describe('Tags to add.'),
  remove_tags: z.array(z.string().min(1)).optional().describe('Tags to remove.'),
});
type Item = z.output<typeof itemShape>;
type Fields = Record<string, unknown>;

const resultShape = z.object({
  task_id: z.string(),
  result: bulkResultShape,
  reason: z.string().optional(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
});
type ItemResult = z.output<typeof resultShape>;

interface ItemDiff {
  item: Item;
  before: Fields;
  after: Fields;
  /** Why the item cannot be sent (task not found, unknown tags). */
  problem?: string;
  /** The tags to add and remove, resolved, when they change anything (update_task_tags). */
  tags?: { plus: Tag[]; minus: Tag[] };
}

/** The requests an item costs: one update for its fields, one for a status, one for tags. */
function requestsOf(d: ItemDiff): number {
  const fields = Object.keys(d.after).filter((k) => k !== 'status' && k !== 'tags').length;
  return (fields > 0 ? 1 : 0) + (d.after.status !== undefined ? 1 : 0) + (d.tags ? 1 : 0);
}

/** The item's tag change against the task's tags, as set_tags makes it (names or ids, any case). */
function tagDiff(all: Tag[], task: Task, item: Item): { tags?: ItemDiff['tags']; problem?: string } {
  const add = matchTags(all, item.add_tags ?? []);
  const remove = matchTags(all, item.remove_tags ?? []);
  const unknown = [...add.unknown, ...remove.unknown];
  if (unknown.length > 0) return { problem: `Unknown task tag(s): ${unknown.join(', ')} (list_tags).` };
  const current = Object.keys(task.tags ?? {});
  const plus = add.found.filter((t) => !current.includes(String(t.id)));
  const minus = remove.found.filter((t) => current.includes(String(t.id)));
  return plus.length + minus.length > 0 ? { tags: { plus, minus } } : {};
}

async function currentTasks(ctx: ToolContext, ids: string[]): Promise<Map<string, Task>> {
  // One read for all when the account allows it (Worksection refuses past 10,000 tasks): then one each.
  const data = await ctx.ws.call('get_all_tasks', {}).then(
    (r) => r.data,
    (err: unknown) => {
      if (isTooManyTasks(err)) return [];
      throw err;
    },
  );
  const byId = new Map<string, Task>(data.map((t) => [String(t.id), t]));
  for (const id of ids.filter((x) => !byId.has(x))) {
    // Subtasks and tasks the listing leaves out: one read each (a missing one fails its item only).
    const task = await ctx.ws.call('get_task', { id_task: id }).then(
      (r) => r.data,
      () => undefined,
    );
    if (task) byId.set(id, task);
  }
  return byId;
}

// The plan and the handler of one call get the same arguments object: the handler reuses the plan's reads
// (a second read of 100 tasks would cost as much as the plan itself).
const planned = new WeakMap<object, Promise<ItemDiff[]>>();

function diffsOnce(ctx: ToolContext, args: { items: Item[] }): Promise<ItemDiff[]> {
  let once = planned.get(args);
  if (!once) {
    once = diffs(ctx, args.items);
    planned.set(args, once);
  }
  return once;
}

async function diffs(ctx: ToolContext, items: Item[]): Promise<ItemDiff[]> {
  const tasks = await currentTasks(
    ctx,
    items.map((i) => String(i.task_id)),
  );
  const people = createPeopleResolver(ctx);
  const tagged = items.some((i) => (i.add_tags?.length ?? 0) + (i.remove_tags?.length ?? 0) > 0);
  const allTags = tagged ? await getTags(ctx, 'task') : [];
  const out: ItemDiff[] = [];
  for (const item of items) {
    const task = tasks.get(String(item.task_id));
    if (!task) {
      out.push({ item, before: {}, after: {}, problem: `Task ${item.task_id} not found.` });
      continue;
    }
    const { tags, problem } = tagDiff(allTags, task, item);
    if (problem) {
      out.push({ item, before: {}, after: {}, problem });
      continue;
    }
    const assignee =
      item.assignee === undefined ? undefined : assigneeParam(await resolveAssignee(people, item.assignee));
    const wanted = {
      status: item.status,
      assignee: assignee === 'ANY' ? 'anyone' : assignee === 'NOONE' ? 'nobody' : assignee,
      priority: item.priority,
      start_date: item.start_date,
      due_date: item.due_date,
    };
    const { before, after } = diffFields(taskFieldsOf(task), wanted);
    if (tags) {
      const current = Object.values(task.tags ?? {});
      const gone = new Set(tags.minus.map((t) => t.title));
      before.tags = current;
      after.tags = [...current.filter((t) => !gone.has(t)), ...tags.plus.map((t) => t.title)];
    }
    out.push({ item, before, after, ...(tags ? { tags } : {}) });
  }
  return out;
}

async function applyItem(ctx: ToolContext, d: ItemDiff): Promise<void> {
  const id = String(d.item.task_id);
  const params: Record<string, string | number> = { id_task: id };
  const a = d.after;
  if (a.assignee !== undefined)
    params.email_user_to = assigneeParam(
      await resolveAssignee(createPeopleResolver(ctx), String(a.assignee)),
    );
  if (a.priority !== undefined) params.priority = Number(a.priority);
  if (a.start_date !== undefined) params.datestart = toWsDate(String(a.start_date));
  if (a.due_date !== undefined) params.dateend = toWsDate(String(a.due_date));
  // Reopen before other changes, complete after them: a done task may refuse edits.
  if (a.status === 'active') await ctx.ws.call('reopen_task', { id_task: id });
  if (Object.keys(params).length > 1) await ctx.ws.call('update_task', params);
  if (d.tags) {
    const ids = (list: Tag[]) => list.map((t) => String(t.id)).join(',');
    await ctx.ws.call('update_task_tags', {
      id_task: id,
      ...(d.tags.plus.length ? { plus: ids(d.tags.plus) } : {}),
      ...(d.tags.minus.length ? { minus: ids(d.tags.minus) } : {}),
    });
  }
  if (a.status === 'done') await ctx.ws.call('complete_task', { id_task: id });
}

export const bulkUpdateTasks = defineTool({
  name: 'bulk_update_tasks',
  title: 'Update many tasks',
  toolset: 'tasks',
  effect: 'write',
  idempotent: true,
  resumable: true,
  description: 'Change status, assignee, priority, dates or tags of many tasks.',
  input: z.object({
    items: z.array(itemShape).min(1).max(BULK_MAX_ITEMS).describe('The tasks and new values.'),
  }),
  output: z.object({ results: z.array(resultShape), expected_seconds: z.number() }),
  async plan(args, ctx): Promise<WritePlan> {
    const all = await diffsOnce(ctx, args);
    const todo = all.filter((d) => Object.keys(d.after).length > 0);
    const confirm = todo.flatMap((d) =>
      farDates(ctx, { start_date: d.after.start_date as string, due_date: d.after.due_date as string }).map(
        (r) => `task ${d.item.task_id}: ${r}`,
      ),
    );
    const byTask = (pick: (d: ItemDiff) => Fields) =>
      Object.fromEntries(todo.map((d) => [String(d.item.task_id), pick(d)]));
    // As set_tags: removing a tag, or a status tag replacing another, loses what was there.
    const lossy = todo.some(
      (d) => (d.tags?.minus.length ?? 0) > 0 || d.tags?.plus.some((t) => t.group.type === 'status'),
    );
    return {
      ...(todo.length ? { before: byTask((d) => d.before), after: byTask((d) => d.after) } : {}),
      ...(lossy ? { destructive: true } : {}),
      diffInAnswer: true,
      unchanged: all.filter((d) => Object.keys(d.after).length === 0).map((d) => String(d.item.task_id)),
      ...(confirm.length ? { confirm } : {}),
    };
  },
  async handle(args, ctx) {
    const all = await diffsOnce(ctx, args);
    return runBulk<ItemDiff, ItemResult>(ctx, all, {
      requests: all.reduce((n, d) => n + requestsOf(d), 0),
      idOf: (d) => ({ task_id: String(d.item.task_id) }),
      label: (d) => `task ${d.item.task_id}`,
      async run(d) {
        const taskId = String(d.item.task_id);
        if (d.problem) return { task_id: taskId, result: 'failed', reason: d.problem };
        if (requestsOf(d) === 0) return { task_id: taskId, result: 'unchanged' };
        await applyItem(ctx, d);
        return { task_id: taskId, result: 'done', before: d.before, after: d.after };
      },
    });
  },
});
