import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, UserRec } from '../../sandbox/model.js';
import type { AnyTool } from './kit/define-tool.js';
import { createSandboxContext, type SandboxContext } from '../testing/sandbox-context.js';
import type { ToolContext } from './kit/context.js';
import { ToolError } from './kit/errors.js';
import { peopleTools } from './people.js';

const tool = (name: string): AnyTool => peopleTools.find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface Page<T> {
  items: T[];
  total_count: number;
}
interface UserItem {
  id: string;
  name: string;
  email: string;
  role: string;
  company: string;
}

const fullName = (u: UserRec) => `${u.firstName} ${u.lastName}`;

let s: SandboxContext;
let data: SandboxData;
beforeAll(async () => {
  s = await createSandboxContext({ authMode: 'oauth' });
  data = s.sandbox.data;
});
afterAll(() => s.close());

describe('get_me', () => {
  it('resolves "me" in both auth modes to the same user', async () => {
    const owner = data.users.get(data.ownerId) as UserRec;
    const oauth = await run<{ user: UserItem; auth_mode: string }>('get_me', {}, s.ctx());
    expect(oauth).toMatchObject({
      auth_mode: 'oauth',
      user: {
        id: String(owner.id),
        email: owner.email,
        name: fullName(owner),
        role: 'Owner',
        company: owner.group,
      },
    });
    const admin = await createSandboxContext({ authMode: 'admin', sandbox: { data } });
    try {
      const viaKey = await run<{ user: UserItem; auth_mode: string }>('get_me', {}, admin.ctx());
      expect(viaKey.auth_mode).toBe('admin');
      expect(viaKey.user).toEqual(oauth.user);
    } finally {
      await admin.close();
    }
  });
});

describe('list_users', () => {
  it('lists every user, and searches names, emails and titles', async () => {
    const all = await run<Page<UserItem>>('list_users', { limit: 200 }, s.ctx());
    expect(all.items.map((u) => u.id).sort()).toEqual([...data.users.keys()].map(String).sort());
    const someone = [...data.users.values()][3] as UserRec;
    const needle = someone.lastName.slice(0, 4).toLowerCase();
    const want = [...data.users.values()].filter((u) =>
      [fullName(u), u.email, u.title].some((v) => v.toLowerCase().includes(needle)),
    );
    const found = await run<Page<UserItem>>('list_users', { search: needle.toUpperCase() }, s.ctx());
    expect(found.items.map((u) => u.id).sort()).toEqual(want.map((u) => String(u.id)).sort());
  });

  it('filters by company and role', async () => {
    const someone = [...data.users.values()].find((u) => u.role === 'User') as UserRec;
    const byCompany = await run<Page<UserItem>>(
      'list_users',
      { company: someone.group.toLowerCase(), limit: 200 },
      s.ctx(),
    );
    expect(byCompany.total_count).toBe(
      [...data.users.values()].filter((u) => u.group === someone.group).length,
    );
    const byRole = await run<Page<UserItem>>('list_users', { role: 'user', limit: 200 }, s.ctx());
    expect(byRole.total_count).toBe([...data.users.values()].filter((u) => u.role === 'User').length);
    expect(byRole.items.every((u) => u.role === 'User')).toBe(true);
  });
});

describe('list_users contacts=true, and list_groups', () => {
  it('lists contacts, by folder; company and role are for users, folder for contacts', async () => {
    const all = await run<Page<{ id: string; folder: string }>>(
      'list_users',
      { contacts: true, limit: 200 },
      s.ctx(),
    );
    expect(all.total_count).toBe(data.contacts.size);
    const folder = [...data.contacts.values()][0]?.group ?? 'DEFAULT';
    const inFolder = await run<Page<{ folder: string }>>(
      'list_users',
      { contacts: true, folder, limit: 200 },
      s.ctx(),
    );
    expect(inFolder.total_count).toBe([...data.contacts.values()].filter((c) => c.group === folder).length);
    expect(inFolder.items.every((c) => c.folder === folder)).toBe(true);
    await expect(run('list_users', { contacts: true, role: 'User' }, s.ctx())).rejects.toThrow(ToolError);
    await expect(run('list_users', { folder }, s.ctx())).rejects.toMatchObject({
      hint: expect.stringContaining('contacts=true') as unknown,
    });
  });

  it('lists companies, contact folders (with the presets) and project folders', async () => {
    const all = await run<Page<{ id: string; kind: string; built_in?: boolean; client?: boolean }>>(
      'list_groups',
      { limit: 200 },
      s.ctx(),
    );
    const of = (kind: string) => all.items.filter((g) => g.kind === kind);
    expect(
      of('company')
        .map((g) => g.id)
        .sort(),
    ).toEqual([...data.groups.keys()].map(String).sort());
    expect(
      of('project_folder')
        .map((g) => g.id)
        .sort(),
    ).toEqual([...data.folders.keys()].map(String).sort());
    expect(of('contact_folder').filter((g) => g.built_in)).toHaveLength(4);
    expect(of('contact_folder').filter((g) => !g.built_in)).toHaveLength(data.contactGroups.size);
    const onlyFolders = await run<Page<{ kind: string; title: string; project_count: number }>>(
      'list_groups',
      { kind: 'project_folder' },
      s.ctx(),
    );
    expect(onlyFolders.items.every((g) => g.kind === 'project_folder')).toBe(true);
    expect(onlyFolders.total_count).toBe(data.folders.size);
    for (const folder of onlyFolders.items) {
      const inIt = [...data.projects.values()].filter(
        (p) => p.company.toLowerCase() === folder.title.toLowerCase(),
      );
      expect(folder.project_count, folder.title).toBe(inIt.length);
    }
  });

  it('rejects a cursor of another query', async () => {
    const first = await run<{ next_cursor?: string }>('list_users', { limit: 1 }, s.ctx());
    await expect(
      run('list_users', { limit: 1, search: 'a', cursor: first.next_cursor }, s.ctx()),
    ).rejects.toThrow(ToolError);
  });
});
