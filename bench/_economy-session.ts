// The scripted agent session of `npm run bench -- economy`: 200 tool calls as a model answering the example
// prompts (core/mcp/prompts.ts) would make them over a morning: standups, project status reports, overdue
// triage, the week's timesheets, and the repeated look-ups in between (the same projects, people and tasks
// asked about again, long lists paged through with their cursor as the timesheet prompt asks), with a few
// writes (a comment, a new task, logged time, a completed task). Built from the sandbox's generated data,
// so every id exists; the same seed gives the same session.
import { addDays, isoToday } from '../core/mcp/tools/kit/dates.js';
import { previousWorkday } from '../core/mcp/prompts.js';
import { isTaskPublished, type SandboxData, type TaskRec } from '../core/sandbox/model.js';

export interface Step {
  /** Which prompt the call belongs to (the breakdown groups by it). */
  episode: string;
  tool: string;
  args: Record<string, unknown>;
  /** Follow next_cursor for up to this many more pages (each page is one more call). */
  pages?: number;
}

export const SESSION_CALLS = 200;

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

function pickers(data: SandboxData) {
  // Tasks the API shows, whatever the date (no delayed publication on the task or above it).
  const tasks = [...data.tasks.values()].filter((t) => isTaskPublished(data.tasks, t, -Infinity)).sort(byId);
  const activeProjects = [...data.projects.values()].filter((p) => p.status === 'active').sort(byId);
  const openOf = (projectId: number) =>
    tasks.filter((t) => t.projectId === projectId && t.status === 'active');
  // The busiest projects first: status reports are asked about the projects with work in them.
  const projects = [...activeProjects].sort((a, b) => openOf(b.id).length - openOf(a.id).length);
  const commented = new Set([...data.comments.values()].map((c) => c.taskId));
  const users = [...data.users.values()].filter((u) => u.id !== data.ownerId).sort(byId);
  return {
    project: (i: number) => String(projects[i % projects.length]?.id),
    /** The n-th open task of a project, those with a discussion first. */
    task: (projectIndex: number, n: number): string => {
      const open = openOf(projects[projectIndex % projects.length]?.id ?? -1);
      const ordered = [
        ...open.filter((t) => commented.has(t.id)),
        ...open.filter((t) => !commented.has(t.id)),
      ];
      return String((ordered[n % Math.max(1, ordered.length)] as TaskRec | undefined)?.id ?? tasks[0]?.id);
    },
    myTask: (n: number): string => {
      const mine = tasks.filter((t) => t.userToId === data.ownerId && t.status === 'active');
      return String(mine[n % Math.max(1, mine.length)]?.id ?? tasks[0]?.id);
    },
    colleague: (i: number) => users[i % users.length]?.email ?? 'me',
  };
}

export function agentSession(data: SandboxData, now: Date): Step[] {
  const pick = pickers(data);
  const today = isoToday(now);
  const prev = previousWorkday(today);
  const weekAgo = addDays(today, -6);
  const steps: Step[] = [];
  const at =
    (episode: string) =>
    (tool: string, args: Record<string, unknown> = {}, pages?: number): void => {
      steps.push(pages === undefined ? { episode, tool, args } : { episode, tool, args, pages });
    };

  const standup = (who: string) => {
    const s = at('standup');
    if (who === 'me') s('get_me');
    else s('list_users', { search: who });
    s('list_time_entries', { user: who, date_from: prev, date_to: addDays(today, -1) });
    s('get_activity', { user: who, since: prev });
    s('list_tasks', { assignee: who, status: 'active' });
    s('list_tasks', { overdue: true, assignee: who });
    s('list_timers');
    s('get_task', { task_id: pick.myTask(0) });
    s('get_task', { task_id: pick.myTask(1) });
    s('list_comments', { task_id: pick.myTask(0) });
  };

  const statusReport = (p: number) => {
    const s = at('status report');
    const id = pick.project(p);
    s('list_projects');
    s('project_stats', { project_id: id });
    s('list_tasks', { overdue: true, project_id: id });
    s('list_tasks', { project_id: id, status: 'done', closed_after: weekAgo });
    s('list_tasks', { project_id: id, status: 'active', due_after: today, due_before: addDays(today, 14) });
    s('list_time_entries', { project_id: id, date_from: weekAgo, date_to: today, group_by: 'user' });
    s('get_activity', { project_id: id, period: '7d' });
    s('get_project', { project_id: id });
    s('list_tasks', { project_id: id }, 2);
    for (let n = 0; n < 3; n += 1) s('get_task', { task_id: pick.task(p, n) });
    s('list_comments', { task_id: pick.task(p, 0) });
    s('list_comments', { task_id: pick.task(p, 1) });
  };

  const overdueTriage = (p: number) => {
    const s = at('overdue tasks');
    s('list_tasks', { overdue: true }, 1);
    s('list_users');
    for (let n = 0; n < 3; n += 1) s('get_task', { task_id: pick.task(p, n) });
    s('list_comments', { task_id: pick.task(p, 0) });
    s('post_comment', { task_id: pick.task(p, 0), text: 'Any update on this? It is past its due date.' });
    s('list_comments', { task_id: pick.task(p, 0) });
    s('list_tasks', { overdue: true, project_id: pick.project(p) });
    s('team_workload');
  };

  const timeThisWeek = () => {
    const s = at('time this week');
    s('list_time_entries', { date_from: weekAgo, date_to: today, group_by: 'date' });
    s('list_time_entries', { date_from: weekAgo, date_to: today, group_by: 'user' });
    s('list_time_entries', { date_from: weekAgo, date_to: today }, 3);
    s('list_time_entries', { user: 'me', date_from: weekAgo, date_to: today, group_by: 'project' });
    s('team_workload', { date_from: weekAgo, date_to: today });
    s('list_users');
  };

  // "What about that task again?": the look-ups a model repeats between prompts.
  const lookups = (p: number) => {
    const s = at('repeated look-ups');
    s('list_projects');
    s('get_project', { project_id: pick.project(p) });
    s('list_tasks', { project_id: pick.project(p) });
    s('get_task', { task_id: pick.task(p, 0) });
    s('get_task', { task_id: pick.task(p, 4), include: ['subtasks'] });
    s('list_comments', { task_id: pick.task(p, 0) });
    s('list_users');
    s('get_me');
    s('list_tags');
  };

  const writes = (p: number) => {
    const s = at('writes');
    const id = pick.project(p);
    s('create_task', { project_id: id, title: 'Follow up on the status report', assignee: 'me' });
    s('list_tasks', { project_id: id });
    s('log_time', { task_id: pick.myTask(0), time: '0:30', comment: 'Status report' });
    s('list_time_entries', { user: 'me', date_from: weekAgo, date_to: today, group_by: 'project' });
    s('set_task_status', { task_id: pick.task(p, 5), status: 'done' });
    s('list_tasks', { project_id: id });
  };

  const plan = [
    () => standup('me'),
    () => statusReport(0),
    () => lookups(0),
    () => overdueTriage(0),
    () => timeThisWeek(),
    () => statusReport(1),
    () => lookups(1),
    () => writes(0),
    () => standup(pick.colleague(0)),
    () => lookups(0),
    () => statusReport(2),
    () => overdueTriage(1),
    () => standup(pick.colleague(1)),
    () => lookups(2),
    () => statusReport(0),
    () => timeThisWeek(),
  ];
  // Paged steps become several calls when run; enough steps for SESSION_CALLS calls either way.
  for (let i = 0; steps.length < SESSION_CALLS; i += 1) plan[i % plan.length]?.();
  return steps;
}
