// What upstream changes mean for the mirror: Worksection's activity log (get_events) and the writes our
// own tools make. Events name objects only by page, so a changed task makes its project's task list
// stale (one request refreshes all of a project's changes), a deleted task goes at once, and a comment
// makes its task's discussion and its project's list (which shows the newest comments) stale; a new
// comment on a discussion held whole is then completed by that list when it can be (markCommentPosted).
import type { WsEvent } from '../worksection/schemas/projects.js';
import type { WsParams } from '../worksection/transport.js';
import type { MirrorStore } from './mirror-store.js';
import type { ChangedScope } from '../upstream/changed-scope.js';
import type { KnownEvents } from './known-events.js';
import { commentRow, pageIds, taskRow, wsTime } from './rows.js';
import type { Comment, Task } from '../worksection/schemas/tasks.js';

/**
 * Applies a poll's events that are news and not ours (`known` sorts them; without it every event is
 * news). Answers what someone else's changed, for the response cache's confirmation, each with the time
 * from which a fetched answer shows it (when the poll that first brought it answered); ours do not count.
 */
export function applyEvents(
  store: MirrorStore,
  events: readonly WsEvent[],
  answeredAt: number,
  known?: KnownEvents,
): ChangedScope {
  const projects = new Map<string, number>();
  const tasks = new Map<string, number>();
  let everythingFrom = 0;
  const later = (map: Map<string, number>, id: number, from: number) =>
    map.set(String(id), Math.max(map.get(String(id)) ?? 0, from));
  const sorted = known
    ? known.sort(events, answeredAt)
    : events.map((event) => ({ event, news: true, ours: false, shownFrom: answeredAt }));
  for (const { event: e, news, ours, shownFrom } of sorted) {
    if (ours) continue;
    const named = pageIds(e.object.page);
    if (e.object.type === 'project' || named.project === undefined)
      everythingFrom = Math.max(everythingFrom, shownFrom);
    if (named.project !== undefined) later(projects, named.project, shownFrom);
    if (named.task !== undefined) later(tasks, named.task, shownFrom);
    if (!news) continue;
    const ids = named;
    const at = wsTime(e.date_added);
    if (e.object.type === 'project' || ids.project === undefined) {
      store.meta.set('projects_stale', 1);
    } else if (e.object.type === 'task' && e.action === 'delete') {
      store.deleteTask(Number(e.object.id));
    } else if (e.object.type === 'task') {
      store.markProjectStale(ids.project);
      if (!store.hasTask(Number(e.object.id))) store.meta.set('projects_stale', 1);
    } else if (ids.task !== undefined) {
      // A new comment may come with the listing read anyway; an edited or deleted one means a re-read.
      if (e.object.type === 'comment' && e.action === 'post')
        store.markCommentPosted(ids.task, ids.comment ?? Number(e.object.id), at);
      else store.markCommentsStale(ids.task, at);
      // The project's list shows each task's newest comments: read again, it serves tools again (a list
      // an event touched is not confirmed by the poll).
      store.markProjectStale(ids.project);
    }
  }
  return { everythingFrom, projects, tasks };
}

const one = (params: WsParams | undefined, name: string): number | undefined => {
  const v = params?.[name];
  return typeof v === 'string' || typeof v === 'number' ? Number(v) : undefined;
};

/** The task's project list is stale: it will be listed again (tags, status and what else changed). */
function staleProjectOf(store: MirrorStore, taskId: number | undefined): void {
  if (taskId === undefined) return;
  const row = store.db
    .prepare<[number], { p: number }>('SELECT project_id AS p FROM mirror_tasks WHERE id = ?')
    .get(taskId);
  if (row) store.markProjectStale(row.p);
}

/** A successful write through our tools, reflected in the mirror at once. */
export function applyWrite(
  store: MirrorStore,
  action: string,
  params: WsParams | undefined,
  answer: unknown,
  now: number,
): void {
  const data = (answer as { data?: unknown } | undefined)?.data;
  switch (action) {
    case 'post_task':
    case 'update_task': {
      if (!data) return;
      const task = data as Task;
      const row = taskRow(task, null);
      const text = params?.text;
      store.putTask(row.text === null && typeof text === 'string' ? { ...row, text } : row, now);
      store.markProjectStale(row.project_id);
      return;
    }
    case 'complete_task':
    case 'reopen_task': {
      const id = one(params, 'id_task');
      if (id === undefined) return;
      // complete_task's snapshot still says "active": the status is what the action did.
      store.setTaskStatus(id, action === 'complete_task' ? 'done' : 'active');
      staleProjectOf(store, id);
      return;
    }
    case 'update_task_tags':
      staleProjectOf(store, one(params, 'id_task'));
      return;
    case 'post_comment': {
      const task = one(params, 'id_task');
      if (task === undefined || !data) return;
      store.addComment(commentRow(task, data as Comment), now);
      return;
    }
    case 'post_project':
    case 'update_project':
    case 'close_project':
    case 'activate_project':
      store.meta.set('projects_stale', 1);
      return;
    default:
  }
}
