// Task objects as Worksection answers them, for answers derived from a cached
// task list: which fields each `extra` part adds, list children (full tasks) vs get_task children (slim
// {id,name,page,status,priority}), and finding a task with the task it is nested in.
import type { CacheParams, EntrySelector, CachedEntry } from '../../store/response-cache.js';
import { extraSet } from '../cache-policy.js';

export type Obj = Record<string, unknown>;

export interface DeriveSource {
  /** Fresh entries matching the selector, newest first. */
  find(selector: EntrySelector): CachedEntry[];
  body(key: string): unknown;
}

export interface DerivedAnswer {
  body: Obj;
  /** When the answer it came from was fetched. */
  fetchedAt: number;
  from: string;
}

export interface ListQuery {
  extra: Set<string>;
  active: boolean;
}

// Which fields of a task object each `extra` part adds (text and html share one field).
const PART_FIELDS: Record<string, string[]> = {
  text: ['text'],
  html: ['text'],
  files: ['files'],
  comments: ['comments', 'has_comments'],
  subscribers: ['subscribers'],
  relations: ['relations'],
  subtasks: ['child'],
};
export const CORE_FIELDS = ['id', 'name', 'page', 'status', 'priority'];
export const LIST_ACTIONS = ['get_tasks', 'get_all_tasks'];

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const tasksOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const mentions = (id: string) => `"id":${JSON.stringify(id)}`;

/** Params other than `allowed` make a read underivable (a search, a date range). */
export function queryOf(params: CacheParams, allowed: readonly string[]): ListQuery | undefined {
  if (Object.keys(params).some((k) => !allowed.includes(k))) return undefined;
  const filter = params.filter;
  if (filter !== undefined && filter !== 'active') return undefined;
  return { extra: extraSet(params.extra), active: filter === 'active' };
}

/** The query a cached task list was fetched with (undefined for one that cannot serve derivations). */
function cachedQuery(entry: CachedEntry): ListQuery | undefined {
  const allowed = entry.action === 'get_tasks' ? ['id_project', 'filter', 'extra'] : ['filter', 'extra'];
  return LIST_ACTIONS.includes(entry.action) ? queryOf(entry.params, allowed) : undefined;
}

const textVariant = (s: Set<string>) => ['text', 'html'].filter((x) => s.has(x)).join(',');

/** Whether a list fetched with `cached` extras carries every part `wanted` shows. */
export function hasParts(cached: Set<string>, wanted: Set<string>): boolean {
  for (const part of wanted) {
    if (part !== 'archive' && !cached.has(part)) return false;
  }
  // text and html fill the same field differently: the list must have asked for the same one.
  return !(wanted.has('text') || wanted.has('html')) || textVariant(cached) === textVariant(wanted);
}

/** Whether a list fetched as `cached` can answer `wanted`: the parts, and a filter that can be applied. */
export function covers(cached: ListQuery, wanted: ListQuery): boolean {
  return !(cached.active && !wanted.active) && hasParts(cached.extra, wanted.extra);
}

/** The task with only the parts `wanted` asks for; children (when asked) filtered and trimmed alike. */
export function asListItem(task: Obj, cached: ListQuery, wanted: ListQuery): Obj {
  const out: Obj = { ...task };
  const keep = new Set([...wanted.extra].flatMap((part) => PART_FIELDS[part] ?? []));
  for (const [part, fields] of Object.entries(PART_FIELDS)) {
    if (wanted.extra.has(part)) continue;
    for (const f of fields) if (!keep.has(f)) delete out[f];
  }
  if (wanted.extra.has('subtasks')) {
    const children = trimmed(tasksOf(task.child), cached, wanted);
    if (children.length > 0) out.child = children;
    else delete out.child;
  }
  return out;
}

/** A list as `wanted` asks for it: open tasks only at every level for filter=active. */
export function trimmed(list: Obj[], cached: ListQuery, wanted: ListQuery): Obj[] {
  const kept = wanted.active && !cached.active ? list.filter((t) => t.status === 'active') : list;
  return kept.map((t) => asListItem(t, cached, wanted));
}

export const pick = (t: Obj, fields: string[]): Obj =>
  Object.fromEntries(fields.flatMap((f) => (f in t ? [[f, t[f]]] : [])));

/** get_task's slim children: core fields and their own children, nested as Worksection nests them. */
export function slim(task: Obj): Obj {
  const out = pick(task, CORE_FIELDS);
  const children = tasksOf(task.child).map(slim);
  if (children.length > 0) out.child = children;
  return out;
}

export interface Located {
  task: Obj;
  /** The task it is nested in (a subtask's parent). */
  parent?: Obj;
}

/** The task with this id anywhere in the list. */
export function findTask(list: Obj[], id: string, parent?: Obj): Located | undefined {
  for (const t of list) {
    if (t.id === id) return parent ? { task: t, parent } : { task: t };
    const inner = findTask(tasksOf(t.child), id, t);
    if (inner) return inner;
  }
  return undefined;
}

/** Every task of the list, at every level, with the task it is nested in. */
export function flatten(list: Obj[], out: Located[] = [], parent?: Obj): Located[] {
  for (const t of list) {
    out.push(parent ? { task: t, parent } : { task: t });
    flatten(tasksOf(t.child), out, t);
  }
  return out;
}

export interface CachedList {
  entry: CachedEntry;
  cached: ListQuery;
  list: Obj[];
}

/** The cached task lists of the selector that `usable` accepts, newest first; bodies load as iterated. */
export function* cachedLists(
  src: DeriveSource,
  selector: EntrySelector,
  usable: (cached: ListQuery, entry: CachedEntry) => boolean,
): Generator<CachedList> {
  for (const entry of src.find(selector)) {
    const cached = cachedQuery(entry);
    if (!cached || !usable(cached, entry)) continue;
    const body = src.body(entry.key);
    if (isObj(body)) yield { entry, cached, list: tasksOf(body.data) };
  }
}
