// Task and comment writes of the every-tool table, on the project and tags PROJECT_WRITES made: a task and
// its subtask, edits, subscribers, tags and a comment; completing the task waits until the time writes ran.
import { expect } from 'vitest';
import {
  entry,
  need,
  record,
  sortedIds,
  str,
  taskLabelGroupTag,
  taskRec,
  titles,
  type Entry,
  type Page,
  type Person,
  type Row,
  type TaskOut,
} from './support.js';

export const TASK_WRITES: Entry[] = [
  entry<{ task: TaskOut }>('create_task', {
    args: (w) => ({
      project_id: w.made.projectId,
      title: 'Every tool: write the launch post',
      assignee: 'me',
      priority: 7,
      text: 'Draft, review, publish.',
      todo: ['draft', 'review'],
      start_date: '2030-01-10',
      due_date: '2030-01-20',
      tags: [need(w.made.tags?.[0], 'create_tags'), taskLabelGroupTag(w)],
      subscribers: [w.fx.member.email],
      time_estimate: 6,
      budget: 300,
      // Dates years ahead keep the test apart from "today"; the sanity check asks to confirm them.
      confirm: true,
    }),
    check: async (o, w) => {
      w.made.taskId = o.task.id;
      const t = taskRec(w);
      expect(t).toMatchObject({
        projectId: Number(w.made.projectId),
        name: 'Every tool: write the launch post',
        status: 'active',
        priority: 7,
        userFromId: w.fx.owner.id,
        userToId: w.fx.owner.id,
        dateStart: '2030-01-10',
        dateEnd: '2030-01-20',
        maxTime: 6,
        maxMoney: 300,
      });
      expect(t.text).toMatch(/Draft, review, publish\.[\s\S]*draft[\s\S]*review/);
      expect(titles(w, t.tagIds).sort()).toEqual(['et-alpha', taskLabelGroupTag(w)].sort());
      expect(t.subscriberIds).toContain(w.fx.member.id);
      // A subtask under it, by parent_id alone.
      const sub = await w.read<{ task: TaskOut }>('create_task', {
        parent_id: o.task.id,
        title: 'Every tool: proofread',
        assignee: w.fx.member.email,
      });
      w.made.subtaskId = sub.task.id;
      expect(w.data.tasks.get(Number(sub.task.id))).toMatchObject({
        parentId: t.id,
        projectId: t.projectId,
        userToId: w.fx.member.id,
      });
    },
  }),
  entry<{ task: TaskOut; changed: string[] }>('update_task', {
    args: (w) => ({
      task_id: w.made.taskId,
      title: 'Every tool: write and post the launch post',
      priority: 3,
      due_date: '2030-01-25',
      assignee: w.fx.member.email,
      confirm: true,
    }),
    check: async (o, w) => {
      expect(taskRec(w)).toMatchObject({
        name: 'Every tool: write and post the launch post',
        priority: 3,
        dateEnd: '2030-01-25',
        userToId: w.fx.member.id,
      });
      expect(o.changed.sort()).toEqual(['assignee', 'due_date', 'priority', 'title']);
      const read = await w.read<TaskOut>('get_task', { task_id: w.made.taskId, include: [] });
      expect(read).toMatchObject({
        priority: 3,
        due_date: '2030-01-25',
        assignee: { email: w.fx.member.email },
      });
    },
  }),
  entry<{ results: { index: number; result: string; task_id?: string }[] }>('bulk_create_tasks', {
    args: (w) => ({
      items: [
        { project_id: w.made.projectId, title: 'Bulk-made task', priority: 3 },
        { project_id: w.made.projectId, title: 'Bulk-made task 2', due_date: '2030-06-01' },
      ],
      // A due date years away is held back for confirm (a likely typo), as in create_task.
      confirm: true,
    }),
    check: (o, w) => {
      expect(o.results.map((r) => r.result)).toEqual(['done', 'done']);
      const [task, second] = o.results.map((r) => w.data.tasks.get(Number(r.task_id)));
      expect(task).toMatchObject({
        name: 'Bulk-made task',
        priority: 3,
        projectId: Number(w.made.projectId),
      });
      expect(second).toMatchObject({ name: 'Bulk-made task 2', dateEnd: '2030-06-01' });
    },
  }),
  entry<{ results: { task_id: string; result: string }[] }>('bulk_update_tasks', {
    args: (w) => ({
      items: [
        { task_id: w.made.taskId, priority: 4 },
        { task_id: w.made.subtaskId, priority: 4 },
      ],
    }),
    check: (o, w) => {
      expect(o.results.map((r) => r.result)).toEqual(['done', 'done']);
      expect(taskRec(w).priority).toBe(4);
      expect(w.data.tasks.get(Number(w.made.subtaskId))?.priority).toBe(4);
    },
  }),
  entry<{ task_id: string; subscribers: Person[] }>('manage_task_subscribers', {
    args: (w) => ({ task_id: w.made.taskId, action: 'subscribe', people: [w.fx.guest.email] }),
    check: (o, w) => {
      const t = taskRec(w);
      expect(t.subscriberIds).toContain(w.fx.guest.id);
      expect(sortedIds(o.subscribers)).toEqual(t.subscriberIds.map(str).sort());
    },
  }),
  entry<{ target: { type: string; id: string }; tags: string[] }>('set_tags', {
    // Removing a tag is destructive: the default write policy asks to confirm it.
    args: (w) => ({ task_id: w.made.taskId, add: ['et-beta'], remove: ['et-alpha'], confirm: true }),
    check: async (o, w) => {
      expect(titles(w, taskRec(w).tagIds).sort()).toEqual(['et-beta', taskLabelGroupTag(w)].sort());
      expect(o.tags.sort()).toEqual(['et-beta', taskLabelGroupTag(w)].sort());
      const tagged = await w.read<Page<Row>>('list_tasks', { project_id: w.made.projectId, tag: 'et-beta' });
      expect(tagged.items.map((t) => t.id)).toEqual([w.made.taskId]);
    },
  }),
  entry<{ task_id: string; comment: Row & { text: string; author: Person } }>('post_comment', {
    args: (w) => ({
      task_id: w.made.taskId,
      text: 'The draft is ready for review.',
      todo: ['check the links'],
      mention: [w.fx.member.email],
    }),
    check: async (o, w) => {
      const c = w.data.comments.get(Number(o.comment.id));
      expect(c).toMatchObject({ taskId: Number(w.made.taskId), userFromId: w.fx.owner.id });
      expect(c?.text).toMatch(/The draft is ready for review\.[\s\S]*check the links/);
      expect(o.comment.author.email).toBe(w.fx.owner.email);
      const listed = await w.read<Page<Row>>('list_comments', { task_id: w.made.taskId });
      expect(listed.items.map((x) => x.id)).toEqual([o.comment.id]);
    },
  }),
];

export const COMPLETE_TASK: Entry = entry<{ task: TaskOut; already: boolean; completed_subtasks?: string[] }>(
  'set_task_status',
  {
    args: (w) => ({ task_id: w.made.taskId, status: 'done', with_subtasks: true }),
    check: async (o, w) => {
      expect(o).toMatchObject({ already: false, task: { status: 'done' } });
      expect(o.completed_subtasks).toEqual([w.made.subtaskId]);
      expect(taskRec(w).status).toBe('done');
      expect(record(w.data.tasks, w.made.subtaskId, 'create_task').status).toBe('done');
      const done = await w.read<Page<Row>>('list_tasks', { project_id: w.made.projectId, status: 'done' });
      expect(done.items.map((t) => t.id).sort()).toEqual([w.made.taskId, w.made.subtaskId].sort());
    },
  },
);
