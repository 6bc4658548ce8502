// Every registered tool, called the way a client calls it: through the real in-process MCP client (which
// checks structuredContent against the advertised outputSchema) against the small sandbox, with realistic
// arguments taken from the sandbox's records, and each answer checked against the sandbox's data. Writes
// run in an order that gives each what it needs and are checked in the records and by a follow-up read.
// The table must name every tool of ALL_TOOLS, so a new tool cannot be added without a call here. The
// whole table runs in both auth modes; entries whose behaviour differs by mode say how.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANYONE, NOONE, type Id } from '../worksection/sandbox/model.js';
import {
  costsIn,
  imageOf,
  isoToday,
  minutesOf,
  need,
  sortedIds,
  tagId,
  tasksOf,
  worldOf,
  type Mode,
  type World,
} from './every-tool-support.js';
import { ALL_TOOLS } from './registry.js';
import { createHarness, resultText, type Harness } from './testing/harness.js';
import { childrenOf, tree } from './tools/tasks-test-support.js';

interface Person {
  id: string;
  name: string;
  email: string;
}
interface Page<T> {
  items: T[];
  total_count: number;
  truncated: boolean;
}
type Row = { id: string; name: string } & Record<string, unknown>;
type TaskOut = Row & { project: { id: string }; status: string; assignee: Person | null; tags: string[] };
interface Totals {
  entries: number;
  minutes: number;
  money: number;
}

interface Entry<O = unknown> {
  tool: string;
  /** Default: both modes. */
  modes?: readonly Mode[];
  args(w: World): Record<string, unknown>;
  check(out: O, w: World, result: CallToolResult): void | Promise<void>;
}

const MODES: readonly Mode[] = ['oauth', 'admin'];
const entry = <O>(tool: string, e: Omit<Entry<O>, 'tool'>): Entry => ({ tool, ...e }) as Entry;
const str = (id: Id) => String(id);
const titles = (w: World, ids: Id[]) => ids.map((id) => w.data.tags.get(id)?.title);
const range = (w: World) => ({ date_from: w.fx.range.from, date_to: w.fx.range.to });
const record = <T>(map: Map<Id, T>, id: string | undefined, step: string): T => {
  const rec = map.get(Number(need(id, step)));
  if (!rec) throw new Error(`no record ${id} after ${step}`);
  return rec;
};
const taskRec = (w: World) => record(w.data.tasks, w.made.taskId, 'create_task');
const projectRec = (w: World) => record(w.data.projects, w.made.projectId, 'create_project');

const READS: Entry[] = [
  entry<{ user: Person & { role: string }; auth_mode: Mode }>('get_me', {
    args: () => ({}),
    check: (o, w) => {
      expect(o.user).toMatchObject({ id: str(w.fx.owner.id), email: w.fx.owner.email, role: 'Owner' });
      expect(o.auth_mode).toBe(w.mode);
    },
  }),
  entry<{ status: string; auth_mode: Mode; me: Person | null }>('health_check', {
    args: () => ({}),
    check: (o, w) => {
      expect(o.status).toBe('ok');
      expect(o.auth_mode).toBe(w.mode);
      expect(o.me?.email).toBe(w.fx.owner.email);
    },
  }),
  entry<Page<Row & { email: string; company: string }>>('list_users', {
    args: (w) => ({ company: w.fx.owner.group, limit: 200 }),
    check: (o, w) => {
      const expected = [...w.data.users.values()].filter((u) => u.group === w.fx.owner.group);
      expect(sortedIds(o.items)).toEqual(sortedIds(expected));
      expect(o.total_count).toBe(expected.length);
      expect(o.items.map((u) => u.email)).toContain(w.fx.owner.email);
    },
  }),
  entry<Page<Row & { folder: string }>>('list_contacts', {
    args: (w) => ({ folder: [...w.data.contactGroups.values()][0]?.title }),
    check: (o, w) => {
      const folder = [...w.data.contactGroups.values()][0]?.title;
      expect(folder).toBeDefined();
      const expected = [...w.data.contacts.values()].filter((c) => c.group === folder);
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(o.items)).toEqual(sortedIds(expected));
    },
  }),
  entry<Page<{ id: string; title: string; kind: string; client?: boolean }>>('list_groups', {
    args: () => ({ limit: 200 }),
    check: (o, w) => {
      const of = (kind: string) => o.items.filter((g) => g.kind === kind);
      expect(sortedIds(of('company'))).toEqual(sortedIds([...w.data.groups.values()]));
      expect(of('company').filter((g) => g.client).length).toBe(
        [...w.data.groups.values()].filter((g) => g.client === 1).length,
      );
      expect(sortedIds(of('project_folder'))).toEqual(sortedIds([...w.data.folders.values()]));
      const folders = of('contact_folder').map((g) => g.title);
      for (const g of w.data.contactGroups.values()) expect(folders).toContain(g.title);
    },
  }),
  entry<Page<Row & { members?: Person[] }>>('list_projects', {
    args: () => ({ status: 'all', include: ['members'], limit: 200 }),
    check: (o, w) => {
      expect(sortedIds(o.items)).toEqual(sortedIds([...w.data.projects.values()]));
      const showcase = o.items.find((p) => p.id === str(w.fx.project.id));
      expect(sortedIds(showcase?.members ?? [])).toEqual(w.fx.project.memberIds.map(str).sort());
    },
  }),
  entry<
    Row & { folder: string; manager: Person | null; tags: string[]; task_counts?: Record<string, number> }
  >('get_project', {
    args: (w) => ({ project_id: str(w.fx.project.id) }),
    check: (o, w) => {
      const p = w.fx.project;
      expect(o).toMatchObject({ id: str(p.id), name: p.name, folder: p.company });
      expect(o.manager?.id).toBe(str(p.userToId));
      expect(o.tags.sort()).toEqual(titles(w, p.tagIds).sort());
      const all = tasksOf(w.data, p.id);
      const openTree = all.filter((t) => t.status === 'active' && activeChain(w, t.parentId));
      expect(o.task_counts).toMatchObject({
        open: openTree.length,
        open_top_level: openTree.filter((t) => t.parentId === undefined).length,
        unassigned_open: openTree.filter((t) => t.userToId === NOONE).length,
        done: all.filter((t) => t.status === 'done').length,
      });
    },
  }),
  entry<Page<Row & { kind: string; project_count: number }>>('list_project_folders', {
    args: () => ({ limit: 200 }),
    check: (o, w) => {
      const folders = o.items.filter((f) => f.kind === 'folder');
      expect(sortedIds(folders)).toEqual(sortedIds([...w.data.folders.values()]));
      const mine = folders.find((f) => f.name === w.fx.project.company);
      const inIt = [...w.data.projects.values()].filter((p) => p.company === w.fx.project.company);
      expect(mine?.project_count).toBe(inIt.length);
    },
  }),
  entry<Page<TaskOut & { parent_id?: string }>>('list_tasks', {
    args: (w) => ({
      project_id: str(w.fx.project.id),
      parent_id: str(w.fx.task.id),
      status: 'all',
      limit: 200,
    }),
    check: (o, w) => {
      const expected = tree(w.data, childrenOf(w.data, w.fx.task.id), () => true);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(sortedIds(o.items)).toEqual(sortedIds(expected));
      for (const t of o.items)
        expect(t.parent_id, t.id).toBe(String(w.data.tasks.get(Number(t.id))?.parentId));
    },
  }),
  entry<
    TaskOut & {
      subtasks: Row[];
      subscribers: Person[];
      files: Row[];
      latest_comments: Row[];
      comments_note?: string;
    }
  >('get_task', {
    args: (w) => ({ task_id: str(w.fx.task.id) }),
    check: (o, w) => {
      const t = w.fx.task;
      expect(o).toMatchObject({ id: str(t.id), name: t.name, project: { id: str(t.projectId) } });
      expect(o.tags.sort()).toEqual(titles(w, t.tagIds).sort());
      expect(sortedIds(o.subtasks)).toEqual(sortedIds(childrenOf(w.data, t.id)));
      expect(sortedIds(o.subscribers)).toEqual(t.subscriberIds.map(str).sort());
      const own = [...w.data.files.values()].filter((f) => f.taskId === t.id && f.commentId === undefined);
      expect(sortedIds(o.files)).toEqual(sortedIds(own));
      const comments = w.data.index.commentsByTask.get(t.id) ?? [];
      expect(sortedIds(o.latest_comments)).toEqual(comments.slice(-5).map(str).sort());
      expect(o.comments_note).toContain('list_comments');
    },
  }),
  entry<{ task_id: string } & Page<Row & { text: string; author: Person | null; files?: Row[] }>>(
    'list_comments',
    {
      args: (w) => ({ task_id: str(w.fx.task.id), order: 'oldest', limit: 200 }),
      check: (o, w) => {
        const ids = w.data.index.commentsByTask.get(w.fx.task.id) ?? [];
        expect(o.items.map((c) => c.id)).toEqual(ids.map(str));
        for (const c of o.items) {
          const rec = w.data.comments.get(Number(c.id));
          expect(c.text).toBe(rec?.text);
          expect(c.author?.id).toBe(String(rec?.userFromId));
          expect(sortedIds(c.files ?? [])).toEqual((rec?.fileIds ?? []).map(str).sort());
        }
      },
    },
  ),
  entry<Page<Row & { attached_to: string; comment_id?: string; kind: string }>>('list_files', {
    args: (w) => ({ task_id: str(w.fx.task.id), limit: 200 }),
    check: (o, w) => {
      const files = [...w.data.files.values()].filter((f) => f.taskId === w.fx.task.id);
      expect(sortedIds(o.items)).toEqual(sortedIds(files));
      for (const f of files) {
        const item = o.items.find((i) => i.id === str(f.id));
        expect(item).toMatchObject({
          name: f.name,
          attached_to: f.commentId === undefined ? 'task' : 'comment',
        });
        expect(item?.comment_id).toBe(f.commentId === undefined ? undefined : str(f.commentId));
      }
      expect(o.items.find((i) => i.id === str(w.fx.png.id))?.kind).toBe('image');
    },
  }),
  entry('read_file', {
    args: (w) => ({ file_id: str(w.fx.png.id) }),
    check: (_o, w, result) => {
      const image = imageOf(result);
      const bytes = w.data.files.get(w.fx.png.id)?.bytes;
      expect(image?.mimeType).toBe('image/png');
      expect(bytes).toBeDefined();
      expect(image?.data).toBe(Buffer.from(bytes ?? []).toString('base64'));
      expect(resultText(result)).toContain(w.fx.png.name);
    },
  }),
  entry<Page<Row & { minutes: number; task: { id: string } }> & { totals: Totals }>('list_time_entries', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w), limit: 200 }),
    check: (o, w) => {
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      expect(costs.length).toBeGreaterThan(1);
      expect(o.total_count).toBe(costs.length);
      expect(sortedIds(o.items)).toEqual(sortedIds(costs));
      expect(o.totals).toEqual(expect.objectContaining({ entries: costs.length, minutes: minutesOf(costs) }));
      expect(o.totals.money).toBe(costs.reduce((n, c) => n + c.moneyCents, 0) / 100);
    },
  }),
  entry<Page<{ key: string; minutes: number }> & { totals: Totals }>('time_report', {
    args: (w) => ({ group_by: 'user', ...range(w), limit: 200 }),
    check: (o, w) => {
      const costs = costsIn(w.data, undefined, w.fx.range);
      expect(o.totals.minutes).toBe(minutesOf(costs));
      expect(o.totals.entries).toBe(costs.length);
      const users = new Set(costs.map((c) => str(c.userFromId)));
      expect(o.items.map((g) => g.key).sort()).toEqual([...users].sort());
      for (const g of o.items)
        expect(g.minutes, g.key).toBe(minutesOf(costs.filter((c) => str(c.userFromId) === g.key)));
    },
  }),
  entry<Page<{ id?: string; user: Person | null; task: { id: string } }> & { scope: string }>('list_timers', {
    args: () => ({}),
    check: (o, w) => {
      const timers = [...w.data.timers.values()];
      expect(timers.length).toBeGreaterThan(0);
      if (w.mode === 'admin') {
        expect(o.scope).toBe('all');
        expect(o.items.map((t) => t.id).sort()).toEqual(sortedIds(timers));
        for (const t of timers) {
          const item = o.items.find((i) => i.id === str(t.id));
          expect(item?.task.id).toBe(str(t.taskId));
          expect(item?.user?.id).toBe(str(t.userId));
        }
      } else {
        // A person sees only their own timer; the owner has none in the generated account.
        expect(o.scope).toBe('mine');
        expect(o.items.length).toBe(timers.filter((t) => t.userId === w.fx.owner.id).length);
      }
    },
  }),
  entry<Page<Row & { group: { name: string } }>>('list_tags', {
    args: (w) => ({ scope: 'task', group: taskLabelGroup(w).title }),
    check: (o, w) => {
      const group = taskLabelGroup(w);
      const tags = [...w.data.tags.values()].filter((t) => t.groupId === group.id);
      expect(sortedIds(o.items)).toEqual(sortedIds(tags));
      for (const t of o.items) expect(t.group.name).toBe(group.title);
    },
  }),
  entry<Page<Row & { type: string; tags: string[] }>>('list_tag_groups', {
    args: () => ({ scope: 'project' }),
    check: (o, w) => {
      const groups = [...w.data.tagGroups.values()].filter((g) => g.scope === 'project');
      expect(sortedIds(o.items)).toEqual(sortedIds(groups));
      for (const g of groups) {
        const item = o.items.find((i) => i.id === str(g.id));
        const tags = [...w.data.tags.values()].filter((t) => t.groupId === g.id).map((t) => t.title);
        expect(item?.tags.sort()).toEqual(tags.sort());
        expect(item?.type).toBe(g.type || 'none');
      }
    },
  }),
  entry<{ tasks: Record<string, number>; time: Totals }>('project_stats', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w) }),
    check: (o, w) => {
      const all = tasksOf(w.data, w.fx.project.id);
      const open = all.filter((t) => t.status === 'active');
      const today = isoToday();
      expect(o.tasks).toMatchObject({
        total: all.length,
        open: open.length,
        done: all.length - open.length,
        overdue: open.filter((t) => t.dateEnd !== undefined && t.dateEnd < today).length,
        unassigned_open: open.filter((t) => t.userToId === NOONE || t.userToId === ANYONE).length,
      });
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      expect(o.time).toMatchObject({ entries: costs.length, minutes: minutesOf(costs) });
    },
  }),
  entry<Page<TaskOut & { days_overdue: number; due_date: string }> & { today: string }>('overdue_tasks', {
    args: (w) => ({ project_id: str(w.fx.project.id), limit: 200 }),
    check: (o, w) => {
      const today = isoToday();
      const overdue = tasksOf(w.data, w.fx.project.id).filter(
        (t) => t.status === 'active' && t.dateEnd !== undefined && t.dateEnd < today,
      );
      expect(overdue.length).toBeGreaterThan(0);
      expect(o.today).toBe(today);
      expect(sortedIds(o.items)).toEqual(sortedIds(overdue));
      for (const t of o.items) expect(t.days_overdue, t.id).toBeGreaterThan(0);
    },
  }),
  entry<
    Page<{ user: Person; open_tasks: number; logged: { minutes: number } }> & {
      unassigned_open: number;
      open_for_anyone: number;
    }
  >('team_workload', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w), include_idle: true, limit: 200 }),
    check: (o, w) => {
      const open = tasksOf(w.data, w.fx.project.id).filter((t) => t.status === 'active');
      expect(o.unassigned_open).toBe(open.filter((t) => t.userToId === NOONE).length);
      expect(o.open_for_anyone).toBe(open.filter((t) => t.userToId === ANYONE).length);
      expect(o.total_count).toBe(w.data.users.size);
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      for (const row of o.items) {
        const id = Number(row.user.id);
        expect(row.open_tasks, row.user.email).toBe(open.filter((t) => t.userToId === id).length);
        expect(row.logged.minutes, row.user.email).toBe(minutesOf(costs.filter((c) => c.userFromId === id)));
      }
    },
  }),
  entry<Page<{ id: string; url: string; events: string[] }>>('list_webhooks', {
    args: () => ({}),
    check: (o, w) => {
      const hooks = [...w.data.webhooks.values()];
      expect(sortedIds(o.items)).toEqual(sortedIds(hooks));
      for (const hk of hooks)
        expect(o.items.find((i) => i.id === str(hk.id))?.events).toEqual(hk.events.split(','));
    },
  }),
];

function taskLabelGroup(w: World) {
  const group = [...w.data.tagGroups.values()].find((g) => g.scope === 'task' && g.type === 'label');
  if (!group) throw new Error('the sandbox has no task label group');
  return group;
}

// In order: each write uses what the ones before it made (a project, a tag group, a task, a time entry).
const WRITES: Entry[] = [
  entry<{ project: Row & { folder: string; manager: Person | null; tags: string[] } }>('create_project', {
    args: (w) => ({
      title: 'Every tool: launch plan',
      folder: w.fx.project.company,
      manager: w.fx.member.email,
      members: [w.fx.member.email],
      text: 'Created by the every-tool test.',
      start_date: '2030-01-06',
      due_date: '31.03.2030',
      time_estimate: 40,
      budget: 5000,
      tags: [projectLabel(w)],
    }),
    check: async (o, w) => {
      w.made.projectId = o.project.id;
      const p = projectRec(w);
      expect(p).toMatchObject({
        name: 'Every tool: launch plan',
        company: w.fx.project.company,
        userToId: w.fx.member.id,
        dateStart: '2030-01-06',
        dateEnd: '2030-03-31',
        maxTime: 40,
        maxMoney: 5000,
      });
      expect(p.tagIds).toEqual([tagId(w.data, 'project', projectLabel(w))]);
      expect(p.memberIds).toContain(w.fx.member.id);
      const read = await w.read<Row & { manager: Person }>('get_project', { project_id: o.project.id });
      expect(read).toMatchObject({
        name: p.name,
        manager: { email: w.fx.member.email },
        due_date: '2030-03-31',
      });
    },
  }),
  entry<{ project: Row & { options: string[] }; changed: string[] }>('update_project', {
    args: (w) => ({
      project_id: w.made.projectId,
      title: 'Every tool: launch plan v2',
      due_date: '2030-04-30',
      budget: 6000,
      options: { allow_close: true },
    }),
    check: async (o, w) => {
      const p = projectRec(w);
      expect(p).toMatchObject({ name: 'Every tool: launch plan v2', dateEnd: '2030-04-30', maxMoney: 6000 });
      expect(p.options.allow_close).toBe(1);
      expect(o.project.options).toContain('allow_close');
      expect(o.changed.sort()).toEqual(['budget', 'due_date', 'options', 'title']);
      const found = await w.read<Page<Row>>('list_projects', { name_contains: 'launch plan v2' });
      expect(found.items.map((x) => x.id)).toEqual([w.made.projectId]);
    },
  }),
  entry<{ project_id: string; members: Person[] }>('manage_project_members', {
    args: (w) => ({ project_id: w.made.projectId, action: 'add', people: [w.fx.guest.email] }),
    check: (o, w) => {
      const p = projectRec(w);
      expect(p.memberIds).toContain(w.fx.guest.id);
      expect(sortedIds(o.members)).toEqual(p.memberIds.map(str).sort());
    },
  }),
  entry<{ group: Row; group_created: boolean; created: Row[]; existing: Row[] }>('create_tags', {
    args: () => ({
      scope: 'task',
      group: 'Every tool labels',
      names: ['et-alpha', 'et-beta'],
      create_group: true,
    }),
    check: async (o, w) => {
      expect(o.group_created).toBe(true);
      const group = w.data.tagGroups.get(Number(o.group.id));
      expect(group).toMatchObject({ scope: 'task', title: 'Every tool labels', type: 'label' });
      const tags = [...w.data.tags.values()].filter((t) => t.groupId === group?.id);
      expect(tags.map((t) => t.title).sort()).toEqual(['et-alpha', 'et-beta']);
      expect(sortedIds(o.created)).toEqual(sortedIds(tags));
      const listed = await w.read<Page<Row>>('list_tags', { group: 'Every tool labels' });
      expect(sortedIds(listed.items)).toEqual(sortedIds(tags));
      w.made.tags = ['et-alpha', 'et-beta'];
    },
  }),
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
  entry<{ task_id: string; subscribers: Person[] }>('manage_task_subscribers', {
    args: (w) => ({ task_id: w.made.taskId, action: 'subscribe', people: [w.fx.guest.email] }),
    check: (o, w) => {
      const t = taskRec(w);
      expect(t.subscriberIds).toContain(w.fx.guest.id);
      expect(sortedIds(o.subscribers)).toEqual(t.subscriberIds.map(str).sort());
    },
  }),
  entry<{ target: { type: string; id: string }; tags: string[] }>('set_tags', {
    args: (w) => ({ task_id: w.made.taskId, add: ['et-beta'], remove: ['et-alpha'] }),
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
  // With the admin key time can be logged for someone else; a personal sign-in logs it as "me".
  entry<{ id: string; minutes: number; user: Person }>('log_time', {
    args: (w) => ({
      task_id: w.made.taskId,
      time: '1:30',
      date: w.fx.range.to,
      comment: 'Drafting',
      money: 12.5,
      ...(w.mode === 'admin' ? { user: w.fx.member.email } : {}),
    }),
    check: async (o, w) => {
      w.made.entryId = o.id;
      const who = w.mode === 'admin' ? w.fx.member : w.fx.owner;
      expect(record(w.data.costs, o.id, 'log_time')).toMatchObject({
        taskId: Number(w.made.taskId),
        userFromId: who.id,
        minutes: 90,
        moneyCents: 1250,
        date: w.fx.range.to,
        comment: 'Drafting',
        isTimer: false,
      });
      expect(o).toMatchObject({ minutes: 90, user: { email: who.email } });
      const listed = await w.read<Page<Row>>('list_time_entries', { task_id: w.made.taskId });
      expect(listed.items.map((x) => x.id)).toEqual([o.id]);
    },
  }),
  entry<{ id: string; changed: string[] }>('update_time_entry', {
    args: (w) => ({ entry_id: w.made.entryId, time: '2h', comment: 'Drafting and review' }),
    check: async (o, w) => {
      expect(record(w.data.costs, w.made.entryId, 'log_time')).toMatchObject({
        minutes: 120,
        comment: 'Drafting and review',
        moneyCents: 1250,
      });
      expect(o.changed.sort()).toEqual(['comment', 'time']);
      const listed = await w.read<Page<Row & { minutes: number }>>('list_time_entries', {
        task_id: w.made.taskId,
      });
      expect(listed.items[0]).toMatchObject({
        id: w.made.entryId,
        minutes: 120,
        comment: 'Drafting and review',
      });
    },
  }),
  // A timer belongs to a person: the admin key cannot start one (timers.test checks that refusal).
  entry<{ started: boolean; task_id: string }>('start_timer', {
    modes: ['oauth'],
    args: (w) => ({ task_id: w.made.taskId }),
    check: async (o, w) => {
      const mine = [...w.data.timers.values()].filter((t) => t.userId === w.fx.owner.id);
      expect(mine.map((t) => t.taskId)).toEqual([Number(w.made.taskId)]);
      const listed = await w.read<Page<{ task: { id: string } }>>('list_timers', {});
      expect(listed.items.map((t) => t.task.id)).toEqual([w.made.taskId]);
    },
  }),
  // oauth stops the own timer just started; the admin key stops someone's generated timer by id.
  entry<{ stopped: { id?: string; user: Person | null; task: { id: string } } }>('stop_timer', {
    args: (w) => (w.mode === 'oauth' ? { comment: 'Timed review' } : { timer_id: str(firstTimer(w).id) }),
    check: async (o, w) => {
      const costs = () => [...w.data.costs.values()].filter((c) => c.isTimer);
      if (w.mode === 'oauth') {
        expect([...w.data.timers.values()].filter((t) => t.userId === w.fx.owner.id)).toEqual([]);
        expect(o.stopped).toMatchObject({ task: { id: w.made.taskId }, user: { email: w.fx.owner.email } });
        const logged = costs().filter((c) => c.comment === 'Timed review');
        expect(logged.map((c) => [c.taskId, c.userFromId])).toEqual([[Number(w.made.taskId), w.fx.owner.id]]);
      } else {
        expect(w.data.timers.has(Number(o.stopped.id))).toBe(false);
        const stoppedTask = o.stopped.task.id;
        expect(
          costs().some((c) => str(c.taskId) === stoppedTask && str(c.userFromId) === o.stopped.user?.id),
        ).toBe(true);
      }
      const listed = await w.read<Page<{ id?: string }>>('list_timers', {});
      expect(listed.total_count).toBe(w.mode === 'oauth' ? 0 : w.data.timers.size);
    },
  }),
  entry<{ task: TaskOut; already: boolean; completed_subtasks?: string[] }>('set_task_status', {
    args: (w) => ({ task_id: w.made.taskId, status: 'done', with_subtasks: true }),
    check: async (o, w) => {
      expect(o).toMatchObject({ already: false, task: { status: 'done' } });
      expect(o.completed_subtasks).toEqual([w.made.subtaskId]);
      expect(taskRec(w).status).toBe('done');
      expect(record(w.data.tasks, w.made.subtaskId, 'create_task').status).toBe('done');
      const done = await w.read<Page<Row>>('list_tasks', { project_id: w.made.projectId, status: 'done' });
      expect(done.items.map((t) => t.id).sort()).toEqual([w.made.taskId, w.made.subtaskId].sort());
    },
  }),
  entry<{ id: string; deleted: boolean }>('delete_time_entry', {
    args: (w) => ({ entry_id: w.made.entryId }),
    check: async (o, w) => {
      expect(o).toEqual({ id: w.made.entryId, deleted: true });
      expect(w.data.costs.has(Number(w.made.entryId))).toBe(false);
      const listed = await w.read<Page<Row>>('list_time_entries', { task_id: w.made.taskId });
      expect(listed.items.map((x) => x.id)).not.toContain(w.made.entryId);
    },
  }),
  // After the writes, so the project's log holds what this test did to it.
  entry<
    Page<{ action: string; object_type: string; task_id?: string; name?: string }> & {
      counts: { by_action: Record<string, number> };
    }
  >('get_activity', {
    args: (w) => ({ period: '1h', project_id: w.made.projectId, limit: 200 }),
    check: (o, w) => {
      const prefix = `/project/${need(w.made.projectId, 'create_project')}/`;
      const since = Date.now() - 3_600_000;
      const events = w.data.events.filter((e) => e.page.startsWith(prefix) && e.dateAdded >= since);
      expect(o.total_count).toBe(events.length);
      const byAction: Record<string, number> = {};
      for (const e of events) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
      expect(o.counts.by_action).toEqual(byAction);
      const ofTask = (action: string) =>
        o.items.some((e) => e.action === action && e.object_type === 'task' && e.task_id === w.made.taskId);
      expect(['post', 'update', 'close'].map(ofTask)).toEqual([true, true, true]);
      expect(o.items.some((e) => e.object_type === 'comment' && e.task_id === w.made.taskId)).toBe(true);
      // Names come from the current records: the task was renamed and completed since it was posted.
      for (const e of o.items.filter((x) => x.task_id === w.made.taskId))
        expect(e.name).toBe(taskRec(w).name);
    },
  }),
  entry<{ project: Row & { status: string }; already: boolean }>('set_project_status', {
    args: (w) => ({ project_id: w.made.projectId, status: 'archive' }),
    check: async (o, w) => {
      expect(projectRec(w).status).toBe('archive');
      expect(o).toMatchObject({ already: false, project: { status: 'archive' } });
      const archived = await w.read<Page<Row>>('list_projects', { status: 'archive' });
      expect(archived.items.map((p) => p.id)).toContain(w.made.projectId);
    },
  }),
];

function projectLabel(w: World): string {
  const group = [...w.data.tagGroups.values()].find((g) => g.scope === 'project' && g.type === 'label');
  const tag = [...w.data.tags.values()].find((t) => t.groupId === group?.id);
  if (!tag) throw new Error('the sandbox has no project label');
  return tag.title;
}

function taskLabelGroupTag(w: World): string {
  const group = taskLabelGroup(w);
  const tag = [...w.data.tags.values()].find((t) => t.groupId === group.id);
  if (!tag) throw new Error('the sandbox has no task label');
  return tag.title;
}

function firstTimer(w: World) {
  const timer = [...w.data.timers.values()][0];
  if (!timer) throw new Error('the sandbox has no running timer');
  return timer;
}

function activeChain(w: World, parentId: Id | undefined): boolean {
  for (let id = parentId; id !== undefined; id = w.data.tasks.get(id)?.parentId)
    if (w.data.tasks.get(id)?.status !== 'active') return false;
  return true;
}

const ENTRIES: Entry[] = [...READS, ...WRITES];

describe('the every-tool table', () => {
  it('has exactly one entry per registered tool', () => {
    const names = ENTRIES.map((e) => e.tool);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    for (const e of ENTRIES) expect(e.modes ?? MODES, e.tool).not.toHaveLength(0);
  });
});

for (const mode of MODES) {
  describe(`every tool through the MCP client (${mode})`, () => {
    let h: Harness;
    let w: World;
    beforeAll(async () => {
      h = await createHarness({ authMode: mode });
      w = worldOf(h, mode);
    });
    afterAll(() => h.close());

    for (const e of ENTRIES.filter((x) => (x.modes ?? MODES).includes(mode))) {
      it(e.tool, async () => {
        const tool = ALL_TOOLS.find((t) => t.name === e.tool);
        const result = await h.callTool(e.tool, e.args(w));
        expect(result.isError, resultText(result)).toBeFalsy();
        if (tool?.output) {
          // The client has validated it against outputSchema already; the zod schema is stricter still.
          expect(result.structuredContent).toBeDefined();
          expect(tool.output.safeParse(result.structuredContent).error).toBeUndefined();
          expect(JSON.parse(resultText(result))).toEqual(result.structuredContent);
        }
        await e.check(result.structuredContent, w, result);
        expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
      });
    }
  });
}
