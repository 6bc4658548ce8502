// What the response cache means in Worksection terms: which kind of data each read action answers (each kind
// has its own freshness window, configurable in core/config.ts), how a read is keyed, and what each write
// makes stale. Every write action of the catalogue has a rule, so a new write cannot
// forget to invalidate (cache-policy.test.ts checks the catalogue). Rules err on the side of dropping too much: a dropped entry costs one request, a
// stale one a wrong answer.
import { ACTIONS, type ActionName } from '../worksection/actions.js';
import { encodeParams, type WsParams } from '../worksection/transport.js';
import type { CacheParams, EntrySelector } from '../store/response-cache.js';
import { TASK_ANSWERS, withPostedComment } from './comment-write-through.js';

export type CacheKind =
  | 'timers'
  | 'tasks'
  | 'comments'
  | 'files'
  | 'time'
  | 'activity'
  | 'projects'
  | 'people'
  | 'tags'
  | 'webhooks';

/** Seconds an answer of each kind stays fresh; 0 = never cached. */
export type FreshSeconds = Record<CacheKind, number>;

// Every read action but download (bytes, not an answer: the file cache holds those).
const KIND_OF: Partial<Record<ActionName, CacheKind>> = {
  me: 'people',
  get_users: 'people',
  get_user_groups: 'people',
  get_contacts: 'people',
  get_contact_groups: 'people',
  get_projects: 'projects',
  get_project: 'projects',
  get_project_groups: 'projects',
  get_events: 'activity',
  get_all_tasks: 'tasks',
  get_tasks: 'tasks',
  get_task: 'tasks',
  search_tasks: 'tasks',
  get_comments: 'comments',
  get_task_tags: 'tags',
  get_task_tag_groups: 'tags',
  get_project_tags: 'tags',
  get_project_tag_groups: 'tags',
  get_costs: 'time',
  get_costs_total: 'time',
  get_timers: 'timers',
  get_my_timer: 'timers',
  get_files: 'files',
  get_webhooks: 'webhooks',
};

/** The kind of data a read action answers, or undefined when its answers are not cached. */
export function kindOf(action: string): CacheKind | undefined {
  return Object.hasOwn(KIND_OF, action) ? KIND_OF[action as ActionName] : undefined;
}

export function isWrite(action: string): boolean {
  return Object.hasOwn(ACTIONS, action) && ACTIONS[action as ActionName].effect === 'write';
}

/** `extra` is a set: "files,text" and "text, files" ask the same. */
export function extraSet(value: string | string[] | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** The cache key of a read and its params as stored: names sorted, `extra` sorted, lists kept in order. */
export function cacheKeyOf(action: string, params: WsParams = {}): { key: string; params: CacheParams } {
  const out: CacheParams = {};
  for (const [name, value] of encodeParams(params)) {
    if (name.endsWith('[]')) {
      const list = out[name];
      out[name] = Array.isArray(list) ? [...list, value] : [value];
    } else out[name] = value;
  }
  if (typeof out.extra === 'string') out.extra = [...extraSet(out.extra)].sort().join(',');
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { key: JSON.stringify([action, sorted]), params: sorted };
}

const TASK_LISTS = ['get_tasks', 'get_all_tasks', 'search_tasks'];
const all = (...actions: string[]): EntrySelector => ({ actions });
/** Every answer of these actions that mentions object `id` (tasks, projects and people all carry "id"). */
const mentioning = (id: string | undefined, ...actions: string[]): EntrySelector =>
  id === undefined ? { actions } : { actions, bodyHas: `"id":${JSON.stringify(id)}` };
const withParam = (name: string, value: string | undefined, ...actions: string[]): EntrySelector =>
  value === undefined ? { actions } : { actions, param: [name, value] };
/** Only the answers fetched with this `extra` part (the others do not show what changed). */
const showing = (part: string, selector: EntrySelector): EntrySelector => ({ ...selector, extraHas: part });
const one = (p: CacheParams, name: string): string | undefined => {
  const v = p[name];
  return typeof v === 'string' ? v : undefined;
};

// A task changed: every list it may now match (searches, get_all_tasks, filtered lists: e.g. a reopened
// task in an active list) and every answer that shows it (its project's unfiltered lists, itself, its
// parent's subtasks, relations, costs and timers). Other projects' unfiltered lists stay: a task never
// changes project, so their account-wide derivations survive the write.
const taskChanged = (p: CacheParams): EntrySelector[] => {
  const id = one(p, 'id_task');
  const lists: EntrySelector[] =
    id === undefined
      ? [all(...TASK_LISTS)]
      : [all('get_all_tasks', 'search_tasks'), withParam('filter', 'active', 'get_tasks')];
  return [...lists, mentioning(id, 'get_tasks', 'get_task', 'get_costs', 'get_timers', 'get_my_timer')];
};
const costsChanged = (): EntrySelector[] => [all('get_costs', 'get_costs_total')];
const timersChanged = (): EntrySelector[] => [all('get_timers', 'get_my_timer')];
// A project changed: the project lists, the project, and everything that embeds its name or status.
const projectChanged = (p: CacheParams): EntrySelector[] => [
  all('get_projects', 'get_all_tasks', 'search_tasks'),
  withParam('id_project', one(p, 'id_project'), 'get_project'),
  mentioning(one(p, 'id_project'), 'get_tasks', 'get_task', 'get_costs', 'get_timers', 'get_my_timer'),
];

// Every write action.
const INVALIDATES: Partial<Record<ActionName, (p: CacheParams) => EntrySelector[]>> = {
  add_user: () => [all('get_users', 'get_user_groups', 'get_project_groups')],
  add_user_group: () => [all('get_user_groups', 'get_project_groups')],
  add_contact: () => [all('get_contacts', 'get_contact_groups')],
  add_contact_group: () => [all('get_contact_groups', 'get_contacts')],
  subscribe: (p) => [showing('subscribers', mentioning(one(p, 'id_task'), 'get_task', 'get_tasks'))],
  unsubscribe: (p) => [showing('subscribers', mentioning(one(p, 'id_task'), 'get_task', 'get_tasks'))],
  post_project: () => [all('get_projects')],
  update_project: projectChanged,
  close_project: projectChanged,
  activate_project: projectChanged,
  add_project_members: (p) => [
    all('get_projects'),
    withParam('id_project', one(p, 'id_project'), 'get_project'),
  ],
  delete_project_members: (p) => [
    all('get_projects'),
    withParam('id_project', one(p, 'id_project'), 'get_project'),
  ],
  add_project_group: () => [all('get_project_groups')],
  add_project_groups: () => [all('get_project_groups')],
  // A new task shows in its project's lists, the searches and its parent's subtasks.
  post_task: (p) => {
    const parent = one(p, 'id_parent');
    return [
      withParam('id_project', one(p, 'id_project'), 'get_tasks'),
      all('get_all_tasks', 'search_tasks'),
      ...(parent === undefined ? [] : [mentioning(parent, 'get_task')]),
    ];
  },
  update_task: taskChanged,
  complete_task: taskChanged,
  reopen_task: taskChanged,
  update_task_tags: taskChanged,
  // A comment shows in the task's files (attachments), and in its discussion and wherever the task was
  // read with its newest comments: those are written through (commentShownIn).
  post_comment: (p) => [withParam('id_task', one(p, 'id_task'), 'get_files')],
  add_task_tags: () => [all('get_task_tags', 'get_task_tag_groups')],
  add_task_tag_groups: () => [all('get_task_tags', 'get_task_tag_groups')],
  add_project_tags: () => [all('get_project_tags', 'get_project_tag_groups')],
  update_project_tags: projectChanged,
  add_project_tag_groups: () => [all('get_project_tags', 'get_project_tag_groups')],
  add_costs: costsChanged,
  update_costs: costsChanged,
  delete_costs: costsChanged,
  // A stopped timer becomes a cost.
  stop_timer: () => [...timersChanged(), ...costsChanged()],
  start_my_timer: timersChanged,
  stop_my_timer: () => [...timersChanged(), ...costsChanged()],
  add_webhook: () => [all('get_webhooks')],
  delete_webhook: () => [all('get_webhooks')],
};

const EVERY_READ = Object.keys(KIND_OF);

/** The actions with an invalidation rule (for the test that every write has one). */
export const RULED_WRITES: readonly string[] = Object.keys(INVALIDATES);

/** A cached answer a successful write changes in a known way, and how. */
export interface WriteThrough {
  selector: EntrySelector;
  /** The cached body after the write, given what it answered; throws when that cannot be told. */
  apply(body: unknown, cached: { action: string; params: CacheParams }): unknown;
}

const discussionOf = (id: string | undefined) => withParam('id_task', id, 'get_comments');
const tasksShowingComments = (id: string | undefined) => showing('comments', mentioning(id, ...TASK_ANSWERS));

/**
 * What a successful write changes in cached answers: [] for none, undefined when its answer cannot say
 * (what it would have written through is then dropped). post_comment answers the comment as get_comments
 * shows it (files only when asked for), and a discussion is newest first: cached discussions of the task
 * gain it in front instead of being fetched again, and so do the tasks showing it (comment-write-through.ts).
 */
export function writeThrough(action: string, params: WsParams, answer: unknown): WriteThrough[] | undefined {
  if (action !== 'post_comment') return [];
  const task = one(cacheKeyOf(action, params).params, 'id_task');
  const data = (answer as { data?: unknown } | undefined)?.data;
  if (task === undefined || typeof data !== 'object' || data === null) return undefined;
  const comment = data as Record<string, unknown>;
  const discussion: WriteThrough = {
    selector: discussionOf(task),
    apply(body, cached) {
      const { files, ...bare } = comment;
      const shown =
        extraSet(cached.params.extra).has('files') && files !== undefined ? { ...bare, files } : bare;
      const held = (body as { data?: unknown }).data;
      return { ...(body as object), data: [shown, ...(Array.isArray(held) ? held : [])] };
    },
  };
  const tasks: WriteThrough = {
    selector: tasksShowingComments(task),
    apply: (body, cached) => withPostedComment(cached.action, body, task, comment),
  };
  return [discussion, tasks];
}

/**
 * What a write makes stale. Every write also shows in the activity log. A write that failed may still
 * have been applied (a timeout), so it also drops what a successful one would have written through.
 */
export function invalidatedBy(action: string, params: WsParams = {}, failed = false): EntrySelector[] {
  const rule = Object.hasOwn(INVALIDATES, action) ? INVALIDATES[action as ActionName] : undefined;
  // A write without a rule (a catalogue addition) makes everything stale.
  if (!rule) return [all(...EVERY_READ)];
  const keyed = cacheKeyOf(action, params).params;
  const task = one(keyed, 'id_task');
  const through = failed && action === 'post_comment' ? [discussionOf(task), tasksShowingComments(task)] : [];
  return [...rule(keyed), ...through, all('get_events')];
}
