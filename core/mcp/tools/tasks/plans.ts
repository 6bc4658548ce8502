// What a task write would change, read before it is sent (kit/write-plan.ts): the task's fields as the
// tools name them, before → after, what already is as asked, and the sanity checks that ask for confirm.
// update_task, set_task_status, bulk_update_tasks and undo_change share it.
import type { Task, TaskDetail } from '../../../worksection/schemas.js';
import type { ToolContext } from '../kit/context.js';
import { diffFields, farDates, type WritePlan } from '../kit/write-plan.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { assigneeParam, orNotFound, resolveAssignee } from './shared.js';

/** The settable fields of a task, as update_task names them; the assignee as an email, "anyone" or "nobody". */
export interface TaskFields {
  title?: string;
  priority?: number;
  assignee?: string;
  start_date?: string | null;
  due_date?: string | null;
  time_estimate?: number | null;
  budget?: number | null;
  status?: 'active' | 'done';
}

function assigneeName(email: string): string {
  return email === 'ANY' ? 'anyone' : email === 'NOONE' ? 'nobody' : email;
}

export function taskFieldsOf(task: Task): Required<TaskFields> {
  return {
    title: task.name,
    priority: Number(task.priority),
    assignee: assigneeName(task.user_to.email),
    start_date: task.date_start ?? null,
    due_date: task.date_end ?? null,
    time_estimate: task.max_time ?? null,
    budget: task.max_money ?? null,
    status: task.status === 'done' ? 'done' : 'active',
  };
}

export async function readTask(ctx: ToolContext, taskId: string): Promise<TaskDetail> {
  const { data } = await orNotFound(ctx.ws.call('get_task', { id_task: taskId }, { fresh: true }), {
    task: taskId,
  });
  return data;
}

export interface TaskChangeArgs {
  title?: string;
  priority?: number;
  assignee?: string;
  start_date?: string;
  due_date?: string;
  time_estimate?: number;
  budget?: number;
}

/** update_task's plan: the task read fresh, the asked fields compared with it. */
export async function planTaskUpdate(
  ctx: ToolContext,
  taskId: string,
  args: TaskChangeArgs,
): Promise<WritePlan> {
  const task = await readTask(ctx, taskId);
  const assignee =
    args.assignee === undefined
      ? undefined
      : assigneeName(assigneeParam(await resolveAssignee(createPeopleResolver(ctx), args.assignee)));
  const wanted: TaskFields = {
    title: args.title,
    priority: args.priority,
    assignee,
    start_date: args.start_date,
    due_date: args.due_date,
    time_estimate: args.time_estimate,
    budget: args.budget,
  };
  const diff = diffFields(taskFieldsOf(task), wanted as Record<string, unknown>);
  const confirm = farDates(ctx, {
    start_date: diff.after.start_date as string | undefined,
    due_date: diff.after.due_date as string | undefined,
  });
  return { object: { kind: 'task', id: String(task.id) }, ...diff, ...(confirm.length ? { confirm } : {}) };
}
