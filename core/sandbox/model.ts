// The sandbox's in-memory account: normalised records with numeric ids and indexes. API answers are
// rendered from these records by the action handlers (sandbox/handlers/), so the stored form never leaks
// Worksection's wire quirks (string ids, "H:MM" times, DD.MM.YYYY input) into the data itself.
//
// Times are epoch milliseconds (UTC); the account's wall clock is UTC too, so rendering is deterministic.

import type { ProjectOptions } from '../worksection/schemas/projects.js';

export type Id = number;

/** Reserved user ids of Worksection's placeholder users. */
export const MANAGER_NOT_ASSIGNED: Id = 0; // project user_to: {"id":"0","email":"NOONE","name":"Manager isn't assigned"}
export const NOONE: Id = 1; // task user_to: {"id":"1","email":"NOONE","name":"Executive isn't assigned"}
export const ANYONE: Id = 2; // task user_to: {"id":"2","email":"ANY","name":"Anyone"}

export type UserRole = 'Owner' | 'Account admin' | 'User' | 'Guest' | 'Reader';

export interface UserRec {
  id: Id;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  rate: number;
  avatar: string;
  /** Title of the user's group (company), see GroupRec. */
  group: string;
  department: string;
  role: UserRole;
  /** phone, phone2..phone4; empty strings are omitted from answers. */
  phones: string[];
  /** address, address2; empty strings are omitted from answers. */
  addresses: string[];
}

export interface GroupRec {
  id: Id;
  title: string;
  /** 1 for a client company, 0 for the own team. */
  client: 0 | 1;
}

export interface FolderRec {
  id: Id;
  title: string;
}

export interface ContactRec {
  id: Id;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  /** Title of a contact folder, or 'DEFAULT'. */
  group: string;
  phones: string[];
  addresses: string[];
}

export interface ContactGroupRec {
  id: Id;
  title: string;
}

export type ProjectStatus = 'active' | 'pending' | 'archive';

export interface ProjectRec {
  id: Id;
  name: string;
  status: ProjectStatus;
  /** Folder title ("company" on the wire). */
  company: string;
  userFromId: Id;
  /** Manager; MANAGER_NOT_ASSIGNED when none. */
  userToId: Id;
  text: string;
  dateAdded: number;
  /** Date-only values are 'YYYY-MM-DD' strings: they have no time zone to shift. */
  dateStart?: string;
  dateEnd?: string;
  maxTime?: number;
  maxMoney?: number;
  options: ProjectOptions;
  tagIds: Id[];
  memberIds: Id[];
}

type TaskStatus = 'active' | 'done';

export interface TaskRec {
  id: Id;
  projectId: Id;
  /** Parent task; subtasks nest at most two levels (task / subtask / sub-subtask). */
  parentId?: Id;
  name: string;
  status: TaskStatus;
  /** 0..10 */
  priority: number;
  userFromId: Id;
  /** Assignee; NOONE or ANYONE for the placeholders. */
  userToId: Id;
  text: string;
  dateAdded: number;
  dateStart?: string;
  dateEnd?: string;
  /** 'HH:MM' */
  timeStart?: string;
  timeEnd?: string;
  dateClosed?: number;
  maxTime?: number;
  maxMoney?: number;
  tagIds: Id[];
  subscriberIds: Id[];
  /** Delayed publication: hidden from listings until this time. */
  publishAt?: number;
}

/**
 * The one publication rule: a task waiting for delayed publication does not exist for the API until its
 * time comes, and neither do its subtasks (they live inside it). Listings, search_tasks, get_task and
 * relations all answer by this rule, and tests compute their expectations with it.
 */
export function isTaskPublished(tasks: ReadonlyMap<Id, TaskRec>, t: TaskRec, now: number): boolean {
  for (
    let cur: TaskRec | undefined = t;
    cur;
    cur = cur.parentId === undefined ? undefined : tasks.get(cur.parentId)
  )
    if (cur.publishAt !== undefined && cur.publishAt > now) return false;
  return true;
}

type RelationType = 'finish-to-start' | 'start-to-start';

export interface RelationRec {
  fromTaskId: Id;
  toTaskId: Id;
  type: RelationType;
}

export interface CommentRec {
  id: Id;
  taskId: Id;
  userFromId: Id;
  text: string;
  dateAdded: number;
  fileIds: Id[];
}

export type FileKind = 'png' | 'pdf' | 'docx' | 'txt';

export interface FileRec {
  id: Id;
  name: string;
  kind: FileKind;
  size: number;
  dateAdded: number;
  userFromId: Id;
  projectId: Id;
  /** Attached to a task description (taskId set, commentId unset) or to a comment (both set). */
  taskId?: Id;
  commentId?: Id;
  /** The file's bytes: uploads keep theirs; the generator renders each file once (files/index.ts). */
  bytes?: Uint8Array;
}

export interface CostRec {
  id: Id;
  taskId: Id;
  userFromId: Id;
  minutes: number;
  /** Money in cents, so sums stay exact. */
  moneyCents: number;
  /** 'YYYY-MM-DD' */
  date: string;
  comment: string;
  isTimer: boolean;
  dateAdded: number;
}

export interface TimerRec {
  id: Id;
  userId: Id;
  taskId: Id;
  startedAt: number;
}

export type TagScope = 'task' | 'project';

export interface TagGroupRec {
  id: Id;
  scope: TagScope;
  title: string;
  type: 'status' | 'label' | '';
  access: 'public' | 'private';
  /** Worksection's internal group id ("id_group"); negative for project groups. */
  idGroup: string;
}

export interface TagRec {
  id: Id;
  groupId: Id;
  title: string;
}

export type EventAction = 'post' | 'update' | 'close' | 'delete' | 'reopen';

export interface EventRec {
  action: EventAction;
  objectType: 'project' | 'task' | 'comment';
  objectId: Id;
  /** The page path of the object at the time of the event. */
  page: string;
  dateAdded: number;
  userFromId: Id;
  new?: Record<string, unknown>;
  old?: Record<string, unknown>;
}

export interface WebhookRec {
  id: Id;
  url: string;
  events: string;
  status: 'active' | 'paused';
  projects: string;
  httpUser?: string;
  httpPass?: string;
}

/** A whole account. Arrays keep insertion order; maps and indexes are what handlers look things up by. */
export interface SandboxData {
  /** Account URL as the API shows it in avatars and pages, e.g. 'https://demo.worksection.com'. */
  accountUrl: string;
  ownerId: Id;
  users: Map<Id, UserRec>;
  groups: Map<Id, GroupRec>;
  folders: Map<Id, FolderRec>;
  contacts: Map<Id, ContactRec>;
  contactGroups: Map<Id, ContactGroupRec>;
  projects: Map<Id, ProjectRec>;
  tasks: Map<Id, TaskRec>;
  relations: RelationRec[];
  comments: Map<Id, CommentRec>;
  files: Map<Id, FileRec>;
  costs: Map<Id, CostRec>;
  timers: Map<Id, TimerRec>;
  tagGroups: Map<Id, TagGroupRec>;
  tags: Map<Id, TagRec>;
  events: EventRec[];
  webhooks: Map<Id, WebhookRec>;
  index: {
    /** Top-level tasks of a project, in creation order. */
    tasksByProject: Map<Id, Id[]>;
    /** Direct children of a task, in creation order. */
    childrenByTask: Map<Id, Id[]>;
    /** Comments of a task, oldest first. */
    commentsByTask: Map<Id, Id[]>;
    costsByTask: Map<Id, Id[]>;
    userByEmail: Map<string, Id>;
  };
  /** Next free id per kind; ids are shared across kinds like in Worksection, so one counter suffices. */
  nextId: number;
}
