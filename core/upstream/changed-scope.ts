// What an activity-log poll reported changed, as far as held answers go: the projects and tasks its events
// name, or everything (a project's own event, a page that names no project), each with the time from which
// a held answer already shows the change. A change first reported by this poll is shown by nothing held
// (its time is the poll's); one an earlier poll reported already (polls overlap) is shown by what was
// fetched after that poll (the mirror read it again then). A poll confirms every held answer that shows
// every change touching it: an answer scoped to one project (its task list, a search within it, the
// project, one of its tasks) is touched by the changes in that project, a task's discussion by those
// naming the task, an answer across projects by all. What events do not report at all (tags, a task moved
// in the web app) is bounded as before: a held answer is confirmed for at most the tags window after it
// was really fetched.
import type { CacheParams } from '../store/response-cache.js';

export interface ChangedScope {
  /** Answers fetched before this are touched by a change no project pins down (0: there was none). */
  everythingFrom: number;
  /** Per project / task: answers of it fetched before this time do not show a change to it. */
  projects: ReadonlyMap<string, number>;
  tasks: ReadonlyMap<string, number>;
}

export const NOTHING_CHANGED: ChangedScope = { everythingFrom: 0, projects: new Map(), tasks: new Map() };

/** The latest time any change was shown from: answers fetched at or after it show them all. */
export function latestChange(changed: ChangedScope): number {
  return Math.max(changed.everythingFrom, ...changed.projects.values(), ...changed.tasks.values());
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The project a get_task answer's task is in (kept beside the answer, so a poll reads no body). */
export function projectOfTask(body: unknown): string | undefined {
  const data = (body as { data?: { project?: { id?: unknown } } } | undefined)?.data;
  return str(data?.project?.id);
}

/**
 * Whether a held answer, fetched at `fetchedAt`, shows every change the poll reported that touches it;
 * `project` is a get_task answer's project.
 */
export function untouchedBy(
  changed: ChangedScope,
  action: string,
  params: CacheParams,
  fetchedAt: number,
  project?: string,
): boolean {
  if (fetchedAt < changed.everythingFrom) return false;
  const shows = (map: ReadonlyMap<string, number>, id: string | undefined) =>
    id !== undefined && fetchedAt >= (map.get(id) ?? -Infinity);
  switch (action) {
    // A project shows nothing of its tasks: only a project's own event (everythingFrom) changes it.
    case 'get_project':
    case 'get_projects':
      return true;
    case 'get_tasks':
    case 'search_tasks':
      if (params.id_project !== undefined) return shows(changed.projects, str(params.id_project));
      return fetchedAt >= latestChange(changed);
    case 'get_task':
      return shows(changed.projects, project);
    case 'get_comments':
      return shows(changed.tasks, str(params.id_task));
    default:
      return fetchedAt >= latestChange(changed);
  }
}
