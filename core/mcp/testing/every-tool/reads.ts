// The read half of the every-tool table: people, projects, tasks, comments and files here, time, tags,
// analytics and webhooks in reads-reports.ts. Reads leave the sandbox as generated, so each is
// checked against the records the sandbox was built with.
import { expect } from 'vitest';
import { NOONE, type Id } from '../../../sandbox/model.js';
import { REPORT_READS } from './reads-reports.js';
import {
  entry,
  imageOf,
  isoToday,
  sortedIds,
  str,
  tasksOf,
  titles,
  type Entry,
  type Mode,
  type Page,
  type Person,
  type Row,
  type TaskOut,
  type World,
} from './support.js';
import { resultText } from '../harness.js';
import { childrenOf, tree } from '../task-tree.js';

/** Three words in a row from the showcase task's oldest comment. */
function oldestCommentWords(w: World): string {
  const id = w.data.index.commentsByTask.get(w.fx.task.id)?.[0];
  const words = (w.data.comments.get(id ?? -1)?.text ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, 3).join(' ');
}

export const READS: Entry[] = [
  entry<{
    user: Person & { role: string };
    auth_mode: Mode;
    today: string;
    time_zone: string;
    connection: { status: string };
  }>('get_me', {
    args: () => ({ check: true }),
    check: (o, w) => {
      expect(o.user).toMatchObject({ id: str(w.fx.owner.id), email: w.fx.owner.email, role: 'Owner' });
      expect(o.auth_mode).toBe(w.mode);
      expect(o.today).toBe(isoToday(w));
      expect(o.time_zone).toBe('UTC');
      expect(o.connection.status).toBe('ok');
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
  entry<Page<{ id: string; title: string; kind: string; client?: boolean; project_count?: number }>>(
    'list_groups',
    {
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
        const mine = of('project_folder').find((f) => f.title === w.fx.project.company);
        const inIt = [...w.data.projects.values()].filter((p) => p.company === w.fx.project.company);
        expect(mine?.project_count).toBe(inIt.length);
      },
    },
  ),
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
      const all = tasksOf(w, p.id);
      const openTree = all.filter((t) => t.status === 'active' && activeChain(w, t.parentId));
      expect(o.task_counts).toMatchObject({
        open: openTree.length,
        open_top_level: openTree.filter((t) => t.parentId === undefined).length,
        unassigned_open: openTree.filter((t) => t.userToId === NOONE).length,
        done: all.filter((t) => t.status === 'done').length,
      });
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
      const expected = tree(w.data, childrenOf(w.data, w.fx.task.id, w.now()), () => true, w.now());
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
      expect(sortedIds(o.subtasks)).toEqual(sortedIds(childrenOf(w.data, t.id, w.now())));
      expect(sortedIds(o.subscribers)).toEqual(t.subscriberIds.map(str).sort());
      const own = [...w.data.files.values()].filter((f) => f.taskId === t.id && f.commentId === undefined);
      expect(sortedIds(o.files)).toEqual(sortedIds(own));
      const comments = w.data.index.commentsByTask.get(t.id) ?? [];
      expect(sortedIds(o.latest_comments)).toEqual(comments.slice(-5).map(str).sort());
      expect(o.comments_note).toContain('list_comments');
    },
  }),
  entry<{ items: Array<{ kind: string; id: string; task?: { id: string } }>; coverage: string }>('search', {
    // A phrase from the showcase task's oldest comment: beyond the five a listing shows, so only the
    // mirror's comment crawl has it.
    args: (w) => ({ query: `"${oldestCommentWords(w)}"`, kind: 'comment', project_id: str(w.fx.project.id) }),
    check: (o, w) => {
      const oldest = w.data.index.commentsByTask.get(w.fx.task.id)?.[0];
      expect(o.items.map((i) => i.id)).toContain(str(oldest ?? -1));
      expect(o.items.every((i) => i.kind === 'comment')).toBe(true);
      expect(o.coverage).toMatch(/comments indexed for (\d+) of \1 tasks/);
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
  ...REPORT_READS,
];

function activeChain(w: World, parentId: Id | undefined): boolean {
  for (let id = parentId; id !== undefined; id = w.data.tasks.get(id)?.parentId)
    if (w.data.tasks.get(id)?.status !== 'active') return false;
  return true;
}
