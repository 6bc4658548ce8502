// The reading half of the scripted requests of `npm run bench -- agent`: each is the calls a capable model
// makes for one assistant request, checked against the sandbox's own data. The plans are written as a model
// would write them from the tool list alone, so a merged or renamed tool changes the plan, not the check.
import { addDays } from '../core/mcp/tools/kit/dates.js';
import { previousWorkday } from '../core/mcp/prompts.js';
import type { TaskRec } from '../core/sandbox/model.js';
import { all, equal, idOf, sameIds, type Ask, type Truth, type Verdict } from './_agent-ask.js';

export interface AgentRequest {
  name: string;
  run(ask: Ask, truth: Truth): Promise<Verdict>;
}

const open = (t: TaskRec) => t.status === 'active';
const ids = (items: Array<Record<string, unknown>>) => items.map((i) => idOf(i.id));

/** The project with the most open tasks: the one status reports are asked about. */
export function busiestProject(truth: Truth): number {
  const count = new Map<number, number>();
  for (const t of truth.tasks()) if (open(t)) count.set(t.projectId, (count.get(t.projectId) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

function mondayOf(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return addDays(iso, -((day + 6) % 7));
}

function minutesOf(truth: Truth, keep: (c: { userFromId: number; taskId: number; date: string }) => boolean) {
  let sum = 0;
  for (const c of truth.data.costs.values()) if (keep(c)) sum += c.minutes;
  return sum;
}

const projectOfTask = (truth: Truth, taskId: number) => truth.data.tasks.get(taskId)?.projectId;

export const READ_REQUESTS: AgentRequest[] = [
  {
    name: 'who am I',
    run: async (ask, t) => {
      const me = await ask('get_me');
      const user = me.user as Record<string, unknown>;
      return equal('email', user.email, t.data.users.get(t.me)?.email);
    },
  },
  {
    name: 'standup: my open tasks',
    run: async (ask, t) => {
      const items = await ask.all('list_tasks', { assignee: 'me', status: 'active' });
      // Subtasks assigned to me are mine too: list_tasks lists them when filtering by assignee.
      const want = t.tasks().filter((x) => open(x) && x.userToId === t.me);
      return sameIds(
        'my open tasks',
        ids(items),
        want.map((x) => x.id),
      );
    },
  },
  {
    name: 'standup: what I did yesterday',
    run: async (ask, t) => {
      const day = previousWorkday(t.today);
      const report = await ask('list_time_entries', {
        user: 'me',
        date_from: day,
        date_to: day,
        group_by: 'task',
      });
      const totals = report.totals as { minutes: number };
      return equal(
        'minutes',
        totals.minutes,
        minutesOf(t, (c) => c.userFromId === t.me && c.date === day),
      );
    },
  },
  {
    name: 'my overdue tasks',
    run: async (ask, t) => {
      const items = await ask.all('list_tasks', { overdue: true, assignee: 'me' });
      const want = t
        .tasks()
        .filter((x) => open(x) && x.userToId === t.me && x.dateEnd !== undefined && x.dateEnd < t.today);
      return sameIds(
        'overdue',
        ids(items),
        want.map((x) => x.id),
      );
    },
  },
  {
    name: 'status report: busiest project',
    run: async (ask, t) => {
      const project = busiestProject(t);
      const stats = await ask('project_stats', { project_id: String(project) });
      const tasks = stats.tasks as { open: number; done: number };
      const mine = t.tasks().filter((x) => x.projectId === project);
      return all(
        equal('open', tasks.open, mine.filter(open).length),
        equal('done', tasks.done, mine.filter((x) => x.status === 'done').length),
      );
    },
  },
  {
    name: 'status report: overdue in project',
    run: async (ask, t) => {
      const project = busiestProject(t);
      const items = await ask.all('list_tasks', { overdue: true, project_id: String(project) });
      const want = t
        .tasks()
        .filter((x) => x.projectId === project && open(x) && x.dateEnd !== undefined && x.dateEnd < t.today);
      return sameIds(
        'overdue',
        ids(items),
        want.map((x) => x.id),
      );
    },
  },
  {
    name: 'what changed since yesterday',
    run: async (ask, t) => {
      // The model says "yesterday"; the pinned today is a Wednesday, so that is the previous workday.
      const since = previousWorkday(t.today);
      const items = await ask.all('get_activity', { since: 'yesterday' });
      const from = Date.parse(`${since}T00:00:00Z`);
      const want = t.data.events.filter((e) => e.dateAdded >= from);
      return equal('events', items.length, want.length);
    },
  },
  {
    name: 'time this week, mine',
    run: async (ask, t) => {
      const from = mondayOf(t.today);
      const report = await ask('list_time_entries', {
        user: 'me',
        date_from: 'this week',
        date_to: 'today',
        group_by: 'date',
      });
      const totals = report.totals as { minutes: number };
      const want = minutesOf(t, (c) => c.userFromId === t.me && c.date >= from && c.date <= t.today);
      return equal('minutes', totals.minutes, want);
    },
  },
  {
    name: 'time last month on a project',
    run: async (ask, t) => {
      const project = busiestProject(t);
      const first = `${t.today.slice(0, 7)}-01`;
      const from = `${addDays(first, -1).slice(0, 7)}-01`;
      const to = addDays(first, -1);
      const report = await ask('list_time_entries', {
        project_id: String(project),
        date_from: 'last month',
        date_to: 'last month',
        group_by: 'user',
      });
      const totals = report.totals as { minutes: number };
      const want = minutesOf(
        t,
        (c) => projectOfTask(t, c.taskId) === project && c.date >= from && c.date <= to,
      );
      return equal('minutes', totals.minutes, want);
    },
  },
  {
    name: 'team workload',
    run: async (ask, t) => {
      const items = await ask.all('team_workload', {});
      const counts = new Map<string, number>();
      for (const x of t.tasks()) {
        if (open(x) && x.userToId > 0)
          counts.set(String(x.userToId), (counts.get(String(x.userToId)) ?? 0) + 1);
      }
      const wrong = items.filter((i) => (i.open_tasks as number) !== (counts.get(idOf(i.user) ?? '') ?? 0));
      return wrong.length === 0 ? true : `workload: ${wrong.length} users with a wrong open count`;
    },
  },
  {
    name: 'find tasks by topic',
    run: async (ask, t) => {
      const word = (t.tasks().find(open)?.name.split(' ')[0] ?? 'a').toLowerCase();
      const items = await ask.all('list_tasks', {
        name_contains: word,
        status: 'all',
        include_subtasks: true,
      });
      const want = t.tasks().filter((x) => x.name.toLowerCase().includes(word));
      return sameIds(
        `tasks about "${word}"`,
        ids(items),
        want.map((x) => x.id),
      );
    },
  },
  {
    name: 'tasks due this week',
    run: async (ask, t) => {
      const from = mondayOf(t.today);
      const to = addDays(from, 6);
      const items = await ask.all('list_tasks', {
        due_after: 'this week',
        due_before: 'this week',
        status: 'active',
      });
      const want = t
        .tasks()
        .filter((x) => open(x) && x.dateEnd !== undefined)
        .filter((x) => (x.dateEnd as string) >= from && (x.dateEnd as string) <= to);
      return sameIds(
        'due this week',
        ids(items),
        want.map((x) => x.id),
      );
    },
  },
  {
    name: 'task details and discussion',
    run: async (ask, t) => {
      const task = t.tasks().find((x) => (t.data.index.commentsByTask.get(x.id)?.length ?? 0) > 2);
      if (!task) return 'no task with a discussion';
      const detail = await ask('get_task', { task_id: String(task.id) });
      const comments = await ask.all('list_comments', { task_id: String(task.id) });
      return all(
        equal('name', detail.name, task.name),
        equal('comments', comments.length, t.data.index.commentsByTask.get(task.id)?.length),
      );
    },
  },
  {
    name: 'who is on a project',
    run: async (ask, t) => {
      const project = t.data.projects.get(busiestProject(t));
      const detail = await ask('get_project', { project_id: String(project?.id) });
      const members = (detail.members ?? []) as unknown[];
      return sameIds('members', members.map(idOf), project?.memberIds ?? []);
    },
  },
  {
    name: 'my projects',
    run: async (ask, t) => {
      // A model asks for the projects it is on, open or on hold (the bare list is every active project).
      const items = await ask.all('list_projects', { member: 'me', status: ['active', 'pending'] });
      const want = [...t.data.projects.values()].filter(
        (p) => p.memberIds.includes(t.me) && (p.status === 'active' || p.status === 'pending'),
      );
      return sameIds(
        'my projects',
        ids(items),
        want.map((p) => p.id),
      );
    },
  },
  {
    name: 'find a colleague',
    run: async (ask, t) => {
      const user = [...t.data.users.values()].find((u) => u.id !== t.me && u.role === 'User');
      if (!user) return 'no colleague';
      const items = await ask.all('list_users', { search: user.lastName });
      return items.some((i) => i.email === user.email) ? true : `${user.lastName} not found`;
    },
  },
  {
    name: 'files of a task',
    run: async (ask, t) => {
      const file = [...t.data.files.values()].find(
        (f) => f.taskId !== undefined && f.commentId === undefined,
      );
      if (!file?.taskId) return 'no task file';
      const items = await ask.all('list_files', { task_id: String(file.taskId) });
      const want = [...t.data.files.values()].filter((f) => f.taskId === file.taskId);
      return sameIds(
        'files',
        ids(items),
        want.map((f) => f.id),
      );
    },
  },
  {
    name: 'look at an image',
    run: async (ask, t) => {
      const image = [...t.data.files.values()].find((f) => f.kind === 'png' && f.taskId !== undefined);
      if (!image) return 'no image';
      const result = await ask.raw('read_file', { file_id: String(image.id) });
      return result.content.some((c) => c.type === 'image') ? true : 'no image block';
    },
  },
  {
    name: 'which tags exist',
    run: async (ask, t) => {
      const items = await ask.all('list_tags', { scope: 'task' });
      const groups = new Set(
        [...t.data.tagGroups.values()].filter((g) => g.scope === 'task').map((g) => g.id),
      );
      const want = [...t.data.tags.values()].filter((x) => groups.has(x.groupId));
      // One item per tag, or (grouped) one per group with its tags.
      const got = items.flatMap((i) => (Array.isArray(i.tags) ? (i.tags as unknown[]) : [i]));
      return equal('tags', got.length, want.length);
    },
  },
  {
    name: 'project folders',
    run: async (ask, t) => {
      const items = await ask.all('list_groups', { kind: 'project_folder' });
      const names = items.map((i) => i.title);
      const missing = [...t.data.folders.values()].filter((f) => !names.includes(f.title));
      return equal('folders missing', missing.length, 0);
    },
  },
  {
    name: 'is the connection fine',
    run: async (ask) => {
      const health = await ask('get_me', { check: true });
      return equal('status', (health.connection as { status?: string } | undefined)?.status, 'ok');
    },
  },
];
