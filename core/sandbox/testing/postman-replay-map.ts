// Maps the concrete values of the Postman examples (ids, emails, tag and group names, hook URLs) onto a
// generated sandbox account, so that every documented request can be replayed against the sandbox and is
// expected to answer what the example answered. Ids that the collection only uses in error examples
// (6623, 331895, ...) map to an id that surely does not exist.
import type { Id, SandboxData, TaskRec } from '../model.js';
import type { QueryPairs } from './postman-collection.js';

export interface ReplayTargets {
  owner: string;
  users: [string, string];
  projects: { main: Id; tree: Id; other: Id; files: Id };
  /** doneChild: a closed subtask of a closed task (reopen_task's "Parent task is done"). */
  tasks: { main: Id; tree: Id; parent: Id; leaf: Id; closed: Id; doneChild: Id };
  file: Id;
  cost: Id;
  timer?: Id;
  webhook?: Id;
  missing: Id;
}

const first = <T>(items: Iterable<T>, ok: (x: T) => boolean): T | undefined => {
  for (const x of items) if (ok(x)) return x;
  return undefined;
};

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`replay: the generated account has no ${what}`);
  return value;
}

export function pickTargets(data: SandboxData): ReplayTargets {
  const children = (t: TaskRec) =>
    (data.index.childrenByTask.get(t.id) ?? []).map((id) => data.tasks.get(id)!);
  const projectActive = (t: TaskRec) => data.projects.get(t.projectId)?.status === 'active';
  const tasks = [...data.tasks.values()].filter(projectActive);
  const active = tasks.filter((t) => t.status === 'active');
  const top = active.filter((t) => t.parentId === undefined);
  const isLeaf = (t: TaskRec) => children(t).length === 0;

  const tree = need(
    first(top, (t) => children(t).some((c) => c.status === 'active' && children(c).length > 0)) ??
      first(top, (t) => children(t).some((c) => c.status === 'active')),
    'active task with active subtasks',
  );
  const main = need(
    first(top, (t) => t !== tree && isLeaf(t) && (data.index.commentsByTask.get(t.id)?.length ?? 0) > 0) ??
      first(top, (t) => t !== tree && isLeaf(t)),
    'active top-level leaf task',
  );
  const inMain = (t: TaskRec) => t.projectId === main.projectId;
  const parent = need(
    first(top, (t) => inMain(t) && t !== main && t !== tree) ?? first(top, (t) => t !== main && t !== tree),
    'second active top-level task',
  );
  const spare = (t: TaskRec) => ![main, tree, parent].includes(t) && isLeaf(t);
  const leaf = need(first(top, (t) => inMain(t) && spare(t)) ?? first(top, spare), 'spare active leaf task');
  const doneTasks = tasks.filter((t) => t.status === 'done');
  const closed = need(first(doneTasks, inMain) ?? doneTasks[0], 'closed task');
  const doneChild = need(
    first(doneTasks, (t) => t.parentId !== undefined && data.tasks.get(t.parentId)?.status === 'done'),
    'closed subtask of a closed task',
  );

  const projects = [...data.projects.values()];
  const other = first(
    projects,
    (p) => p.status === 'active' && ![main.projectId, tree.projectId].includes(p.id),
  );
  // get_files by project lists the project's own files; by task, the task's and its comments'.
  const files = [...data.files.values()].sort(
    (a, b) => Number(b.taskId === undefined) - Number(a.taskId === undefined),
  );
  const users = [...data.users.values()].filter(
    (u) => u.id !== data.ownerId && u.id > 2 && u.role !== 'Guest',
  );
  return {
    owner: need(data.users.get(data.ownerId), 'owner').email,
    users: [need(users[0], 'second user').email, need(users[1], 'third user').email],
    projects: {
      main: main.projectId,
      tree: tree.projectId,
      other: other?.id ?? main.projectId,
      files: need(files[0], 'file').projectId,
    },
    tasks: {
      main: main.id,
      tree: tree.id,
      parent: parent.id,
      leaf: leaf.id,
      closed: closed.id,
      doneChild: doneChild.id,
    },
    file: need(files[0], 'file').id,
    cost: need(
      first(data.costs.values(), () => true),
      'cost',
    ).id,
    timer: first(data.timers.values(), () => true)?.id,
    webhook: first(data.webhooks.values(), () => true)?.id,
    missing: data.nextId + 10_000_000,
  };
}

export interface NameTargets {
  /** A word of a real task name, for search_tasks' "name has '…'" example. */
  taskWord: string;
  taskGroups: [string, string];
  taskTags: string[];
  projectGroups: [string, string];
  projectTags: string[];
  contactGroup?: string;
}

export function pickNames(data: SandboxData): NameTargets {
  const groups = (scope: 'task' | 'project') => {
    const list = [...data.tagGroups.values()].filter((g) => g.scope === scope);
    const withTags = list.filter((g) => [...data.tags.values()].some((t) => t.groupId === g.id));
    const a = need(withTags.find((g) => g.type === 'status') ?? withTags[0], `${scope} tag group with tags`);
    const b = list.find((g) => g !== a) ?? a;
    return [a.title, b.title] as [string, string];
  };
  const tags = (scope: 'task' | 'project') =>
    [...data.tags.values()].filter((t) => data.tagGroups.get(t.groupId)?.scope === scope).map((t) => t.title);
  const words = [...data.tasks.values()]
    .flatMap((t) => t.name.split(/\s+/))
    .filter((w) => /^[A-Za-z]{4,}$/.test(w));
  return {
    taskWord: need(words[0], 'task name with a plain word'),
    taskGroups: groups('task'),
    taskTags: tags('task'),
    projectGroups: groups('project'),
    projectTags: tags('project'),
    contactGroup: first(data.contactGroups.values(), () => true)?.title,
  };
}

// Keys whose values are (comma lists of) user emails of the example account.
const EMAIL_KEYS = new Set([
  'email_user',
  'email_user_to',
  'email_manager',
  'email_user_from',
  'members',
  'subscribe',
  'hidden',
  'mention',
]);
const ID_KEYS = new Set([
  'id_project',
  'id_task',
  'id_parent',
  'id_file',
  'id_costs',
  'timer',
  'id',
  'projects',
]);
// Created by earlier requests of the collection itself (add_task_tags, add_project_tags), so left as is.
const TAG_NAMES_CREATED = new Set(['feature', 'bill']);
const MISSING_TAG = 'zz-no-such-tag';

export type ReplayMode = 'oauth' | 'admin';

export interface ReplayMapper {
  targets: ReplayTargets;
  /** The example's params with every example value replaced by its sandbox counterpart. */
  map(action: string, pairs: QueryPairs, opts: { mode: ReplayMode; expectCode?: number }): QueryPairs;
  /** Learns ids the replay itself created (add_costs, add_webhook) for the requests that use them later. */
  remember(action: string, body: unknown): void;
}

export function createReplayMapper(data: SandboxData, hookUrl: string): ReplayMapper {
  const targets = pickTargets(data);
  const names = pickNames(data);
  const { projects: p, tasks: t } = targets;
  const ids = new Map<string, Id | undefined>([
    ['6622', p.main],
    ['8522', p.main],
    ['8562', p.tree],
    ['8526', p.other],
    ['8530', p.other],
    ['8482', p.other],
    ['6724', p.files],
    ['330090', t.main],
    ['331894', t.tree],
    ['332150', t.parent],
    ['331430', t.leaf],
    ['330142', t.closed],
    ['331470', t.doneChild],
    ['18026', targets.file],
    ['3690', targets.cost],
    ['2918', targets.timer],
    ['122', targets.webhook],
  ]);
  const emails = new Map([
    ['henry.gardner@ws.com', targets.owner],
    ['frank.harper@ws.com', targets.users[0]],
    ['kate.greenway@ws.com', targets.users[1]],
  ]);
  const tag = (list: string[], i: number) => list[i % Math.max(list.length, 1)] ?? MISSING_TAG;
  const tagNames = new Map([
    ['to-do', tag(names.taskTags, 0)],
    ['design', tag(names.taskTags, 1)],
    ['deployed', tag(names.taskTags, 2)],
    ['doing', tag(names.taskTags, 3)],
    ['paid', tag(names.projectTags, 0)],
    ['contract', tag(names.projectTags, 1)],
    ['app', tag(names.projectTags, 2)],
  ]);
  const groupNames = new Map([
    ['Basic workflow', names.taskGroups[0]],
    ['Development', names.taskGroups[1]],
    ['Project status', names.projectGroups[0]],
    ['Finance', names.projectGroups[1]],
    ['Clients', names.contactGroup ?? 'Clients'],
  ]);

  const mapId = (v: string) => (v === '' ? v : String(ids.get(v) ?? targets.missing));
  const eachItem = (v: string, f: (item: string) => string) =>
    v.replace(/[^,]+/g, (tok) => tok.replace(tok.trim(), f(tok.trim())));

  function mapValue(action: string, key: string, value: string, expectCode?: number): string {
    if (ID_KEYS.has(key)) {
      // complete_task's "Task has children" example reuses the id of the task it has just closed.
      if (action === 'complete_task' && expectCode === 13) return String(t.tree);
      return key === 'projects' ? eachItem(value, mapId) : mapId(value);
    }
    if (EMAIL_KEYS.has(key)) return eachItem(value, (e) => emails.get(e) ?? e);
    if (key === 'tags' || key === 'plus' || key === 'minus') {
      return eachItem(value, (n) => (TAG_NAMES_CREATED.has(n) ? n : (tagNames.get(n) ?? MISSING_TAG)));
    }
    if (key === 'group') return groupNames.get(value) ?? value;
    if (key === 'filter') return value.replace("'Worksection'", `'${names.taskWord}'`);
    if (key === 'url' && action === 'add_webhook') {
      return value === '' ? value : `${hookUrl}/${value === 'https://google.com' ? 'bad' : 'ok'}`;
    }
    return value;
  }

  return {
    targets,
    map(action, pairs, { mode, expectCode }) {
      const out: QueryPairs = pairs.map(([k, v]) => [k, mapValue(action, k, v, expectCode)]);
      // A subtask goes into its parent's project.
      const parent = out.find(([k]) => k === 'id_parent')?.[1];
      const parentTask = parent === undefined ? undefined : data.tasks.get(Number(parent));
      if (parentTask)
        for (const pair of out) if (pair[0] === 'id_project') pair[1] = String(parentTask.projectId);
      // With the admin key nobody is "me": add_costs needs its author.
      if (mode === 'admin' && action === 'add_costs' && !out.some(([k]) => k === 'email_user_from')) {
        out.push(['email_user_from', targets.owner]);
      }
      return out;
    },
    remember(action, body) {
      const id = (body as { status?: string; id?: number }).id;
      if (typeof id !== 'number') return;
      if (action === 'add_costs') ids.set('3706', id);
      if (action === 'add_webhook' && ids.get('122') === undefined) ids.set('122', id);
    },
  };
}
