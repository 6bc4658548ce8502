// The writing half of the scripted requests of `npm run bench -- agent` (they run after the reads): each
// checks what the sandbox holds afterwards, not what the tool said it did.
import { addDays } from '../core/mcp/tools/kit/dates.js';
import type { TaskRec } from '../core/sandbox/model.js';
import { all, equal, type Truth } from './_agent-ask.js';
import { busiestProject, type AgentRequest } from './_agent-requests-read.js';

// Top-level open tasks without subtasks: completing one needs no decision about its subtasks.
const openTopLevel = (t: Truth, project: number): TaskRec[] =>
  t
    .tasks()
    .filter((x) => x.projectId === project && x.status === 'active' && x.parentId === undefined)
    .filter((x) => !t.data.index.childrenByTask.get(x.id)?.length);

/** The project where I have the most open tasks. */
function myBusiestProject(t: Truth): number {
  const count = new Map<number, number>();
  for (const x of t.tasks()) {
    if (x.status === 'active' && x.userToId === t.me)
      count.set(x.projectId, (count.get(x.projectId) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

function nthOpen(t: Truth, n: number): TaskRec {
  const task = openTopLevel(t, busiestProject(t))[n];
  if (!task) throw new Error(`the busiest project has fewer than ${n + 1} open tasks`);
  return task;
}

const colleague = (t: Truth) => [...t.data.users.values()].find((u) => u.id !== t.me && u.role === 'User');

export const WRITE_REQUESTS: AgentRequest[] = [
  {
    name: 'create a task for a colleague',
    run: async (ask, t) => {
      const user = colleague(t);
      const due = addDays(t.today, 3);
      await ask('create_task', {
        project_id: String(busiestProject(t)),
        title: 'Prepare the release notes',
        assignee: user?.email,
        due_date: due,
      });
      const made = t.tasks().find((x) => x.name === 'Prepare the release notes');
      return all(equal('assignee', made?.userToId, user?.id), equal('due', made?.dateEnd, due));
    },
  },
  {
    name: 'move a due date',
    run: async (ask, t) => {
      const task = nthOpen(t, 0);
      const due = addDays(t.today, 10);
      await ask('update_task', { task_id: String(task.id), due_date: due });
      return equal('due', t.data.tasks.get(task.id)?.dateEnd, due);
    },
  },
  {
    name: 'complete a task',
    run: async (ask, t) => {
      const task = nthOpen(t, 1);
      await ask('set_task_status', { task_id: String(task.id), status: 'done' });
      return equal('status', t.data.tasks.get(task.id)?.status, 'done');
    },
  },
  {
    name: 'comment on a task',
    run: async (ask, t) => {
      const task = nthOpen(t, 2);
      await ask('post_comment', { task_id: String(task.id), text: 'Blocked on the design review.' });
      const last = t.data.index.commentsByTask.get(task.id)?.at(-1);
      return equal('comment', t.data.comments.get(last ?? -1)?.text.includes('design review'), true);
    },
  },
  {
    name: 'log an hour and a half',
    run: async (ask, t) => {
      const task = nthOpen(t, 3);
      await ask('log_time', { task_id: String(task.id), time: '1:30', comment: 'Review' });
      const costs = t.data.index.costsByTask.get(task.id) ?? [];
      const last = t.data.costs.get(costs.at(-1) ?? -1);
      return all(equal('minutes', last?.minutes, 90), equal('date', last?.date, t.today));
    },
  },
  {
    name: 'timer: start and stop',
    run: async (ask, t) => {
      const task = nthOpen(t, 4);
      const before = t.data.index.costsByTask.get(task.id)?.length ?? 0;
      await ask('start_timer', { task_id: String(task.id) });
      // The timer ran seconds: the sanity check asks to confirm logging a 0:00 entry.
      await ask('stop_timer', { comment: 'Pairing', confirm: true });
      const after = t.data.index.costsByTask.get(task.id)?.length ?? 0;
      const running = [...t.data.timers.values()].filter((x) => x.userId === t.me);
      return all(equal('my timers', running.length, 0), equal('entries', after, before + 1));
    },
  },
  {
    name: 'bulk: tag three tasks',
    run: async (ask, t) => {
      const tag = [...t.data.tags.values()].find((x) => t.data.tagGroups.get(x.groupId)?.scope === 'task');
      if (!tag) return 'no task tag';
      const tasks = [5, 6, 7].map((n) => nthOpen(t, n));
      // One call for the three; a status tag replaces the task's status in its group: the write policy
      // asks to confirm that.
      await ask('bulk_update_tasks', {
        items: tasks.map((task) => ({ task_id: String(task.id), add_tags: [tag.title] })),
        confirm: true,
      });
      const missing = tasks.filter((x) => !t.data.tasks.get(x.id)?.tagIds.includes(tag.id));
      return equal('untagged', missing.length, 0);
    },
  },
  {
    name: 'bulk: hand over my open tasks in a project',
    run: async (ask, t) => {
      const user = colleague(t);
      const project = myBusiestProject(t);
      const mine = await ask.all('list_tasks', {
        project_id: String(project),
        assignee: 'me',
        status: 'active',
      });
      // One call for all of them instead of one per task.
      await ask('bulk_update_tasks', {
        items: mine.map((task) => ({ task_id: task.id, assignee: user?.email })),
      });
      const left = t
        .tasks()
        .filter((x) => x.projectId === project && x.status === 'active' && x.userToId === t.me);
      return all(equal('handed over', mine.length > 0, true), equal('still mine', left.length, 0));
    },
  },
  {
    name: 'move a task to another project',
    run: async (ask, t) => {
      // Worksection's API cannot move tasks: the right answer says so and what to do instead.
      const task = nthOpen(t, 9);
      const other = [...t.data.projects.values()].find(
        (p) => p.id !== task.projectId && p.status === 'active',
      );
      const result = await ask.raw('update_task', {
        task_id: String(task.id),
        project_id: String(other?.id),
      });
      const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join(' ');
      return all(
        equal('error', result.isError, true),
        /cannot move/i.test(text)
          ? true
          : `the answer does not say tasks cannot be moved: ${text.slice(0, 120)}`,
        equal('project unchanged', t.data.tasks.get(task.id)?.projectId, task.projectId),
      );
    },
  },
  {
    name: 'defer a task by a week',
    run: async (ask, t) => {
      const task = nthOpen(t, 8);
      const detail = await ask('get_task', { task_id: String(task.id) });
      const base = (detail.due_date as string | undefined) ?? t.today;
      await ask('update_task', { task_id: String(task.id), due_date: addDays(base, 7) });
      return equal('due', t.data.tasks.get(task.id)?.dateEnd, addDays(base, 7));
    },
  },
];
