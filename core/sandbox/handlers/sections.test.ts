// Members, projects, comments and tags beyond what the Postman examples show.
import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_RESPONSES } from '../../worksection/schemas.js';
import type { SandboxData } from '../model.js';
import { FRANK, HENRY, KATE, buildFixture, call } from '../testing/fixture.js';
import type { Json } from '../testing/fixture.js';

let data: SandboxData;
beforeEach(() => {
  data = buildFixture();
});

describe('members', () => {
  it('me answers the token user without rate; the admin key is refused', async () => {
    const me = await call(data, 'me', {}, { actor: FRANK });
    expect(ACTION_RESPONSES.me.safeParse(me).success).toBe(true);
    expect(me.data).toMatchObject({ id: String(FRANK), name: 'Frank Harper', role: 'Account admin' });
    expect(me.data).not.toHaveProperty('rate');
    expect(me.data).not.toHaveProperty('phone');
    expect(await call(data, 'me')).toEqual({
      status: 'error',
      status_code: 3,
      message: 'User method (only for access token)',
    });
  });

  it('add_user invites a new user into the owner team, names from the address', async () => {
    const body = await call(data, 'add_user', { email: 'bill.jones@gmail.com', role: 'guest' });
    expect(ACTION_RESPONSES.add_user.safeParse(body).success).toBe(true);
    expect(body.data).toMatchObject({
      first_name: 'bill',
      last_name: 'jones',
      group: 'Development',
      role: 'Guest',
    });
    expect((await call(data, 'get_users')).data).toHaveLength(4);
    expect(await call(data, 'add_user', { email: 'not-an-email' })).toMatchObject({ status_code: 11 });
  });

  it('add_user_group and add_contact_group answer an existing group of the same name', async () => {
    expect((await call(data, 'add_user_group', { title: 'development' })).data.id).toBe('2977');
    expect((await call(data, 'add_contact_group', { title: 'Clients' })).data.id).toBe('4178');
  });

  it('add_contact stores a contact in a folder, creating the folder', async () => {
    const body = await call(data, 'add_contact', {
      email: 'ann@corp.io',
      name: 'Ann Lee Smith',
      group: 'Vendors',
      phone2: '123',
    });
    expect(body.data).toMatchObject({
      first_name: 'Ann',
      last_name: 'Lee Smith',
      group: 'Vendors',
      phone2: '123',
    });
    expect(body.data).not.toHaveProperty('phone');
    const groups = await call(data, 'get_contact_groups');
    expect(groups.data.map((g: Json) => g.title)).toContain('Vendors');
    expect(await call(data, 'add_contact', { email: 'ann@corp.io' })).toMatchObject({
      message_details: 'name',
    });
  });

  it('subscribe and unsubscribe change the task subscribers', async () => {
    await call(data, 'subscribe', { id_task: '331430', email_user: 'kate.greenway@ws.com' });
    const subs = async () =>
      (await call(data, 'get_task', { id_task: '331430', extra: 'subscribers' })).data.subscribers?.map(
        (u: Json) => u.id,
      );
    expect(await subs()).toEqual([String(KATE)]);
    await call(data, 'unsubscribe', { id_task: '331430', email_user: 'kate.greenway@ws.com' });
    expect(await subs()).toBeUndefined();
    expect(await call(data, 'subscribe', { id_task: '1', email_user: 'x@y.z' })).toMatchObject({
      status_code: 5,
    });
  });
});

describe('projects', () => {
  it('shows text, options and users only when extra asks', async () => {
    const plain = (await call(data, 'get_project', { id_project: '6622' })).data;
    for (const key of ['text', 'options', 'users']) expect(plain).not.toHaveProperty(key);
    expect(plain).toMatchObject({ max_time: 1200, tags: { '105554': 'inner', '105570': 'wiki' } });
    const pending = (await call(data, 'get_project', { id_project: '8506', extra: 'html' })).data;
    expect(pending).toMatchObject({
      text: '',
      user_to: { id: '0', email: 'NOONE', name: "Manager isn't assigned" },
    });
    expect(pending).not.toHaveProperty('tags');
    expect(pending).not.toHaveProperty('date_start');
  });

  it.each([
    ['active', ['6622', '8562', '8482', '8526']],
    ['pending', ['8506']],
    ['archive', ['8600']],
  ])('get_projects filter=%s', async (filter, expected) => {
    expect((await call(data, 'get_projects', { filter })).data.map((p: Json) => p.id)).toEqual(expected);
  });

  it('post_project adds author, manager and known members; update_project logs an event', async () => {
    const body = await call(data, 'post_project', {
      title: 'Launch',
      email_manager: 'kate.greenway@ws.com',
      members: 'frank.harper@ws.com, outsider@gmail.com',
      extra: 'users',
    });
    expect(body.data.users.map((u: Json) => u.id)).toEqual([String(HENRY), String(KATE), String(FRANK)]);
    const id = body.data.id;
    const upd = await call(data, 'update_project', {
      id_project: id,
      title: 'Launch 2',
      max_money: '500',
      email_manager: 'NOONE',
    });
    expect(upd.data).toMatchObject({ name: 'Launch 2', max_money: 500, user_to: { id: '0' } });
    const events = (await call(data, 'get_events', { period: '10m', id_project: id })).data;
    expect(events.map((e: Json) => e.action)).toEqual(['post', 'update']);
    expect(events[1].new).toMatchObject({ title: 'Launch 2', max_money: '500' });
    expect(events[1].old).toMatchObject({ title: 'Launch', max_money: '' });
  });

  it('update_project checks the exclusive cost options against the stored ones', async () => {
    // 6622 already has timer_only=1.
    expect(
      await call(data, 'update_project', { id_project: '6622', 'options.time_today': '1' }),
    ).toMatchObject({ status_code: 11 });
    const ok = await call(data, 'update_project', {
      id_project: '6622',
      'options.time_today': '1',
      'options.timer_only': '0',
      extra: 'options',
    });
    expect(ok.data.options).toMatchObject({ time_today: 1, timer_only: 0 });
  });

  it('add/delete_project_members require account users, listing the bad addresses', async () => {
    expect(
      await call(data, 'add_project_members', {
        id_project: '8482',
        members: 'kate.greenway@ws.com, a@b.io, c@d.io',
      }),
    ).toEqual({
      status: 'error',
      status_code: 11,
      message: 'Invalid email',
      message_details: 'a@b.io,c@d.io',
    });
    await call(data, 'add_project_members', { id_project: '8482', members: 'kate.greenway@ws.com' });
    await call(data, 'delete_project_members', { id_project: '8482', members: 'henry.gardner@ws.com' });
    expect(data.projects.get(8482)!.memberIds).toEqual([KATE]);
    expect(await call(data, 'add_project_members', { id_project: '8482' })).toMatchObject({
      message_details: 'members',
    });
  });

  it('close_project archives and activate_project brings back a pending project too', async () => {
    expect(await call(data, 'activate_project', { id_project: '8506' })).toEqual({ status: 'ok' });
    expect(data.projects.get(8506)!.status).toBe('active');
    expect(await call(data, 'close_project', { id_project: '8506' })).toEqual({ status: 'ok' });
    expect(data.events.at(-1)).toMatchObject({
      action: 'close',
      objectType: 'project',
      page: '/project/8506/',
    });
  });
});

describe('comments', () => {
  it('get_comments lists all comments newest first, files only with extra=files', async () => {
    const plain = await call(data, 'get_comments', { id_task: '330090' });
    expect(plain.data.map((c: Json) => c.id)).toEqual(['19086', '19078']);
    expect(plain.data[0]).not.toHaveProperty('files');
  });

  it('post_comment requires text or todo, and stores uploads on the comment', async () => {
    expect(await call(data, 'post_comment', { id_task: '330090', text: ' ' })).toEqual({
      status: 'error',
      status_code: 10,
      message: 'At least one of fields required',
      message_details: 'text, todo',
    });
    const body = await call(
      data,
      'post_comment',
      { id_task: '331914', todo: ['one'] },
      { actor: KATE, uploads: [{ field: 'attach[0]', name: 'shot.png', bytes: new Uint8Array([1, 2, 3]) }] },
    );
    expect(ACTION_RESPONSES.post_comment.safeParse(body).success).toBe(true);
    expect(body.data).toMatchObject({
      text: '\r\n• one',
      page: `/project/8562/331894/331914/#com${body.data.id}`,
      user_from: { id: String(KATE) },
      files: [{ name: 'shot.png', size: '3' }],
    });
    const files = await call(data, 'get_files', { id_task: '331914' });
    expect(files.data.map((f: Json) => f.name)).toEqual(['shot.png']);
    expect(data.events.at(-1)).toMatchObject({
      objectType: 'comment',
      page: '/project/8562/331894/331914/',
      new: { text: '\r\n• one' },
    });
    expect((await call(data, 'get_task', { id_task: '331914', extra: 'comments' })).data.has_comments).toBe(
      1,
    );
  });
});

describe('tags', () => {
  it('a status group holds one tag per task; labels accumulate', async () => {
    await call(data, 'update_task_tags', { id_task: '331430', plus: 'To-do, doing' });
    await call(data, 'update_task_tags', { id_task: '331430', plus: '72569,deployed' });
    const { data: t } = await call(data, 'get_task', { id_task: '331430' });
    expect(t.tags).toEqual({ '72569': 'In progress', '72600': 'doing', '72604': 'deployed' });
    await call(data, 'update_task_tags', { id_task: '331430', minus: 'doing' });
    expect(data.tasks.get(331430)!.tagIds).toEqual([72569, 72604]);
  });

  it('an unknown tag in plus or minus changes nothing', async () => {
    expect(
      await call(data, 'update_project_tags', { id_project: '6622', plus: 'app', minus: 'nope' }),
    ).toMatchObject({ status_code: 16, message_details: 'nope' });
    expect(data.projects.get(6622)!.tagIds).toEqual([105554, 105570]);
  });

  it('filters tags and groups by group, type and access', async () => {
    const labels = await call(data, 'get_task_tags', { type: 'label' });
    expect(labels.data.map((t: Json) => t.title)).toEqual(['doing', 'deployed']);
    expect((await call(data, 'get_task_tags', { group: '100' })).data).toHaveLength(4);
    expect((await call(data, 'get_task_tags', { group: 'nope' })).data).toEqual([]);
    const priv = await call(data, 'get_project_tag_groups', { access: 'private' });
    expect(priv.data).toEqual([{ title: 'Internal labels', id: 99, type: 'label', access: 'private' }]);
  });

  it('add_task_tag_groups validates type and access; status groups are public', async () => {
    expect(
      await call(data, 'add_task_tag_groups', { type: 'color', access: 'public', title: 'X' }),
    ).toMatchObject({ message_details: 'type' });
    expect(await call(data, 'add_task_tag_groups', { type: 'label', title: 'X' })).toMatchObject({
      message_details: 'access',
    });
    const body = await call(data, 'add_task_tag_groups', {
      type: 'status',
      access: 'private',
      title: 'Flow',
    });
    expect(body.data[0]).toMatchObject({ title: 'Flow', type: 'status', access: 'public' });
    const tags = await call(data, 'add_task_tags', { group: 'Flow', title: 'Open, Closed' });
    expect((await call(data, 'get_task_tags', { group: 'Flow' })).data[0].group).toMatchObject({
      title: 'Flow',
      id_group: '5',
    });
    expect(tags.data.map((t: Json) => t.title)).toEqual(['Open', 'Closed']);
    expect(await call(data, 'add_task_tags', { group: 'Nope', title: 'x' })).toMatchObject({
      message_details: 'group (id or title)',
    });
  });
});
