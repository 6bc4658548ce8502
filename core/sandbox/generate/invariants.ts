// Structural invariants of any SandboxData: indexes agree with the maps, references resolve, subtasks nest
// at most two levels, emails and ids are unique. The generator's tests run it on fresh accounts; action
// tests can run it after writes. Returns problems instead of throwing, so one run reports them all cheaply
// even for the large account.
import type { Id, SandboxData, TagScope } from '../model.js';
import { ANYONE, MANAGER_NOT_ASSIGNED, NOONE } from '../model.js';
import { PROJECT_OPTION_KEYS } from '../../worksection/schemas/projects.js';

export function checkInvariants(data: SandboxData): string[] {
  const problems: string[] = [];
  const bad = (msg: string): void => {
    if (problems.length < 50) problems.push(msg);
  };
  const { index } = data;
  const isUser = (id: Id): boolean => data.users.has(id);
  const isAssignee = (id: Id): boolean => isUser(id) || id === NOONE || id === ANYONE;

  // Ids are unique across every kind and were all handed out by allocateId.
  const seen = new Set<Id>();
  const kinds = [
    'users',
    'groups',
    'folders',
    'contacts',
    'contactGroups',
    'projects',
    'tasks',
    'comments',
  ] as const;
  for (const kind of [...kinds, 'files', 'costs', 'timers', 'tagGroups', 'tags', 'webhooks'] as const) {
    for (const [key, rec] of data[kind]) {
      if (key !== rec.id) bad(`${kind}: key ${key} holds id ${rec.id}`);
      if (seen.has(key)) bad(`id ${key} is used twice (${kind})`);
      if (key >= data.nextId) bad(`${kind} ${key} is not below nextId ${data.nextId}`);
      seen.add(key);
    }
  }

  const emails = new Set<string>();
  for (const u of data.users.values()) {
    const email = u.email.toLowerCase();
    if (emails.has(email)) bad(`user email ${email} is not unique`);
    emails.add(email);
    if (index.userByEmail.get(email) !== u.id) bad(`userByEmail misses ${email}`);
  }
  if (index.userByEmail.size !== data.users.size) bad('userByEmail has entries for no user');
  if (!isUser(data.ownerId) || data.users.get(data.ownerId)?.role !== 'Owner')
    bad('ownerId is not the Owner');

  const tagScope = (id: Id): TagScope | undefined => {
    const tag = data.tags.get(id);
    return tag ? data.tagGroups.get(tag.groupId)?.scope : undefined;
  };
  for (const tag of data.tags.values()) if (!data.tagGroups.has(tag.groupId)) bad(`tag ${tag.id}: no group`);

  const topLevel = new Map<Id, Id[]>();
  for (const p of data.projects.values()) {
    if (!isUser(p.userFromId)) bad(`project ${p.id}: author ${p.userFromId} is no user`);
    if (p.userToId !== MANAGER_NOT_ASSIGNED && !isUser(p.userToId)) bad(`project ${p.id}: bad manager`);
    for (const m of p.memberIds) if (!isUser(m)) bad(`project ${p.id}: member ${m} is no user`);
    for (const t of p.tagIds)
      if (tagScope(t) !== 'project') bad(`project ${p.id}: tag ${t} is no project tag`);
    const exclusive = (['time_require', 'time_today', 'timer_only'] as const).filter(
      (k) => p.options[k] === 1,
    );
    if (exclusive.length > 1) bad(`project ${p.id}: options ${exclusive.join('+')} both set`);
    if (PROJECT_OPTION_KEYS.some((k) => p.options[k] !== 0 && p.options[k] !== 1))
      bad(`project ${p.id}: options`);
    topLevel.set(p.id, []);
  }

  const children = new Map<Id, Id[]>();
  for (const t of data.tasks.values()) {
    if (!data.projects.has(t.projectId)) bad(`task ${t.id}: project ${t.projectId} missing`);
    if (!isUser(t.userFromId) || !isAssignee(t.userToId)) bad(`task ${t.id}: bad author or assignee`);
    if (!Number.isInteger(t.priority) || t.priority < 0 || t.priority > 10) bad(`task ${t.id}: priority`);
    if ((t.status === 'done') !== (t.dateClosed !== undefined)) bad(`task ${t.id}: status vs dateClosed`);
    for (const id of t.tagIds) if (tagScope(id) !== 'task') bad(`task ${t.id}: tag ${id} is no task tag`);
    for (const id of t.subscriberIds) if (!isUser(id)) bad(`task ${t.id}: subscriber ${id} is no user`);
    if (t.parentId === undefined) {
      topLevel.get(t.projectId)?.push(t.id);
      continue;
    }
    const parent = data.tasks.get(t.parentId);
    if (!parent) bad(`task ${t.id}: parent ${t.parentId} missing`);
    else {
      if (parent.projectId !== t.projectId) bad(`task ${t.id}: parent in another project`);
      if (parent.parentId !== undefined && data.tasks.get(parent.parentId)?.parentId !== undefined) {
        bad(`task ${t.id}: nested deeper than two levels`);
      }
      if (parent.status === 'done' && t.status !== 'done')
        bad(`task ${t.id}: open under closed ${parent.id}`);
    }
    const list = children.get(t.parentId);
    if (list) list.push(t.id);
    else children.set(t.parentId, [t.id]);
  }
  sameLists('tasksByProject', index.tasksByProject, topLevel, bad);
  sameLists('childrenByTask', index.childrenByTask, children, bad);

  const byTask = <T extends { id: Id; taskId: Id }>(recs: Map<Id, T>): Map<Id, Id[]> => {
    const out = new Map<Id, Id[]>();
    for (const r of recs.values()) {
      if (!data.tasks.has(r.taskId)) bad(`record ${r.id}: task ${r.taskId} missing`);
      const list = out.get(r.taskId);
      if (list) list.push(r.id);
      else out.set(r.taskId, [r.id]);
    }
    return out;
  };
  sameLists('commentsByTask', index.commentsByTask, byTask(data.comments), bad);
  sameLists('costsByTask', index.costsByTask, byTask(data.costs), bad);

  for (const c of data.comments.values()) {
    if (!isUser(c.userFromId)) bad(`comment ${c.id}: author missing`);
    for (const f of c.fileIds) if (data.files.get(f)?.commentId !== c.id) bad(`comment ${c.id}: file ${f}`);
  }
  for (const c of data.costs.values()) {
    if (!isUser(c.userFromId)) bad(`cost ${c.id}: author missing`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date)) bad(`cost ${c.id}: date ${c.date}`);
    if (!Number.isInteger(c.minutes) || c.minutes < 0 || !Number.isInteger(c.moneyCents)) bad(`cost ${c.id}`);
  }
  for (const f of data.files.values()) {
    if (!data.projects.has(f.projectId)) bad(`file ${f.id}: project missing`);
    const task = f.taskId === undefined ? undefined : data.tasks.get(f.taskId);
    if (f.taskId !== undefined && task?.projectId !== f.projectId)
      bad(`file ${f.id}: task not in its project`);
    if (f.commentId !== undefined) {
      const c = data.comments.get(f.commentId);
      if (!c || c.taskId !== f.taskId || !c.fileIds.includes(f.id)) bad(`file ${f.id}: comment mismatch`);
    }
    if (f.bytes && f.bytes.length !== f.size) bad(`file ${f.id}: size ${f.size} != ${f.bytes.length} bytes`);
  }

  const relations = new Set<string>();
  for (const r of data.relations) {
    const key = `${r.fromTaskId}:${r.toTaskId}`;
    if (!data.tasks.has(r.fromTaskId) || !data.tasks.has(r.toTaskId)) bad(`relation ${key}: task missing`);
    if (r.fromTaskId === r.toTaskId || relations.has(key)) bad(`relation ${key}: self or duplicate`);
    relations.add(key);
  }
  const timerUsers = new Set<Id>();
  for (const t of data.timers.values()) {
    if (!isUser(t.userId) || timerUsers.has(t.userId)) bad(`timer ${t.id}: user missing or has two timers`);
    if (!data.tasks.has(t.taskId)) bad(`timer ${t.id}: task missing`);
    timerUsers.add(t.userId);
  }
  for (const e of data.events) {
    const map =
      e.objectType === 'project' ? data.projects : e.objectType === 'task' ? data.tasks : data.comments;
    if (!map.has(e.objectId)) bad(`event ${e.action} ${e.objectType} ${e.objectId}: object missing`);
    if (!isUser(e.userFromId)) bad(`event on ${e.objectId}: author missing`);
  }
  return problems;
}

function sameLists(
  name: string,
  actual: Map<Id, Id[]>,
  expected: Map<Id, Id[]>,
  bad: (m: string) => void,
): void {
  for (const [key, ids] of expected) {
    const got = actual.get(key) ?? [];
    const sorted = [...ids].sort((a, b) => a - b);
    if (got.length !== ids.length || [...got].sort((a, b) => a - b).some((id, i) => id !== sorted[i])) {
      bad(`${name}[${key}] holds ${got.length} ids, expected ${ids.length}`);
    }
  }
  for (const [key, ids] of actual) if (ids.length > 0 && !expected.has(key)) bad(`${name}[${key}] is stale`);
}
