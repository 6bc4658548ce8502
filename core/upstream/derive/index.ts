// Derived answers: a read the cache does not hold as such, answered from cached answers that contain what it
// asks for, as Worksection itself would have answered it:
// - get_task from a cached get_tasks / get_all_tasks holding the task, when the list's `extra` covers the
//   parts asked for (list children are full tasks, get_task's are slim, a nested task gains its `parent`,
//   and get_task shows at most the 5 newest comments);
// - get_tasks of a project from a cached get_tasks of it (or a get_all_tasks holding its tasks), and
//   get_all_tasks from a cached one, with at least the parts asked for, or from every project's held list
//   (held-scope.ts);
// - search_tasks narrower than a cached search, within a parent task, for task ids, or of a whole project
//   or the account from held lists (search.ts);
// - get_project and get_projects from cached project answers (projects.ts);
// - get_costs of a narrower range, project or kind from a cached get_costs (costs.ts);
// - get_comments from a held discussion or a task showing all of it (comments.ts);
// - get_events re-cut from a held activity log the mirror's polls keep current (events.ts).
// `filter=active` keeps open tasks at every level; it can be applied to an unfiltered list, never undone.
// So that one request serves a project's later look-ups, some missed reads are sent wider (a project's
// whole task list, every project, the whole project's search): widenedRead says which.
import type { CacheParams, EntrySelector } from '../../store/response-cache.js';
import { deriveComments } from './comments.js';
import { deriveCosts, widenedCosts } from './costs.js';
import { deriveEvents, widenedEvents, type EventsSource } from './events.js';
import { deriveProject, deriveProjects, widenedProject, widenedProjects } from './projects.js';
import { allTasksFromProjects } from './held-scope.js';
import { deriveSearch, searchCheckable } from './search.js';
import {
  CORE_FIELDS,
  LIST_ACTIONS,
  asListItem,
  covers,
  findTask,
  hasParts,
  cachedLists,
  isObj,
  mentions,
  pick,
  queryOf,
  slim,
  tasksOf,
  trimmed,
  type DeriveSource,
  type DerivedAnswer,
} from './tasks.js';
import { extraSet } from '../cache-policy.js';

export type { DeriveSource, DerivedAnswer } from './tasks.js';
export type { EventsSource } from './events.js';

const TASK_COMMENT_LIMIT = 5;
const WHOLE_PROJECT = ['comments', 'files', 'relations', 'subscribers', 'subtasks'];
/**
 * The parts a project's whole task list is read with (a missed list is sent so, widenedRead): whoever
 * lists a project for tools to derive from (the mirror's sync) asks the same, so its answer serves them.
 */
export const WHOLE_PROJECT_EXTRA = [...WHOLE_PROJECT, 'text'].sort().join(',');
/** The parts the whole account's task list is read with (wholeAccount below), archived projects included. */
export const WHOLE_ACCOUNT_EXTRA = [...WHOLE_PROJECT, 'archive', 'text'].sort().join(',');
/** Task reads a listing of every task can answer. */
const TASK_READS = new Set(['get_tasks', 'get_task', 'get_all_tasks', 'search_tasks']);
/** The parameters besides filter and extra a list read answers by. */
const LIST_KEYS = { get_tasks: ['id_project'], get_task: ['id_task'], get_all_tasks: [] } as const;

function deriveTask(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  const id = params.id_task;
  if (typeof id !== 'string') return undefined;
  const wanted = queryOf(params, ['id_task', 'filter', 'extra']);
  if (!wanted) return undefined;
  // filter=active on get_task filters the subtasks only: without subtasks the cached list's filter only
  // decides whether the task is in it.
  const children = wanted.extra.has('subtasks');
  const listWanted = { extra: wanted.extra, active: wanted.active && children };
  const usable = (cached: typeof wanted) =>
    hasParts(cached.extra, wanted.extra) && (!children || covers(cached, listWanted));
  for (const { entry, cached, list } of cachedLists(
    src,
    { actions: LIST_ACTIONS, bodyHas: mentions(id) },
    usable,
  )) {
    const found = findTask(list, id);
    if (!found) continue;
    const task = asListItem(found.task, cached, listWanted);
    if (children && task.child !== undefined) task.child = tasksOf(task.child).map(slim);
    if (found.parent) task.parent = pick(found.parent, CORE_FIELDS);
    if (Array.isArray(task.comments)) task.comments = task.comments.slice(0, TASK_COMMENT_LIMIT);
    return { body: { status: 'ok', data: task }, fetchedAt: entry.fetchedAt, from: entry.key };
  }
  return undefined;
}

function deriveList(
  action: 'get_tasks' | 'get_all_tasks',
  params: CacheParams,
  src: DeriveSource,
): DerivedAnswer | undefined {
  const project = params.id_project;
  const allowed = action === 'get_tasks' ? ['id_project', 'filter', 'extra'] : ['filter', 'extra'];
  const wanted = queryOf(params, allowed);
  if (!wanted || (action === 'get_tasks' && typeof project !== 'string')) return undefined;
  const selectors: EntrySelector[] =
    typeof project === 'string'
      ? [
          { actions: ['get_tasks'], param: ['id_project', project] },
          { actions: ['get_all_tasks'], bodyHas: mentions(project) },
        ]
      : [{ actions: ['get_all_tasks'] }];
  const usable = (cached: typeof wanted, entry: { action: string }) =>
    covers(cached, wanted) &&
    // extra=archive decides which projects get_all_tasks covers.
    !(entry.action === action && cached.extra.has('archive') !== wanted.extra.has('archive'));
  for (const selector of selectors) {
    for (const { entry, cached, list } of cachedLists(src, selector, usable)) {
      let tasks = list;
      if (entry.action === 'get_all_tasks' && typeof project === 'string') {
        tasks = tasks.filter((t) => isObj(t.project) && t.project.id === project);
        // No task of the project in the list: archived, empty or unknown, which only Worksection can tell.
        if (tasks.length === 0) continue;
      }
      return {
        body: { status: 'ok', data: trimmed(tasks, cached, wanted) },
        fetchedAt: entry.fetchedAt,
        from: entry.key,
      };
    }
  }
  return action === 'get_all_tasks' ? allTasksFromProjects(wanted, src) : undefined;
}

/** An answer for `action` derived from cached answers, or undefined. */
export function deriveAnswer(
  action: string,
  params: CacheParams,
  src: EventsSource,
): DerivedAnswer | undefined {
  switch (action) {
    case 'get_task':
      return deriveTask(params, src);
    case 'get_tasks':
    case 'get_all_tasks':
      return deriveList(action, params, src);
    case 'search_tasks':
      return deriveSearch(params, src);
    case 'get_project':
      return deriveProject(params, src);
    case 'get_projects':
      return deriveProjects(params, src);
    case 'get_costs':
      return deriveCosts(params, src);
    case 'get_comments':
      return deriveComments(params, src);
    case 'get_events':
      return deriveEvents(params, src);
    default:
      return undefined;
  }
}

/** The project of a task some cached task answer shows. */
export function heldProjectOfTask(src: DeriveSource, id: string): string | undefined {
  for (const entry of src.find({
    actions: ['get_all_tasks', 'get_tasks', 'search_tasks'],
    bodyHas: mentions(id),
  })) {
    const body = src.body(entry.key);
    const found = isObj(body) ? findTask(tasksOf(body.data), id) : undefined;
    const project = found && isObj(found.task.project) ? found.task.project.id : undefined;
    if (typeof project === 'string') return project;
  }
  return undefined;
}

const SEARCH_PARTS = new Set(['text', 'html', 'files']);

/**
 * The read to send instead of a missed one, when a wider answer also serves the reads likely to follow.
 * Undefined: send the read as asked.
 * - A project's task list (or a project, or the project list) is fetched unfiltered with every part, so
 *   the project's tasks and their details derive from it. So is the project of a missed task when a cached
 *   answer says which project that is: its siblings tend to be asked for next.
 * - A search within a project is sent as the search of the whole project, so the project's next searches
 *   (open, done, overdue, due soon, someone's) derive from it.
 * - An activity log of a day or more is sent as the whole account's of the last eight days, and one
 *   project's shorter one as the account's of the same period (once the project is known): the other
 *   projects' logs, the people's and the account's derive from it while polls keep it current. Not the
 *   eight days when `weekLog` is false (such an answer came too large).
 * - `wholeAccount` (the account is known to be small): any task read is sent as the whole account's task
 *   list with every part, and a time-entry read as every cost the account logged (costs.ts).
 */
export function widenedRead(
  action: string,
  params: CacheParams,
  src: DeriveSource,
  opts: { wholeAccount?: boolean; weekLog?: boolean } = {},
): { action: string; params: CacheParams } | undefined {
  // A small account's every task in one answer (about a kilobyte a task with every part): every task read
  // and search after it derives, of any project, where a project's list serves only that project's.
  const extra = extraSet(params.extra);
  if (opts.wholeAccount && TASK_READS.has(action) && !extra.has('html')) {
    // A held get_all_tasks answers the account's list only as it was asked about archived projects.
    const archive = action !== 'get_all_tasks' || extra.has('archive');
    const whole = archive ? WHOLE_ACCOUNT_EXTRA : WHOLE_PROJECT_EXTRA;
    // Only reads a list can answer (a read Worksection must refuse, or one with other parameters, goes as
    // asked), and not while the whole list is held: this read did not derive from it, nor would it again.
    const answerable =
      action === 'search_tasks'
        ? searchCheckable(params, src)
        : queryOf(params, [...LIST_KEYS[action as keyof typeof LIST_KEYS], 'filter', 'extra']) !== undefined;
    const held = src
      .find({ actions: ['get_all_tasks'] })
      .some((e) => e.params.extra === whole && e.params.filter === undefined);
    if (answerable && !held) return { action: 'get_all_tasks', params: { extra: whole } };
  }
  if (opts.wholeAccount && action === 'get_costs') {
    const wide = widenedCosts(params, src);
    return wide && { action, params: wide };
  }
  if (action === 'get_project' || action === 'get_projects') {
    const wide = action === 'get_project' ? widenedProject(params) : widenedProjects(params);
    return wide && { action, params: wide };
  }
  if (action === 'get_events') {
    const wide = widenedEvents(params, src, opts.weekLog);
    return wide && { action, params: wide };
  }
  if (action === 'search_tasks') {
    const parts = [...extraSet(params.extra)].filter((x) => SEARCH_PARTS.has(x));
    if (typeof params.id_project !== 'string' || params.id_task !== undefined) return undefined;
    const narrower = Object.keys(params).some((k) => k !== 'id_project' && k !== 'extra');
    // A search that could not be checked here (a bad filter, an unknown email) goes as asked.
    if (!narrower || !searchCheckable(params, src)) return undefined;
    const wide: CacheParams = { id_project: params.id_project };
    if (parts.length > 0) wide.extra = parts.sort().join(',');
    return { action, params: wide };
  }
  if (
    action === 'get_task' &&
    typeof params.id_task === 'string' &&
    queryOf(params, ['id_task', 'filter', 'extra'])
  ) {
    const project = heldProjectOfTask(src, params.id_task);
    return project === undefined
      ? undefined
      : widenedRead('get_tasks', { id_project: project, extra: params.extra ?? '' }, src);
  }
  if (action !== 'get_tasks' || !queryOf(params, ['id_project', 'filter', 'extra'])) return undefined;
  const text = extra.has('html') ? 'html' : 'text';
  const whole = [...new Set([...extra, ...WHOLE_PROJECT, text])].filter((p) => p !== 'archive').sort();
  const { filter: _filter, ...rest } = params;
  return { action, params: { ...rest, extra: whole.join(',') } };
}
