// search_tasks answered from cached answers that are known to hold every task that could match
//:
// - a narrower search than a cached one (the same project and task, and more conditions: people, status,
//   filter): the cached results filtered here. A missed search within a project is sent as the search of the
//   whole project (widenedRead), so the project's next searches all derive from it;
// - within parent tasks (`parent = X` / `parent in (…)` in an `and` chain): a parent found in a cached task
//   list holds all its visible subtasks (unfiltered, or open ones only for status=active: Worksection
//   closes a task only after its subtasks, so an open task never sits under a closed one);
// - task ids (id_task, or `id = X` / `id in (…)` in an `and` chain): every id found in a cached list or search.
// - a whole project, or the whole account (every project, archived ones too, as search_tasks covers them):
//   held lists with subtasks that hold every task of that scope (held-scope.ts). Worksection leaves tasks
//   of delayed publication out of every read alike, so the lists hold every task a search can find
//   (docs/decisions.md, "Task searches from held listings").
// The filter is evaluated with the documented grammar;
// people are matched by email only when a cached user list (or "me") knows the address, so an unknown email
// still gets Worksection's error. Results are flat, subtasks with their `parent`, in task id order, with
// only the text|html|files parts search_tasks shows.
import type { CacheParams } from '../../store/response-cache.js';
import {
  FilterError,
  TASK_FILTER_FIELDS,
  evaluate,
  parseFilter,
  type FilterNode,
} from '../../worksection/filter-grammar.js';
import {
  CORE_FIELDS,
  LIST_ACTIONS,
  asListItem,
  flatten,
  hasParts,
  cachedLists,
  isObj,
  mentions,
  pick,
  tasksOf,
  type DeriveSource,
  type DerivedAnswer,
  type ListQuery,
  type Located,
  type Obj,
} from './tasks.js';
import { extraSet } from '../cache-policy.js';
import { heldAccount, heldProject } from './held-scope.js';

const ALLOWED = ['filter', 'id_project', 'id_task', 'email_user_from', 'email_user_to', 'status', 'extra'];
const SEARCH_PARTS = new Set(['text', 'html', 'files']);
/** A search must name one of these (non-blank), else Worksection answers an error. */
const SEARCH_KEYS = ['filter', 'id_project', 'id_task', 'email_user_from', 'email_user_to'];
/** Worksection refuses a search of more tasks than this ("Too many tasks (10000 max)"). */
const MAX_FOUND = 10_000;

/** The values of an int field fixed by the top-level `and` chain (id = 5, id in (5, 6)), or undefined. */
function fixedValues(node: FilterNode | undefined, field: string): number[] | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'or':
      return undefined;
    case 'and':
      return fixedValues(node.left, field) ?? fixedValues(node.right, field);
    case 'in':
      return node.field === field ? node.values : undefined;
    case 'cmp':
      return node.field === field && node.op === '=' && typeof node.value === 'number'
        ? [node.value]
        : undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const idOf = (o: unknown) => (isObj(o) ? str(o.id) : undefined);
const emailOf = (o: unknown) => (isObj(o) ? str(o.email)?.toLowerCase() : undefined);

/** A filter field of a task as the grammar compares it: ints as numbers, dates as YYYY-MM-DD. */
function fieldOf(f: Located, field: string): string | number | undefined {
  const t = f.task;
  switch (field) {
    case 'id':
      return Number(t.id);
    case 'project':
      return isObj(t.project) ? Number(t.project.id) : undefined;
    case 'parent': {
      const parent = f.parent?.id ?? idOf(t.parent);
      return parent === undefined ? undefined : Number(parent);
    }
    case 'name':
      return str(t.name);
    case 'dateadd':
      return str(t.date_added)?.slice(0, 10);
    case 'datestart':
      return str(t.date_start);
    case 'dateend':
      return str(t.date_end);
    case 'dateclose':
      return str(t.date_closed)?.slice(0, 10);
    default:
      return undefined;
  }
}

/** Whether a cached people answer (get_users, or the signed-in user) knows this address. */
function knownEmail(src: DeriveSource, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  if (wanted === 'any' || wanted === 'noone') return true;
  return src.find({ actions: ['get_users', 'me'] }).some((e) => {
    const body = src.body(e.key);
    const people: unknown[] = isObj(body) ? (Array.isArray(body.data) ? body.data : [body.data]) : [];
    return people.some((person) => emailOf(person) === wanted);
  });
}

interface Scope {
  tasks: Located[];
  fetchedAt: number;
  from: string;
  /** The project searched is known to exist (its own list was held), even with no task found. */
  known?: boolean;
}

/** Each wanted task (ids) or each parent's whole subtree (parents), every one found, or undefined. */
function taskScope(
  src: DeriveSource,
  ids: string[],
  parts: Set<string>,
  opts: { subtree: boolean; active: boolean },
): Scope | undefined {
  const usable = (cached: ListQuery) =>
    cached.extra.has('subtasks') &&
    [...parts].every((p) => cached.extra.has(p)) &&
    (!opts.subtree || !cached.active || opts.active);
  const tasks: Located[] = [];
  let fetchedAt = Infinity;
  let from = '';
  for (const id of ids) {
    let found: Located[] | undefined;
    for (const { entry, list } of cachedLists(
      src,
      { actions: LIST_ACTIONS, bodyHas: mentions(id) },
      usable,
    )) {
      const all = flatten(list);
      const at = all.find((l) => l.task.id === id);
      if (!at) continue;
      found = opts.subtree ? flatten(tasksOf(at.task.child), [], at.task) : [at];
      fetchedAt = Math.min(fetchedAt, entry.fetchedAt);
      from = entry.key;
      break;
    }
    if (!found && !opts.subtree) {
      const hit = inSearches(src, id, parts);
      if (hit) {
        found = [{ task: hit.task }];
        fetchedAt = Math.min(fetchedAt, hit.fetchedAt);
        from = hit.from;
      }
    }
    if (!found) return undefined;
    tasks.push(...found);
  }
  return { tasks, fetchedAt, from };
}

/** The task as a cached search answered it (flat, with its parent), when that search showed these parts. */
function inSearches(src: DeriveSource, id: string, parts: Set<string>) {
  for (const entry of src.find({ actions: ['search_tasks'], bodyHas: mentions(id) })) {
    if (![...parts].every((x) => extraSet(entry.params.extra).has(x))) continue;
    const body = src.body(entry.key);
    const task = isObj(body) ? tasksOf(body.data).find((t) => t.id === id) : undefined;
    if (task) return { task, fetchedAt: entry.fetchedAt, from: entry.key };
  }
  return undefined;
}

const SAME = ['id_project', 'id_task'];
const NARROWER = ['email_user_from', 'email_user_to', 'status', 'filter'];

/** A cached search whose results include every result of this one (its conditions are a subset). */
function searchScope(
  src: DeriveSource,
  p: Record<string, string | undefined>,
  parts: Set<string>,
): Scope | undefined {
  for (const entry of src.find({ actions: ['search_tasks'] })) {
    const h = entry.params as Record<string, string | undefined>;
    if (SAME.some((k) => h[k] !== p[k])) continue;
    if (NARROWER.some((k) => h[k] !== undefined && h[k] !== p[k])) continue;
    if (![...parts].every((x) => extraSet(h.extra).has(x))) continue;
    const body = src.body(entry.key);
    if (!isObj(body)) continue;
    return {
      tasks: tasksOf(body.data).map((task) => ({ task })),
      fetchedAt: entry.fetchedAt,
      from: entry.key,
    };
  }
  return undefined;
}

/** Every task of the project searched, or of every project for an account-wide search, from held lists. */
function listScope(
  src: DeriveSource,
  p: Record<string, string | undefined>,
  parts: Set<string>,
): Scope | undefined {
  // Unfiltered lists only: a search finds done tasks, and open ones under any parent.
  const usable = (cached: ListQuery) =>
    !cached.active && cached.extra.has('subtasks') && hasParts(cached.extra, parts);
  const held =
    p.id_project !== undefined
      ? heldProject(src, p.id_project, usable)
      : heldAccount(src, usable, { status: () => true, whole: (cached) => cached.extra.has('archive') });
  if (!held) return undefined;
  return {
    tasks: held.lists.flatMap((l) => flatten(l.tasks)),
    fetchedAt: held.fetchedAt,
    from: held.from,
    known: true,
  };
}

interface Checked {
  p: Record<string, string | undefined>;
  status: string | undefined;
  filter: FilterNode | undefined;
}

/** The search's params when they can be evaluated here: known keys, status, filter and emails. */
function check(params: CacheParams, src: DeriveSource): Checked | undefined {
  if (Object.keys(params).some((k) => !ALLOWED.includes(k) || typeof params[k] !== 'string'))
    return undefined;
  const p = params as Record<string, string | undefined>;
  if (!SEARCH_KEYS.some((k) => p[k]?.trim())) return undefined;
  const status = p.status;
  if (status !== undefined && status !== 'active' && status !== 'done') return undefined;
  let filter: FilterNode | undefined;
  try {
    filter = p.filter === undefined ? undefined : parseFilter(p.filter, TASK_FILTER_FIELDS);
  } catch (err) {
    if (err instanceof FilterError) return undefined; // Worksection's own error is the answer
    throw err;
  }
  for (const email of [p.email_user_to, p.email_user_from]) {
    if (email !== undefined && !knownEmail(src, email)) return undefined;
  }
  return { p, status, filter };
}

/** Whether a search could be answered here from a cached wider one. */
export function searchCheckable(params: CacheParams, src: DeriveSource): boolean {
  return check(params, src) !== undefined;
}

export function deriveSearch(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  const checked = check(params, src);
  if (!checked) return undefined;
  const { p, status, filter } = checked;
  const parts = new Set([...extraSet(p.extra)].filter((x) => SEARCH_PARTS.has(x)));
  const active = status === 'active';
  const ids = p.id_task !== undefined ? [p.id_task] : fixedValues(filter, 'id')?.map(String);
  const parents = fixedValues(filter, 'parent')?.map(String);
  const scope =
    (ids
      ? taskScope(src, ids, parts, { subtree: false, active })
      : parents
        ? taskScope(src, parents, parts, { subtree: true, active })
        : undefined) ??
    searchScope(src, p, parts) ??
    listScope(src, p, parts);
  if (!scope) return undefined;
  // An unknown project is Worksection's error to give: only a project some found task is in is known.
  if (
    p.id_project !== undefined &&
    !scope.known &&
    !scope.tasks.some((f) => idOf(f.task.project) === p.id_project)
  ) {
    return undefined;
  }

  const to = p.email_user_to?.trim().toLowerCase();
  const author = p.email_user_from?.trim().toLowerCase();
  const matches = (f: Located) =>
    (p.id_project === undefined || idOf(f.task.project) === p.id_project) &&
    (p.id_task === undefined || f.task.id === p.id_task) &&
    (status === undefined || f.task.status === status) &&
    (to === undefined || emailOf(f.task.user_to) === to) &&
    (author === undefined || emailOf(f.task.user_from) === author) &&
    (filter === undefined || evaluate(filter, (field) => fieldOf(f, field)));
  const wanted: ListQuery = { extra: parts, active: false };
  const data = scope.tasks
    .filter(matches)
    .sort((a, b) => Number(a.task.id) - Number(b.task.id))
    .map((f): Obj => {
      const item = asListItem(f.task, wanted, wanted);
      if (f.parent) item.parent = pick(f.parent, CORE_FIELDS);
      return item;
    });
  if (data.length > MAX_FOUND) return undefined;
  return { body: { status: 'ok', data }, fetchedAt: scope.fetchedAt, from: scope.from };
}
