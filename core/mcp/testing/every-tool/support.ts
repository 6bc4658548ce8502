// The world every-tool.test.ts runs its table in: one harness per auth mode, the sandbox records the
// arguments are built from (the showcase project, its richest task, a PNG), the ids the writes create, and
// expectations computed straight from the sandbox's data (never through the API under test). Also the
// table's own vocabulary (Entry and the answer shapes), shared by reads*.ts and writes*.ts.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import type {
  CostRec,
  FileRec,
  Id,
  ProjectRec,
  SandboxData,
  TaskRec,
  UserRec,
} from '../../../sandbox/model.js';
import type { Harness } from '../harness.js';
import { resultText } from '../harness.js';
import { allPublished, childrenOf, topLevel } from '../task-tree.js';

export type Mode = 'oauth' | 'admin';

/** What the sandbox generated that the table's arguments point at. */
export interface Fixture {
  owner: UserRec;
  /** A plain team member other than the owner, and the guest. */
  member: UserRec;
  guest: UserRec;
  /** The showcase project ("Website redesign") and its first task with subtasks, comments, files and costs. */
  project: ProjectRec;
  task: TaskRec;
  png: FileRec;
  /** A date range over the showcase project's costs (the middle half of their days). */
  range: { from: string; to: string };
}

/** Ids the writes create, for the steps after them. */
export interface Made {
  projectId?: string;
  taskId?: string;
  subtaskId?: string;
  entryId?: string;
  tagGroup?: string;
  tags?: [string, string];
  /** The journal id of set_tags' change (list_changes finds it, undo_change puts it back). */
  changeId?: string;
}

export interface World {
  h: Harness;
  /** The clock the sandbox and the product share in this run (a pinned date). */
  now: () => number;
  data: SandboxData;
  mode: Mode;
  fx: Fixture;
  made: Made;
  /** A follow-up call: must succeed; answers its structuredContent. */
  read<T>(tool: string, args: Record<string, unknown>): Promise<T>;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the sandbox has no ${what}`);
  return value;
}

/** An id an earlier step of the table created (a clear failure when that step failed). */
export function need(value: string | undefined, step: string): string {
  if (value === undefined) throw new Error(`needs what ${step} creates; it failed earlier`);
  return value;
}

export function fixtureOf(data: SandboxData, now: number): Fixture {
  const users = [...data.users.values()];
  const owner = must(data.users.get(data.ownerId), 'owner');
  const project = must(
    [...data.projects.values()].find((p) => p.name === 'Website redesign'),
    'showcase project',
  );
  const filesOf = (t: TaskRec) => [...data.files.values()].filter((f) => f.taskId === t.id);
  const task = must(
    topLevel(data, project.id, now).find(
      (t) =>
        childrenOf(data, t.id, now).length >= 2 &&
        (data.index.commentsByTask.get(t.id)?.length ?? 0) >= 5 &&
        (data.index.costsByTask.get(t.id)?.length ?? 0) > 0 &&
        filesOf(t).some((f) => f.kind === 'png' && f.commentId === undefined),
    ),
    'rich showcase task',
  );
  const png = must(
    filesOf(task).find((f) => f.kind === 'png' && f.commentId === undefined),
    'PNG on the task',
  );
  const days = costsIn(data, project.id)
    .map((c) => c.date)
    .sort();
  const range = {
    from: must(days[Math.floor(days.length / 4)], 'costs'),
    to: must(days[Math.floor((days.length * 3) / 4)], 'costs'),
  };
  return {
    owner,
    member: must(
      users.find((u) => u.role === 'User' && u.id !== owner.id),
      'plain user',
    ),
    guest: must(
      users.find((u) => u.role === 'Guest'),
      'guest',
    ),
    project,
    task,
    png,
    range,
  };
}

export function worldOf(h: Harness, mode: Mode, now: () => number): World {
  const data = h.sandbox.data;
  return {
    h,
    now,
    data,
    mode,
    fx: fixtureOf(data, now()),
    made: {},
    async read<T>(tool: string, args: Record<string, unknown>) {
      const result = await h.callTool(tool, args);
      expect(result.isError, `${tool}: ${resultText(result)}`).toBeFalsy();
      return result.structuredContent as T;
    },
  };
}

/** Costs of a project's tasks (a cost's project is its task's), optionally within a date range. */
export function costsIn(data: SandboxData, projectId?: Id, range?: { from: string; to: string }): CostRec[] {
  return [...data.costs.values()].filter(
    (c) =>
      (projectId === undefined || data.tasks.get(c.taskId)?.projectId === projectId) &&
      (range === undefined || (c.date >= range.from && c.date <= range.to)),
  );
}

export const minutesOf = (costs: readonly CostRec[]): number => costs.reduce((n, c) => n + c.minutes, 0);

/** Tasks of a project the API shows at the run's clock, at every depth. */
export const tasksOf = (w: World, projectId: Id): TaskRec[] =>
  allPublished(w.data, w.now()).filter((t) => t.projectId === projectId);

/** The run's today in the account's time zone (UTC in these tests). */
export const isoToday = (w: World): string => new Date(w.now()).toISOString().slice(0, 10);

export const sortedIds = (list: readonly { id: Id | string }[]): string[] =>
  list.map((x) => String(x.id)).sort();

export function tagId(data: SandboxData, scope: 'task' | 'project', title: string): Id {
  const groups = new Set([...data.tagGroups.values()].filter((g) => g.scope === scope).map((g) => g.id));
  return must(
    [...data.tags.values()].find((t) => groups.has(t.groupId) && t.title === title),
    `${scope} tag ${title}`,
  ).id;
}

export function imageOf(result: CallToolResult): { data: string; mimeType: string } | undefined {
  const block = result.content.find((c) => c.type === 'image');
  return block?.type === 'image' ? block : undefined;
}

/** The parts of tool answers the checks look at (the zod output schemas check the rest). */
export interface Person {
  id: string;
  name: string;
  email: string;
}
export interface Page<T> {
  items: T[];
  total_count: number;
  truncated: boolean;
}
export type Row = { id: string; name: string } & Record<string, unknown>;
export type TaskOut = Row & {
  project: { id: string };
  status: string;
  assignee: Person | null;
  tags: string[];
};
export interface Totals {
  entries: number;
  minutes: number;
  money: number;
}

/** One row of the table: how to call a tool and what its answer must say. */
export interface Entry<O = unknown> {
  tool: string;
  /** Default: both modes. */
  modes?: readonly Mode[];
  args(w: World): Record<string, unknown>;
  check(out: O, w: World, result: CallToolResult): void | Promise<void>;
}

export const entry = <O>(tool: string, e: Omit<Entry<O>, 'tool'>): Entry => ({ tool, ...e }) as Entry;
export const str = (id: Id) => String(id);
export const titles = (w: World, ids: Id[]) => ids.map((id) => w.data.tags.get(id)?.title);
export const record = <T>(map: Map<Id, T>, id: string | undefined, step: string): T => {
  const rec = map.get(Number(need(id, step)));
  if (!rec) throw new Error(`no record ${id} after ${step}`);
  return rec;
};
export const taskRec = (w: World) => record(w.data.tasks, w.made.taskId, 'create_task');
export const projectRec = (w: World) => record(w.data.projects, w.made.projectId, 'create_project');

export function taskLabelGroup(w: World) {
  const group = [...w.data.tagGroups.values()].find((g) => g.scope === 'task' && g.type === 'label');
  if (!group) throw new Error('the sandbox has no task label group');
  return group;
}

export function taskLabelGroupTag(w: World): string {
  const group = taskLabelGroup(w);
  const tag = [...w.data.tags.values()].find((t) => t.groupId === group.id);
  if (!tag) throw new Error('the sandbox has no task label');
  return tag.title;
}
