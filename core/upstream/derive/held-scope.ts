// Which held task lists hold every task of one project, or of every project the account lists, so that a
// search or a listing of that whole scope can be answered from them (docs/decisions.md, "Task searches
// from held listings"). Worksection's reads share one publication rule: a task of delayed publication
// (and its subtasks) is absent from get_tasks, get_all_tasks, get_task and search_tasks alike, so a
// project's complete listing holds every task a search of that project can find.
// - One project: its held get_tasks, or a held get_all_tasks that lists it (a task of it is there, or a
//   held project list says it is a project that listing covers).
// - The account: a held unfiltered get_projects names the projects (in Worksection's order, which is also
//   get_all_tasks' order), and each of those wanted has a held list; or one held get_all_tasks that covers
//   them all.
import type { CachedEntry } from '../../store/response-cache.js';
import {
  cachedLists,
  covers,
  isObj,
  tasksOf,
  trimmed,
  type DeriveSource,
  type DerivedAnswer,
  type ListQuery,
  type Obj,
} from './tasks.js';

/** Worksection refuses a listing of more tasks than this, subtasks counted ("Too many tasks (10000 max)"). */
const MAX_LISTED = 10_000;

/** One project's top-level tasks (subtasks nested as the list held them), and the list they came from. */
export interface HeldProjectList {
  project: string;
  cached: ListQuery;
  tasks: Obj[];
  entry: CachedEntry;
}

export interface HeldScope {
  lists: HeldProjectList[];
  /** The oldest entry used (a project list included). */
  fetchedAt: number;
  from: string;
}

export type UsableList = (cached: ListQuery) => boolean;

interface ListedProject {
  id: string;
  status: string;
}

/** The projects a held get_projects of every status names, in its order. */
function listedProjects(src: DeriveSource): { projects: ListedProject[]; entry: CachedEntry } | undefined {
  for (const entry of src.find({ actions: ['get_projects'] })) {
    if (entry.params.filter !== undefined) continue;
    const body = src.body(entry.key);
    if (!isObj(body) || !Array.isArray(body.data)) continue;
    const projects = body.data.flatMap((p) =>
      isObj(p) && typeof p.id === 'string' && typeof p.status === 'string'
        ? [{ id: p.id, status: p.status }]
        : [],
    );
    return { projects, entry };
  }
  return undefined;
}

/** get_all_tasks leaves archived projects out unless asked with extra=archive. */
const allTasksLists = (cached: ListQuery, status: string) =>
  status !== 'archive' || cached.extra.has('archive');

const inProject = (t: Obj, project: string) => isObj(t.project) && t.project.id === project;

/** A held list holding every top-level task of the project; `status` when a held project list tells it. */
function projectList(
  src: DeriveSource,
  project: string,
  usable: UsableList,
  status: string | undefined,
): HeldProjectList | undefined {
  for (const { entry, cached, list } of cachedLists(
    src,
    { actions: ['get_tasks'], param: ['id_project', project] },
    usable,
  )) {
    return { project, cached, tasks: list, entry };
  }
  for (const { entry, cached, list } of cachedLists(src, { actions: ['get_all_tasks'] }, usable)) {
    const tasks = list.filter((t) => inProject(t, project));
    // No task of it listed: only a known project of a status this listing covers is known to be empty.
    if (tasks.length > 0 || (status !== undefined && allTasksLists(cached, status))) {
      return { project, cached, tasks, entry };
    }
  }
  return undefined;
}

function scopeOf(lists: HeldProjectList[], more: CachedEntry[] = []): HeldScope {
  const entries = [...more, ...lists.map((l) => l.entry)];
  const oldest = entries.reduce((a, b) => (b.fetchedAt < a.fetchedAt ? b : a));
  return { lists, fetchedAt: oldest.fetchedAt, from: oldest.key };
}

/** Every task of one project, from held lists; undefined when none holds them all. */
export function heldProject(src: DeriveSource, project: string, usable: UsableList): HeldScope | undefined {
  const listed = listedProjects(src);
  const status = listed?.projects.find((p) => p.id === project)?.status;
  const list = projectList(src, project, usable, status);
  // An empty share of get_all_tasks is known complete only through the project list.
  const used = list?.tasks.length === 0 && list.entry.action === 'get_all_tasks' ? listed?.entry : undefined;
  return list && scopeOf([list], used ? [used] : []);
}

/**
 * Every task of the account's projects that `wanted` accepts (by project status), project by project in
 * Worksection's order; undefined unless held lists cover every such project. `whole`: a held get_all_tasks
 * whose own coverage is exactly that (it then needs no project list).
 */
export function heldAccount(
  src: DeriveSource,
  usable: UsableList,
  wanted: { status: (status: string) => boolean; whole: (cached: ListQuery) => boolean },
): HeldScope | undefined {
  const listed = listedProjects(src);
  if (listed) {
    const lists: HeldProjectList[] = [];
    for (const p of listed.projects.filter((x) => wanted.status(x.status))) {
      const list = projectList(src, p.id, usable, p.status);
      if (!list) break;
      lists.push(list);
    }
    if (lists.length === listed.projects.filter((x) => wanted.status(x.status)).length) {
      return scopeOf(lists, [listed.entry]);
    }
  }
  for (const { entry, cached, list } of cachedLists(src, { actions: ['get_all_tasks'] }, usable)) {
    if (wanted.whole(cached)) return scopeOf([{ project: '', cached, tasks: list, entry }]);
  }
  return undefined;
}

const countAll = (list: Obj[]): number => list.reduce((n, t) => n + 1 + countAll(tasksOf(t.child)), 0);

/** get_all_tasks from the held lists of every project it covers, in Worksection's project order. */
export function allTasksFromProjects(wanted: ListQuery, src: DeriveSource): DerivedAnswer | undefined {
  const held = heldAccount(src, (cached) => covers(cached, wanted), {
    status: (status) => status !== 'archive' || wanted.extra.has('archive'),
    whole: () => false,
  });
  if (!held) return undefined;
  const data = held.lists.flatMap((l) => trimmed(l.tasks, l.cached, wanted));
  if (countAll(data) > MAX_LISTED) return undefined;
  return { body: { status: 'ok', data }, fetchedAt: held.fetchedAt, from: held.from };
}
