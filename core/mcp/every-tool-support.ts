// The world every-tool.test.ts runs its table in: one harness per auth mode, the sandbox records the
// arguments are built from (the showcase project, its richest task, a PNG), the ids the writes create, and
// expectations computed straight from the sandbox's data (never through the API under test).
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
} from '../worksection/sandbox/model.js';
import type { Harness } from './testing/harness.js';
import { resultText } from './testing/harness.js';
import { allPublished, childrenOf, topLevel } from './tools/tasks-test-support.js';

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
}

export interface World {
  h: Harness;
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

export function fixtureOf(data: SandboxData): Fixture {
  const users = [...data.users.values()];
  const owner = must(data.users.get(data.ownerId), 'owner');
  const project = must(
    [...data.projects.values()].find((p) => p.name === 'Website redesign'),
    'showcase project',
  );
  const filesOf = (t: TaskRec) => [...data.files.values()].filter((f) => f.taskId === t.id);
  const task = must(
    topLevel(data, project.id).find(
      (t) =>
        childrenOf(data, t.id).length >= 2 &&
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

export function worldOf(h: Harness, mode: Mode): World {
  const data = h.sandbox.data;
  return {
    h,
    data,
    mode,
    fx: fixtureOf(data),
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

/** Published tasks of a project at every depth. */
export const tasksOf = (data: SandboxData, projectId: Id): TaskRec[] =>
  allPublished(data).filter((t) => t.projectId === projectId);

export const isoToday = (): string => new Date().toISOString().slice(0, 10);

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
