// set_task_status and manage_task_subscribers. Worksection's status errors become answers the model can
// act on: 12 (already so) is success, 13 (open subtasks) names them, 14 (parent done) names the parent.
import { z } from 'zod';
import type { TaskDetail } from '../../../worksection/schemas.js';
import { defineTool } from '../kit/define-tool.js';
import { idArg, peopleArg, personOf, personShape } from '../shapes/common.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { taskSummaryOf, taskSummaryShape } from '../shapes/task.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { apiCode, orNotFound, personList } from './shared.js';
import { readTask } from './plans.js';

type TaskSlimChild = NonNullable<TaskDetail['child']>[number];

async function openSubtasks(ctx: ToolContext, taskId: string): Promise<TaskSlimChild[]> {
  const { data } = await ctx.ws.call('get_task', { id_task: taskId, extra: 'subtasks', filter: 'active' });
  return (data.child ?? []).filter((c) => c.status === 'active');
}

/** Open descendants, deepest first, so each can be completed in this order. */
function deepestFirst(children: TaskSlimChild[]): { id: string; name: string }[] {
  return children.flatMap((c) => [
    ...(c.child ?? []).filter((g) => g.status === 'active').map((g) => ({ id: g.id, name: g.name })),
    { id: c.id, name: c.name },
  ]);
}

async function complete(ctx: ToolContext, taskId: string, withSubtasks: boolean) {
  const completed: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await ctx.ws.call('complete_task', { id_task: taskId });
      // The answer is a snapshot taken before closing: its status still reads "active".
      return { snapshot: { ...data, status: 'done' as const }, completed };
    } catch (e) {
      if (apiCode(e) !== 13 || attempt > 0) throw e;
      const open = deepestFirst(await openSubtasks(ctx, taskId));
      if (!withSubtasks) {
        const list = open.map((s) => `${s.id} "${s.name}"`).join(', ');
        throw new ToolError(
          `Task ${taskId} has open subtasks: ${list}.`,
          'Complete them first, or call set_task_status again with with_subtasks=true to complete them too.',
        );
      }
      for (const s of open) {
        await ctx.ws.call('complete_task', { id_task: s.id });
        completed.push(s.id);
      }
    }
  }
}

async function current(ctx: ToolContext, taskId: string) {
  const { data } = await ctx.ws.call('get_task', { id_task: taskId });
  return data;
}

async function subscriberEmails(ctx: ToolContext, taskId: string): Promise<string[]> {
  const { data } = await orNotFound(
    ctx.ws.call('get_task', { id_task: taskId, extra: 'subscribers' }, { fresh: true }),
    { task: taskId },
  );
  return (data.subscribers ?? []).map((u) => u.email);
}

export const setTaskStatus = defineTool({
  name: 'set_task_status',
  title: 'Complete or reopen a task',
  toolset: 'tasks',
  effect: 'write',
  idempotent: true,
  description:
    'Complete (done) or reopen (active) a task; with_subtasks=true completes its open subtasks first.',
  input: z.object({
    task_id: idArg('The task.'),
    status: z.enum(['done', 'active']).describe('done = complete; active = reopen.'),
    with_subtasks: z.boolean().default(false).describe('With done: complete open subtasks too.'),
  }),
  output: z.object({
    task: taskSummaryShape,
    already: z.boolean().describe('True when the task already had this status (nothing changed).'),
    completed_subtasks: z.array(z.string()).optional().describe('Ids of subtasks completed on the way.'),
  }),
  async plan(args, ctx) {
    const task = await readTask(ctx, args.task_id);
    const object = { kind: 'task', id: String(task.id) };
    if (task.status === args.status) return { object, unchanged: ['status'] };
    return {
      object,
      before: { status: task.status },
      after: { status: args.status },
      ...(args.with_subtasks
        ? { note: 'undo_change reopens this task, not the subtasks completed with it.' }
        : {}),
    };
  },
  async handle(args, ctx) {
    const today = ctx.today();
    const found = { task: args.task_id };
    try {
      if (args.status === 'done') {
        const { snapshot, completed } = await orNotFound(
          complete(ctx, args.task_id, args.with_subtasks),
          found,
        );
        const out = { task: taskSummaryOf(snapshot, { today }), already: false };
        return completed.length > 0 ? { ...out, completed_subtasks: completed } : out;
      }
      await orNotFound(ctx.ws.call('reopen_task', { id_task: args.task_id }), found);
      return { task: taskSummaryOf(await current(ctx, args.task_id), { today }), already: false };
    } catch (e) {
      const code = apiCode(e);
      if (code === 12) {
        return { task: taskSummaryOf(await current(ctx, args.task_id), { today }), already: true };
      }
      if (code === 14) {
        const t = await current(ctx, args.task_id);
        const parent = t.parent ? `${t.parent.id} "${t.parent.name}"` : 'its parent';
        throw new ToolError(
          `Task ${args.task_id} cannot be reopened while its parent task ${parent} is done.`,
          'Reopen the parent first (set_task_status status=active), then this task.',
        );
      }
      throw e;
    }
  },
});

export const manageTaskSubscribers = defineTool({
  name: 'manage_task_subscribers',
  title: 'Subscribe or unsubscribe people',
  toolset: 'tasks',
  effect: 'destructive',
  idempotent: true,
  description: 'Subscribe people to a task (notified of changes and comments) or unsubscribe them.',
  input: z.object({
    task_id: idArg('The task.'),
    action: z.enum(['subscribe', 'unsubscribe']).describe('Add or remove the people.'),
    people: peopleArg('The people.', 1),
  }),
  output: z.object({
    task_id: z.string(),
    subscribers: z.array(personShape).describe('Everyone subscribed after the change.'),
  }),
  async plan(args, ctx) {
    const people = await personList(args.people, createPeopleResolver(ctx));
    const emails = await subscriberEmails(ctx, args.task_id);
    const adding = args.action === 'subscribe';
    const todo = people.filter((p) => emails.includes(p.email) !== adding).map((p) => p.email);
    const unchanged = people.filter((p) => !todo.includes(p.email)).map((p) => p.email);
    const after = adding ? [...emails, ...todo] : emails.filter((e) => !todo.includes(e));
    return {
      object: { kind: 'task', id: args.task_id },
      ...(todo.length ? { before: { subscribers: emails }, after: { subscribers: after } } : {}),
      ...(unchanged.length ? { unchanged } : {}),
      destructive: !adding,
    };
  },
  async handle(args, ctx) {
    const people = await personList(args.people, createPeopleResolver(ctx));
    const emails = await subscriberEmails(ctx, args.task_id);
    // Only who is not yet as asked: Worksection answers success for a repeat, which says nothing.
    for (const p of people.filter((x) => emails.includes(x.email) !== (args.action === 'subscribe'))) {
      await orNotFound(ctx.ws.call(args.action, { id_task: args.task_id, email_user: p.email }), {
        task: args.task_id,
      });
    }
    const { data } = await ctx.ws.call('get_task', { id_task: args.task_id, extra: 'subscribers' });
    return {
      task_id: args.task_id,
      subscribers: (data.subscribers ?? []).flatMap((u) => personOf(u) ?? []),
    };
  },
});
