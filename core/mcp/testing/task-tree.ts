// Expectations for the task, comment, tag and project tool tests, computed straight from the sandbox's
// records (not through the API), and a helper to call a tool the way the server does.
import type { AnyTool } from '../tools/kit/define-tool.js';
import type { ToolContext } from '../tools/kit/context.js';
import type { Id, SandboxData, TaskRec } from '../../sandbox/model.js';
import { isTaskPublished } from '../../sandbox/model.js';
import { testNow } from '../../worksection/testing/test-clock.js';

export async function run<T = Record<string, unknown>>(
  tool: AnyTool,
  args: Record<string, unknown>,
  ctx: ToolContext,
): Promise<T> {
  return (await tool.handle(tool.input.parse(args), ctx)) as T;
}

/** Whether the API shows the task at `now` (the sandbox's one publication rule; default: the test clock). */
export const published = (data: SandboxData, t: TaskRec, now = testNow()): boolean =>
  isTaskPublished(data.tasks, t, now);

export function topLevel(data: SandboxData, projectId: Id, now = testNow()): TaskRec[] {
  return (data.index.tasksByProject.get(projectId) ?? []).flatMap((id) => {
    const t = data.tasks.get(id);
    return t && published(data, t, now) ? [t] : [];
  });
}

export function childrenOf(data: SandboxData, id: Id, now = testNow()): TaskRec[] {
  return (data.index.childrenByTask.get(id) ?? []).flatMap((c) => {
    const t = data.tasks.get(c);
    return t && published(data, t, now) ? [t] : [];
  });
}

/** Tasks and their subtasks depth-first, keeping only those `keep` accepts (a rejected task hides its subtree). */
export function tree(
  data: SandboxData,
  roots: TaskRec[],
  keep: (t: TaskRec) => boolean,
  now = testNow(),
): TaskRec[] {
  return roots.flatMap((t) => (keep(t) ? [t, ...tree(data, childrenOf(data, t.id, now), keep, now)] : []));
}

export const ids = (list: { id: Id | string }[]): string[] => list.map((t) => String(t.id));

export function allPublished(data: SandboxData, now = testNow()): TaskRec[] {
  return [...data.tasks.values()].filter((t) => published(data, t, now));
}

export function nonArchivedProjectIds(data: SandboxData): Set<Id> {
  return new Set([...data.projects.values()].filter((p) => p.status !== 'archive').map((p) => p.id));
}

/** The project with the most published tasks of a kind (tests want rich fixtures). */
export function richestProject(data: SandboxData, pred: (t: TaskRec) => boolean): Id {
  const counts = new Map<Id, number>();
  for (const t of allPublished(data))
    if (pred(t)) counts.set(t.projectId, (counts.get(t.projectId) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('no such task in the sandbox');
  return best[0];
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
