// How list_tasks gets its tasks from Worksection, using only documented parameters:
// - open (or all) tasks of one project, or of all projects, with no other server-side filter:
//   get_tasks / get_all_tasks (filter=active for open ones; extra=subtasks nests the children);
// - completed tasks, or any query naming a person, a name or dates: search_tasks (status=active|done,
//   email_user_to / email_user_from, and the filter grammar), which answers subtasks flat with `parent`.
// Every condition is also checked here on the fetched tasks, so each route yields the same answer.
import type { ListTask, Task } from '../../../worksection/schemas.js';
import type { WsParams } from '../../../worksection/transport.js';
import { toWsDate } from '../kit/dates.js';
import type { ResolvedPerson } from '../shapes/people-args.js';
import { isOverdue, type TaskLike } from '../shapes/task.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import type { Assignee } from './shared.js';
import { assigneeMatches, assigneeParam, isTooManyTasks, orNotFound, tooManyTasksError } from './shared.js';

export interface TaskQuery {
  projectId?: string;
  status: 'active' | 'done' | 'all';
  assignee?: Assignee;
  author?: ResolvedPerson;
  nameContains?: string;
  tag?: string;
  dueAfter?: string;
  dueBefore?: string;
  overdue?: boolean;
  noDueDate?: boolean;
  closedAfter?: string;
  closedBefore?: string;
  parentId?: string;
  includeSubtasks: boolean;
  today: string;
}

export interface FoundTask {
  task: TaskLike;
  /** For children that came nested (their wire form has no `parent`). */
  parentId?: string;
}

export const parentOf = (f: FoundTask): string | undefined => f.task.parent?.id ?? f.parentId;

/**
 * The search_tasks filter for the name and date conditions. Values are single-quoted and the grammar
 * documents no escape, so a name with ' or \ is searched by its longest plain fragment and then
 * matched exactly here.
 */
function searchFilter(q: TaskQuery): string | undefined {
  const conds: string[] = [];
  if (q.nameContains !== undefined) {
    const fragment = q.nameContains
      .split(/['\\]/)
      .reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
    if (fragment) conds.push(`name has '${fragment}'`);
  }
  if (q.dueAfter) conds.push(`dateend>='${toWsDate(q.dueAfter)}'`);
  if (q.dueBefore) conds.push(`dateend<='${toWsDate(q.dueBefore)}'`);
  if (q.overdue) conds.push(`dateend<'${toWsDate(q.today)}'`);
  if (q.closedAfter) conds.push(`dateclose>='${toWsDate(q.closedAfter)}'`);
  if (q.closedBefore) conds.push(`dateclose<='${toWsDate(q.closedBefore)}'`);
  return conds.length > 0 ? conds.join(' and ') : undefined;
}

export function flattenTasks(list: ListTask[], out: FoundTask[], parentId?: string): FoundTask[] {
  for (const t of list) {
    out.push(parentId === undefined ? { task: t } : { task: t, parentId });
    if (t.child) flattenTasks(t.child, out, t.id);
  }
  return out;
}

function needsSearch(q: TaskQuery): boolean {
  return (
    q.status === 'done' ||
    q.assignee !== undefined ||
    q.author !== undefined ||
    q.nameContains !== undefined ||
    q.dueAfter !== undefined ||
    q.dueBefore !== undefined ||
    q.overdue === true ||
    q.closedAfter !== undefined ||
    q.closedBefore !== undefined
  );
}

async function search(ctx: ToolContext, q: TaskQuery): Promise<Task[]> {
  const params: Record<string, string> = {};
  if (q.projectId !== undefined) params.id_project = q.projectId;
  if (q.assignee) params.email_user_to = assigneeParam(q.assignee);
  if (q.author) params.email_user_from = q.author.email;
  const filter = searchFilter(q);
  if (filter !== undefined) params.filter = filter;
  if (Object.keys(params).length === 0) {
    throw new ToolError(
      'Completed tasks can only be searched within a project, for a person, or by name or dates.',
      'Add project_id, assignee, author, name_contains, or a closed_after/closed_before range.',
    );
  }
  if (q.status !== 'all') params.status = q.status;
  try {
    const { data } = await orNotFound(ctx.ws.call('search_tasks', params), { project: q.projectId });
    return data;
  } catch (e) {
    if (isTooManyTasks(e)) throw tooManyTasksError('that many tasks');
    throw e;
  }
}

async function list(ctx: ToolContext, q: TaskQuery): Promise<FoundTask[]> {
  const params: WsParams = {
    ...(q.status === 'active' ? { filter: 'active' } : {}),
    ...(q.includeSubtasks ? { extra: 'subtasks' } : {}),
  };
  try {
    const { data } =
      q.projectId === undefined
        ? await ctx.ws.call('get_all_tasks', params)
        : await orNotFound(ctx.ws.call('get_tasks', { ...params, id_project: q.projectId }), {
            project: q.projectId,
          });
    return flattenTasks(data, []);
  } catch (e) {
    if (isTooManyTasks(e)) {
      throw tooManyTasksError(q.projectId === undefined ? 'the tasks of all projects' : 'this project');
    }
    throw e;
  }
}

/**
 * Children of parentId (and, with includeSubtasks, theirs): search_tasks by `parent` alone, so a matching
 * grandchild under a non-matching child is still found; the other conditions are checked afterwards.
 */
async function children(ctx: ToolContext, q: TaskQuery, parentId: string): Promise<FoundTask[]> {
  const byParent = async (filter: string): Promise<Task[]> => {
    try {
      return (await ctx.ws.call('search_tasks', { filter })).data;
    } catch (e) {
      if (isTooManyTasks(e)) throw tooManyTasksError('that many subtasks');
      throw e;
    }
  };
  const direct = await byParent(`parent=${parentId}`);
  if (direct.length === 0) {
    // Tell "no subtasks" from "no such task".
    await orNotFound(ctx.ws.call('get_task', { id_task: parentId }), { task: parentId });
  }
  const out: FoundTask[] = direct.map((task) => ({ task }));
  if (q.includeSubtasks && direct.length > 0) {
    const deeper = await byParent(`parent in (${direct.map((t) => t.id).join(',')})`);
    out.push(...deeper.map((task) => ({ task })));
  }
  return out;
}

async function archivedProjectIds(ctx: ToolContext): Promise<Set<string>> {
  const { data } = await ctx.ws.call('get_projects', { filter: 'archive' });
  return new Set(data.map((p) => p.id));
}

export async function fetchTasks(ctx: ToolContext, q: TaskQuery): Promise<FoundTask[]> {
  let found: FoundTask[];
  if (q.parentId !== undefined) found = await children(ctx, q, q.parentId);
  else if (needsSearch(q)) {
    found = (await search(ctx, q)).map((task) => ({ task }));
    // get_all_tasks leaves archived projects out; searches across projects do the same.
    if (q.projectId === undefined && found.length > 0) {
      const archived = await archivedProjectIds(ctx);
      found = found.filter((f) => !archived.has(f.task.project.id));
    }
  } else found = await list(ctx, q);
  return found.filter((f) => matches(q, f));
}

const lower = (s: string) => s.trim().toLowerCase();

function matches(q: TaskQuery, f: FoundTask): boolean {
  const t = f.task;
  if (q.status !== 'all' && t.status !== q.status) return false;
  if (q.projectId !== undefined && t.project.id !== q.projectId) return false;
  if (q.parentId === undefined && !q.includeSubtasks && parentOf(f) !== undefined) return false;
  if (q.assignee && !assigneeMatches(q.assignee, t.user_to)) return false;
  if (q.author && t.user_from.id !== q.author.id) return false;
  if (q.nameContains !== undefined && !lower(t.name).includes(lower(q.nameContains))) return false;
  if (q.tag !== undefined) {
    const tags = Object.entries(t.tags ?? {});
    if (!tags.some(([id, name]) => id === q.tag || lower(name) === lower(q.tag ?? ''))) return false;
  }
  const due = t.date_end;
  if (q.dueAfter && (due === undefined || due < q.dueAfter)) return false;
  if (q.dueBefore && (due === undefined || due > q.dueBefore)) return false;
  if (q.overdue && !isOverdue(t, q.today)) return false;
  if (q.noDueDate && due !== undefined) return false;
  const closed = t.date_closed?.slice(0, 10);
  if (q.closedAfter && (closed === undefined || closed < q.closedAfter)) return false;
  if (q.closedBefore && (closed === undefined || closed > q.closedBefore)) return false;
  return true;
}
