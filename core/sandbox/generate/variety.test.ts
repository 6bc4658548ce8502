// The small account is every other test's fixture: whatever the seed, it must hold each kind of record.
import { describe, expect, it } from 'vitest';
import { ANYONE, MANAGER_NOT_ASSIGNED, NOONE } from '../model.js';
import { renderAttachment } from '../files/index.js';
import { census } from './digest.js';
import { generateAccount } from './index.js';
import { DAY } from './time.js';

const NOW = Date.UTC(2025, 0, 6, 9, 5, 0);
const TODAY = '2025-01-06';

describe.each([1, 2, 3, 99])('small account, seed %i', (seed) => {
  const data = generateAccount({ seed, size: 'small', now: NOW });
  const tasks = [...data.tasks.values()];
  const users = [...data.users.values()];

  it('has some of every kind of record', () => {
    for (const [kind, n] of Object.entries(census(data))) {
      if (kind !== 'webhooks') expect.soft(n, kind).toBeGreaterThan(0);
    }
    expect(data.webhooks.size).toBe(1);
  });

  it('has every role, people without phones or addresses, both kinds of groups', () => {
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set(['Owner', 'Account admin', 'User', 'Guest', 'Reader']),
    );
    expect(users.filter((u) => u.role === 'Account admin')).toHaveLength(2);
    expect(users.some((u) => u.phones.length === 0 && u.addresses.length === 0)).toBe(true);
    expect(users.some((u) => u.phones.length > 0)).toBe(true);
    const groups = [...data.groups.values()];
    expect(groups.some((g) => g.client === 0) && groups.some((g) => g.client === 1)).toBe(true);
    for (const u of users) expect(groups.map((g) => g.title)).toContain(u.group);
    const contacts = [...data.contacts.values()];
    expect(contacts.some((c) => c.group === 'DEFAULT')).toBe(true);
    const folders = [...data.contactGroups.values()].map((g) => g.title);
    expect(contacts.every((c) => c.group === 'DEFAULT' || folders.includes(c.group))).toBe(true);
  });

  it('has projects of every status, one without a manager, with folders as companies', () => {
    const projects = [...data.projects.values()];
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['active', 'pending', 'archive']));
    expect(projects.some((p) => p.userToId === MANAGER_NOT_ASSIGNED)).toBe(true);
    expect(
      projects.some((p) => p.maxTime !== undefined && p.maxMoney !== undefined && p.tagIds.length > 0),
    ).toBe(true);
    const folders = [...data.folders.values()].map((f) => f.title);
    for (const p of projects) expect(folders).toContain(p.company);
    const website = projects.find((p) => p.name === 'Website redesign');
    expect(website?.status).toBe('active');
  });

  it('has tasks of every shape', () => {
    expect(tasks.some((t) => t.userToId === NOONE)).toBe(true);
    expect(tasks.some((t) => t.userToId === ANYONE)).toBe(true);
    expect(tasks.some((t) => t.publishAt !== undefined && t.publishAt > NOW)).toBe(true);
    expect(tasks.some((t) => t.status === 'done' && t.dateClosed !== undefined)).toBe(true);
    expect(tasks.some((t) => t.status === 'active' && t.dateEnd !== undefined && t.dateEnd < TODAY)).toBe(
      true,
    );
    const depth = (id: number): number => {
      const p = data.tasks.get(id)?.parentId;
      return p === undefined ? 0 : 1 + depth(p);
    };
    expect(Math.max(...tasks.map((t) => depth(t.id)))).toBe(2);
    expect(new Set(tasks.map((t) => t.priority)).size).toBeGreaterThan(5);
    expect(tasks.some((t) => t.timeStart !== undefined)).toBe(true);
    expect(new Set(data.relations.map((r) => r.type))).toEqual(
      new Set(['finish-to-start', 'start-to-start']),
    );
  });

  it('has one project with subtasks, relations, comments with files, costs and tags together', () => {
    const rich = [...data.projects.values()].filter((p) => {
      const inP = tasks.filter((t) => t.projectId === p.id);
      const ids = new Set(inP.map((t) => t.id));
      return (
        inP.some((t) => t.parentId !== undefined) &&
        data.relations.some((r) => ids.has(r.fromTaskId)) &&
        [...data.comments.values()].some((c) => ids.has(c.taskId) && c.fileIds.length > 0) &&
        [...data.costs.values()].some((c) => ids.has(c.taskId)) &&
        inP.some((t) => t.tagIds.length > 0)
      );
    });
    expect(rich.length).toBeGreaterThan(0);
  });

  it('has workflow and label tag groups, project groups with negative id_group', () => {
    const groups = [...data.tagGroups.values()];
    const workflow = groups.find((g) => g.title === 'Basic workflow');
    expect(workflow).toMatchObject({ scope: 'task', type: 'status', access: 'public' });
    const titles = [...data.tags.values()].filter((t) => t.groupId === workflow?.id).map((t) => t.title);
    expect(titles).toEqual(['To-do', 'In progress', 'Review', 'Done']);
    expect(groups.some((g) => g.scope === 'task' && g.type === 'label')).toBe(true);
    const projectGroups = groups.filter((g) => g.scope === 'project');
    expect(projectGroups.length).toBeGreaterThan(0);
    for (const g of projectGroups) expect(Number(g.idGroup)).toBeLessThan(0);
  });

  it('has files of every kind on descriptions and comments, costs of every kind, running timers', () => {
    const files = [...data.files.values()];
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(['png', 'pdf', 'docx', 'txt']));
    expect(files.some((f) => f.commentId === undefined)).toBe(true);
    expect(files.some((f) => f.commentId !== undefined)).toBe(true);
    const costs = [...data.costs.values()];
    expect(costs.some((c) => c.isTimer) && costs.some((c) => !c.isTimer)).toBe(true);
    expect(costs.some((c) => c.minutes === 0 && c.moneyCents > 0)).toBe(true);
    expect(costs.some((c) => c.minutes > 0 && c.moneyCents === 0)).toBe(true);
    expect(data.timers.size).toBeGreaterThanOrEqual(2);
  });

  it('stores real bytes for every file: the right format, its size, and what a fresh render gives', () => {
    const magic = { png: '\x89PNG', pdf: '%PDF-', docx: 'PK\x03\x04', txt: '' } as const;
    for (const f of data.files.values()) {
      expect(f.bytes?.length).toBe(f.size);
      expect(Buffer.from(f.bytes!).toString('latin1').startsWith(magic[f.kind])).toBe(true);
      expect(f.name.endsWith(`.${f.kind}`)).toBe(true);
      expect(renderAttachment(f)).toEqual(f.bytes);
      if (f.kind === 'txt')
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(f.bytes)).not.toThrow();
    }
  });

  it('has an event feed of the last 30 days with every action', () => {
    const actions = new Set(data.events.map((e) => `${e.objectType}:${e.action}`));
    for (const a of [
      'project:post',
      'project:update',
      'project:close',
      'task:post',
      'task:update',
      'task:close',
    ]) {
      expect(actions).toContain(a);
    }
    expect(actions).toContain('task:reopen');
    expect(actions).toContain('comment:post');
    const update = data.events.find((e) => e.action === 'update' && e.objectType === 'task');
    expect(update?.new).toBeDefined();
    expect(Object.keys(update?.new ?? {}).sort()).toEqual(Object.keys(update?.old ?? {}).sort());
    // An update shows the task as it is now.
    const task = data.tasks.get(update!.objectId)!;
    if (update?.new?.priority !== undefined) expect(update.new.priority).toBe(String(task.priority));
    expect(data.events.every((e) => e.dateAdded >= NOW - 30 * DAY)).toBe(true);
  });

  it('reads like a real team: unique emails, plausible names and texts', () => {
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const u of users) expect(u.email).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z0-9]+\.example$/);
    expect(tasks.every((t) => t.name.length > 3 && !t.name.includes('undefined'))).toBe(true);
    expect([...data.comments.values()].every((c) => c.text.length > 3 && !c.text.includes('undefined'))).toBe(
      true,
    );
  });
});
