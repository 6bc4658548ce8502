// What an activity-log poll reported changed, as far as held answers go: the projects and tasks its events
// name, or everything (a project's own event, a page that names no project). A poll confirms every held
// answer its events leave alone: an answer scoped to one project (its task list, a search within it, the
// project, one of its tasks) when no event is in that project, a task's discussion when no event names
// that task. Answers across projects are confirmed only by a poll with no events at all. What events do
// not report at all (tags, a task moved in the web app) is bounded as before: a held answer is confirmed
// for at most the tags window after it was really fetched.
import type { CacheParams } from '../store/response-cache.js';

export interface ChangedScope {
  everything: boolean;
  projects: ReadonlySet<string>;
  tasks: ReadonlySet<string>;
}

export const NOTHING_CHANGED: ChangedScope = { everything: false, projects: new Set(), tasks: new Set() };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The project a get_task answer's task is in. */
function projectOfTask(body: unknown): string | undefined {
  const data = (body as { data?: { project?: { id?: unknown } } } | undefined)?.data;
  return str(data?.project?.id);
}

/** Whether a held answer is as it was despite these changes; `body` is read only when it decides. */
export function untouchedBy(
  changed: ChangedScope,
  action: string,
  params: CacheParams,
  body: () => unknown,
): boolean {
  if (changed.everything) return false;
  if (changed.projects.size === 0 && changed.tasks.size === 0) return true;
  const inProject = (project: string | undefined) => project !== undefined && !changed.projects.has(project);
  switch (action) {
    case 'get_tasks':
    case 'search_tasks':
    case 'get_project':
      return inProject(str(params.id_project));
    case 'get_task':
      return inProject(projectOfTask(body()));
    case 'get_comments': {
      const task = str(params.id_task);
      return task !== undefined && !changed.tasks.has(task);
    }
    default:
      return false;
  }
}
