// Project and tag writes of the every-tool table: the project the task writes go into and the tag group
// they tag with come first; archiving the project comes last of all (writes.ts has the order).
import { expect } from 'vitest';
import {
  entry,
  projectRec,
  sortedIds,
  str,
  tagId,
  type Entry,
  type Page,
  type Person,
  type Row,
  type World,
} from './support.js';

export const PROJECT_WRITES: Entry[] = [
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
      const listed = await w.read<Page<Row & { tags: Row[] }>>('list_tags', { group: 'Every tool labels' });
      expect(sortedIds(listed.items[0]?.tags ?? [])).toEqual(sortedIds(tags));
      w.made.tags = ['et-alpha', 'et-beta'];
    },
  }),
];

export const ARCHIVE_PROJECT: Entry = entry<{ project: Row & { status: string }; already: boolean }>(
  'set_project_status',
  {
    // Archiving is destructive: the default write policy asks to confirm it.
    args: (w) => ({ project_id: w.made.projectId, status: 'archive', confirm: true }),
    check: async (o, w) => {
      expect(projectRec(w).status).toBe('archive');
      expect(o).toMatchObject({ already: false, project: { status: 'archive' } });
      const archived = await w.read<Page<Row>>('list_projects', { status: 'archive' });
      expect(archived.items.map((p) => p.id)).toContain(w.made.projectId);
    },
  },
);

function projectLabel(w: World): string {
  const group = [...w.data.tagGroups.values()].find((g) => g.scope === 'project' && g.type === 'label');
  const tag = [...w.data.tags.values()].find((t) => t.groupId === group?.id);
  if (!tag) throw new Error('the sandbox has no project label');
  return tag.title;
}
