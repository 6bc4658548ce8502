// Records → Worksection's wire shapes: string ids (ints for tags and tag
// groups), "YYYY-MM-DD HH:MM" UTC timestamps, "H:MM" durations, money strings, {id:name} tag maps, the
// NOONE/ANY placeholder users, page paths, and optional fields left out when empty. Tasks are rendered
// in render-task.ts.
import type {
  CommentRec,
  ContactRec,
  CostRec,
  EventRec,
  FileRec,
  Id,
  ProjectRec,
  SandboxData,
  TagGroupRec,
  TagRec,
  TaskRec,
  UserRec,
  WebhookRec,
} from '../model.js';
import { ANYONE, MANAGER_NOT_ASSIGNED, NOONE } from '../model.js';
import { PROJECT_OPTION_KEYS } from '../../worksection/schemas/projects.js';

type Obj = Record<string, unknown>;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function fmtDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Minutes as "H:MM" with unbounded hours ("103:39"). */
function fmtDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

function fmtMoney(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
}

/** Seconds as "HH:MM:SS" (get_timers). */
export function fmtClock(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** Copies the entries whose value is neither undefined nor an empty array/object. */
export function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

const PLACEHOLDERS: Record<Id, Obj> = {
  [MANAGER_NOT_ASSIGNED]: { id: '0', email: 'NOONE', name: "Manager isn't assigned" },
  [NOONE]: { id: '1', email: 'NOONE', name: "Executive isn't assigned" },
  [ANYONE]: { id: '2', email: 'ANY', name: 'Anyone' },
};

const fullName = (u: { firstName: string; lastName: string }): string =>
  [u.firstName, u.lastName].filter((s) => s !== '').join(' ');

export function userRef(data: SandboxData, id: Id): Obj {
  const u = data.users.get(id);
  if (u) return { id: String(u.id), email: u.email, name: fullName(u) };
  // A user id the account does not hold can only come from a bug in the generator or a handler.
  return PLACEHOLDERS[id] ?? PLACEHOLDERS[NOONE]!;
}

function contactDetails(phones: string[], addresses: string[]): Obj {
  const out: Obj = {};
  ['phone', 'phone2', 'phone3', 'phone4'].forEach((k, i) => phones[i] && (out[k] = phones[i]));
  ['address', 'address2'].forEach((k, i) => addresses[i] && (out[k] = addresses[i]));
  return out;
}

/** A get_users item; `me` is the same without the rate. */
export function renderUser(u: UserRec, withRate = true): Obj {
  return {
    id: String(u.id),
    first_name: u.firstName,
    last_name: u.lastName,
    name: fullName(u),
    title: u.title,
    ...(withRate ? { rate: u.rate } : {}),
    avatar: u.avatar,
    group: u.group,
    department: u.department,
    role: u.role,
    email: u.email,
    ...contactDetails(u.phones, u.addresses),
  };
}

export function renderContact(c: ContactRec): Obj {
  return {
    id: String(c.id),
    first_name: c.firstName,
    last_name: c.lastName,
    name: fullName(c),
    title: c.title,
    group: c.group,
    ...(c.email ? { email: c.email } : {}),
    ...contactDetails(c.phones, c.addresses),
  };
}

export const projectPage = (id: Id): string => `/project/${id}/`;
const filePage = (id: Id): string => `/download/${id}/`;

/** /project/PID/TID/, or /project/PID/TOP/TID/ for a subtask at any depth (top-level ancestor first). */
export function taskPage(data: SandboxData, t: TaskRec): string {
  let top = t;
  for (let p = t.parentId; p !== undefined; p = top.parentId) {
    const parent = data.tasks.get(p);
    if (!parent) break;
    top = parent;
  }
  return top === t ? `/project/${t.projectId}/${t.id}/` : `/project/${t.projectId}/${top.id}/${t.id}/`;
}

export function projectRef(p: ProjectRec): Obj {
  return { id: String(p.id), name: p.name, page: projectPage(p.id) };
}

export function tagMap(data: SandboxData, ids: Id[]): Obj {
  const out: Obj = {};
  for (const id of ids) {
    const tag = data.tags.get(id);
    if (tag) out[String(id)] = tag.title;
  }
  return out;
}

/** extra: text|html adds `text`, options adds `options`, users adds the members. */
export function renderProject(data: SandboxData, p: ProjectRec, extra: Set<string>): Obj {
  const withText = extra.has('text') || extra.has('html');
  return compact({
    ...projectRef(p),
    status: p.status,
    company: p.company,
    user_from: userRef(data, p.userFromId),
    user_to: userRef(data, p.userToId),
    text: withText ? p.text : undefined,
    date_added: fmtDateTime(p.dateAdded),
    date_start: p.dateStart,
    date_end: p.dateEnd,
    options: extra.has('options')
      ? Object.fromEntries(PROJECT_OPTION_KEYS.map((k) => [k, p.options[k]]))
      : undefined,
    max_time: p.maxTime,
    max_money: p.maxMoney,
    tags: tagMap(data, p.tagIds),
    users: extra.has('users') ? p.memberIds.map((id) => userRef(data, id)) : undefined,
  });
}

export function renderFileRef(f: FileRec): Obj {
  return { id: String(f.id), page: filePage(f.id), name: f.name, size: String(f.size) };
}

export function renderFile(data: SandboxData, f: FileRec): Obj {
  return {
    ...renderFileRef(f),
    date_added: fmtDateTime(f.dateAdded),
    user_from: userRef(data, f.userFromId),
  };
}

export function renderComment(data: SandboxData, c: CommentRec, files?: FileRec[]): Obj {
  const task = data.tasks.get(c.taskId);
  const page = task ? `${taskPage(data, task)}#com${c.id}` : `#com${c.id}`;
  return compact({
    id: String(c.id),
    page,
    text: c.text,
    date_added: fmtDateTime(c.dateAdded),
    user_from: userRef(data, c.userFromId),
    files: files?.map(renderFileRef),
  });
}

export function renderTagGroup(g: TagGroupRec): Obj {
  return { title: g.title, id: g.id, type: g.type, access: g.access };
}

export function renderTag(data: SandboxData, t: TagRec): Obj {
  const g = data.tagGroups.get(t.groupId);
  return { title: t.title, id: t.id, ...(g ? { group: { ...renderTagGroup(g), id_group: g.idGroup } } : {}) };
}

export function renderCostTotal(minutes: number, cents: number): Obj {
  return { time: fmtDuration(minutes), money: fmtMoney(cents) };
}

export function renderEvent(data: SandboxData, e: EventRec): Obj {
  return compact({
    action: e.action,
    object: { type: e.objectType, id: String(e.objectId), page: e.page },
    date_added: fmtDateTime(e.dateAdded),
    user_from: userRef(data, e.userFromId),
    new: e.new,
    old: e.old,
  });
}

export function renderWebhook(w: WebhookRec): Obj {
  return compact({
    id: String(w.id),
    url: w.url,
    events: w.events,
    status: w.status,
    projects: w.projects || undefined,
  });
}

/** Minutes and cents of a cost list, for `total`. */
export function sumCosts(costs: CostRec[]): { minutes: number; cents: number } {
  return costs.reduce((s, c) => ({ minutes: s.minutes + c.minutes, cents: s.cents + c.moneyCents }), {
    minutes: 0,
    cents: 0,
  });
}
