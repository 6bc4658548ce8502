// Task fetching for the analytics tools: open tasks of a project or the whole account (subtasks included,
// flat), using only documented parameters: get_tasks / get_all_tasks with filter=active and
// extra=subtasks, or search_tasks with status=active. Each tool fetches once and computes everything
// from that one list.
import { WorksectionApiError } from '../../../worksection/errors.js';
import type { ListTask, Task } from '../../../worksection/schemas.js';
import type { TaskLike } from '../shapes/task.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';

type Nested = Task & { child?: Nested[] };

/** Tasks with their nested children (two levels), as one flat list. */
function flatten(list: readonly ListTask[]): TaskLike[] {
  const out: TaskLike[] = [];
  const walk = (items: readonly Nested[]): void => {
    for (const { child, ...t } of items) {
      out.push(t);
      if (child) walk(child);
    }
  };
  walk(list);
  return out;
}

/** Worksection refuses listings over 10,000 tasks; say how to narrow instead of failing opaquely. */
export function tooManyTasks<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => {
    if (err instanceof WorksectionApiError && /too many tasks/i.test(err.apiMessage)) {
      throw new ToolError(
        'Worksection refuses to list that many tasks at once (10,000 at most).',
        'Pass project_id to look at one project at a time (list_projects finds ids).',
      );
    }
    throw err;
  });
}

/** Every task of a project, open and done, subtasks included. */
export async function projectTasks(ctx: ToolContext, projectId: string): Promise<TaskLike[]> {
  const res = await tooManyTasks(ctx.ws.call('get_tasks', { id_project: projectId, extra: 'subtasks' }));
  return flatten(res.data);
}

/** Open tasks, subtasks included: of one project, or of every active project of the account. */
export async function openTasks(ctx: ToolContext, projectId?: string): Promise<TaskLike[]> {
  if (projectId !== undefined) {
    return (await tooManyTasks(ctx.ws.call('search_tasks', { id_project: projectId, status: 'active' })))
      .data;
  }
  const res = await tooManyTasks(ctx.ws.call('get_all_tasks', { filter: 'active', extra: 'subtasks' }));
  return flatten(res.data).filter((t) => t.status === 'active');
}

/** Worksection's "Project is invalid" as advice. */
export function projectNotFound<T>(call: Promise<T>, projectId: string): Promise<T> {
  return call.catch((err: unknown) => {
    if (err instanceof WorksectionApiError && err.statusCode === 4) {
      throw new ToolError(
        `Project ${projectId} was not found (or this account cannot see it).`,
        'list_projects finds project ids.',
      );
    }
    throw err;
  });
}
