import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_RESPONSES, errorEnvelopeSchema } from '../../worksection/schemas.js';
import type { SandboxData } from '../model.js';
import { insertTask } from '../records.js';
import { FRANK, HENRY, NOW, buildFixture, call, run } from '../testing/fixture.js';
import type { Json } from '../testing/fixture.js';

let data: SandboxData;
beforeEach(() => {
  data = buildFixture();
});

const ids = (list: Json[]): string[] => list.map((t) => t.id);

describe('task listings', () => {
  it('get_task with extra=comments shows the five newest comments, newest first', async () => {
    const body = await call(data, 'get_task', { id_task: '331894', extra: 'comments' });
    expect(body.data.has_comments).toBe(1);
    expect(ids(body.data.comments)).toEqual(['19978', '19974', '19962', '19954', '19950']);
    const all = await call(data, 'get_comments', { id_task: '331894' });
    expect(all.data).toHaveLength(6);
  });

  it('leaves out what extra does not ask for', async () => {
    const { data: t } = await call(data, 'get_task', { id_task: '331894' });
    for (const key of ['text', 'files', 'comments', 'has_comments', 'subscribers', 'relations', 'child'])
      expect(t).not.toHaveProperty(key);
    expect(t).toMatchObject({ priority: '7', max_time: 352, time_start: '08:00' });
  });

  it('filter=active drops closed subtasks of get_task and closed tasks of listings', async () => {
    data.tasks.get(331910)!.status = 'done';
    const all = await call(data, 'get_task', { id_task: '331894', extra: 'subtasks' });
    expect(ids(all.data.child)).toEqual(['331910']);
    const active = await call(data, 'get_task', { id_task: '331894', extra: 'subtasks', filter: 'active' });
    expect(active.data).not.toHaveProperty('child');
    const tasks = await call(data, 'get_tasks', { id_project: '6622', filter: 'active' });
    expect(ids(tasks.data)).not.toContain('330142');
    expect(ids((await call(data, 'get_tasks', { id_project: '6622' })).data)).toContain('330142');
  });

  it('hides delayed publications from listings, search and get_task until their time', async () => {
    expect(ids((await call(data, 'get_tasks', { id_project: '6622' })).data)).not.toContain('332200');
    expect(ids((await call(data, 'search_tasks', { id_project: '6622' })).data)).not.toContain('332200');
    expect(await call(data, 'get_task', { id_task: '332200' })).toMatchObject({ status_code: 5 });
    const later = await call(data, 'get_task', { id_task: '332200' }, { now: NOW + 2 * 86_400_000 });
    expect(later.data.name).toBe('Secret launch');
  });

  it('get_all_tasks skips archived projects unless extra=archive', async () => {
    expect(ids((await call(data, 'get_all_tasks')).data)).not.toContain('320001');
    expect(ids((await call(data, 'get_all_tasks', { extra: 'archive' })).data)).toContain('320001');
  });

  it('get_all_tasks lists top-level tasks and nests full subtasks two levels deep', async () => {
    const body = await call(data, 'get_all_tasks', { extra: 'subtasks' });
    expect(ACTION_RESPONSES.get_all_tasks.safeParse(body).success).toBe(true);
    expect(ids(body.data)).not.toContain('331910');
    const dev = body.data.find((t: Json) => t.id === '331894');
    expect(dev.child[0]).toMatchObject({
      id: '331910',
      user_from: { id: String(HENRY) },
      project: { id: '8562' },
    });
    expect(dev.child[0].child[0]).toMatchObject({ id: '331914', page: '/project/8562/331894/331914/' });
    expect(dev.child[0]).not.toHaveProperty('parent');
  });

  it('answers "Too many tasks" past 10,000 tasks, counting nested subtasks', async () => {
    for (let i = 0; i < 9_999; i++) {
      insertTask(data, {
        id: 500_000 + i,
        projectId: 8482,
        name: `Bulk ${i}`,
        status: 'active',
        priority: 1,
        userFromId: HENRY,
        userToId: HENRY,
        text: '',
        dateAdded: NOW - 1000,
        tagIds: [],
        subscriberIds: [],
      });
    }
    const fine = await call(data, 'get_tasks', { id_project: '8482' });
    expect(fine.data).toHaveLength(9_999);
    insertTask(data, {
      id: 600_000,
      parentId: 500_000,
      projectId: 8482,
      name: 'Sub',
      status: 'active',
      priority: 1,
      userFromId: HENRY,
      userToId: HENRY,
      text: '',
      dateAdded: NOW - 1000,
      tagIds: [],
      subscriberIds: [],
    });
    insertTask(data, {
      id: 600_001,
      parentId: 500_000,
      projectId: 8482,
      name: 'Sub 2',
      status: 'active',
      priority: 1,
      userFromId: HENRY,
      userToId: HENRY,
      text: '',
      dateAdded: NOW - 1000,
      tagIds: [],
      subscriberIds: [],
    });
    expect((await call(data, 'get_tasks', { id_project: '8482' })).status).toBe('ok');
    const tooMany = await call(data, 'get_tasks', { id_project: '8482', extra: 'subtasks' });
    expect(tooMany).toEqual({ status: 'error', status_code: 9, message: 'Too many tasks (10000 max)' });
    expect(errorEnvelopeSchema.safeParse(tooMany).success).toBe(true);
    expect((await call(data, 'get_all_tasks')).status).toBe('error');
    expect((await call(data, 'get_all_tasks', { filter: 'active' })).status).toBe('error');
  });
});

describe('search_tasks', () => {
  it.each([
    [{ filter: "name has 'worksection'" }, ['330090', '331502']],
    [{ id_project: '6622', status: 'done' }, ['330142', '331460', '331470']],
    [{ email_user_to: 'ANY' }, ['330090']],
    [{ email_user_to: 'frank.harper@ws.com', status: 'active' }, ['331906']],
    [{ filter: 'parent in (331894, 331910)' }, ['331910', '331914']],
    [
      { filter: "project = 8562 and dateadd >= '07.01.2021' and (name = 'testing' or id = 331902)" },
      ['331902', '331906'],
    ],
    [{ filter: "dateclose = '02.01.2021'" }, ['330142']],
    [{ id_task: '331914' }, ['331914']],
  ])('%j', async (params, expected) => {
    const body = await call(data, 'search_tasks', params);
    expect(ACTION_RESPONSES.search_tasks.safeParse(body).success).toBe(true);
    expect(ids(body.data).sort()).toEqual(expected);
  });

  it('answers subtasks flat with their parent, and only the text|html|files extras', async () => {
    const body = await call(data, 'search_tasks', {
      id_task: '331914',
      extra: 'text,files,comments,subtasks',
    });
    expect(body.data[0].parent).toEqual({
      id: '331910',
      name: 'Sprint 1',
      page: '/project/8562/331894/331910/',
      status: 'active',
      priority: '1',
    });
    expect(body.data[0]).toHaveProperty('text', '');
    expect(body.data[0]).not.toHaveProperty('has_comments');
  });

  it.each([
    [
      {},
      {
        status_code: 10,
        message: 'At least one of fields required',
        message_details: 'filter, id_project, id_task, email_user_from, email_user_to',
      },
    ],
    [{ status: 'active' }, { status_code: 10, message: 'At least one of fields required' }],
    [{ id_project: '1' }, { status_code: 4, message: 'Project is invalid' }],
    [{ id_task: '1' }, { status_code: 5, message: 'Task is invalid' }],
    [
      { email_user_from: 'nobody@ws.com' },
      { status_code: 11, message: 'Invalid email', message_details: 'nobody@ws.com' },
    ],
    [{ filter: "name has 'x' and priority >= 7" }, { status_code: 15, message: 'Filter is invalid' }],
    [{ filter: "name has 'x" }, { status_code: 15, message: 'Filter is invalid' }],
  ])('%j is an error', async (params, error) => {
    const body = await call(data, 'search_tasks', params);
    expect(body).toMatchObject({ status: 'error', ...error });
    expect(errorEnvelopeSchema.safeParse(body).success).toBe(true);
  });
});

describe('task writes', () => {
  it('post_task creates a sub-subtask under the top-level page, with todo lines, mentions and uploads', async () => {
    const bytes = new TextEncoder().encode('spec v1');
    const body = await call(
      data,
      'post_task',
      {
        id_project: '8562',
        id_parent: '331910',
        title: 'Deep',
        text: 'Do it',
        todo: ['a', 'b'],
        mention: 'frank.harper@ws.com',
        email_user_to: 'ANY',
        priority: '4',
        datestart: '01.02.2021',
        tags: 'To-do, nosuch',
        extra: 'text,files',
      },
      { actor: FRANK, uploads: [{ field: 'attach[0]', name: 'spec.txt', bytes }] },
    );
    expect(ACTION_RESPONSES.post_task.safeParse(body).success).toBe(true);
    const id = body.data.id;
    expect(body.data).toMatchObject({
      page: `/project/8562/331894/${id}/`,
      priority: '4',
      text: 'Do it\r\n• a\r\n• b Frank Harper',
      user_from: { id: String(FRANK) },
      user_to: { id: '2', email: 'ANY', name: 'Anyone' },
      parent: { id: '331910' },
      date_start: '2021-02-01',
      date_added: '2021-01-11 12:00',
      tags: { '72565': 'To-do' },
      files: [{ name: 'spec.txt', size: '7' }],
    });
    const download = await run(data, 'download', { id_file: body.data.files[0].id });
    expect(download).toMatchObject({
      kind: 'bytes',
      filename: 'spec.txt',
      contentType: 'application/x-download',
    });
    expect(data.events.at(-1)).toMatchObject({ action: 'post', objectType: 'task', objectId: Number(id) });
  });

  it.each([
    [
      { id_project: '6622', title: 'x', id_parent: '330142' },
      { status_code: 8, message: 'Task is closed' },
    ],
    [
      { id_project: '6622', title: 'x', id_parent: '331894' },
      { status_code: 5, message: 'Task is invalid' },
    ],
    [
      { id_project: '8562', title: 'x', id_parent: '331914' },
      { status_code: 5, message: 'Task is invalid', message_details: 'id_parent' },
    ],
    [
      { id_project: '6622', title: '' },
      { status_code: 10, message_details: 'title' },
    ],
    [{ title: 'x' }, { status_code: 10, message_details: 'id_project' }],
    [{ id_project: '9', title: 'x' }, { status_code: 4 }],
    [
      { id_project: '6622', title: 'x', email_user_to: 'ghost@ws.com' },
      { status_code: 11, message_details: 'ghost@ws.com' },
    ],
    [{ id_project: '6622', title: 'x', email_user_from: 'ghost@ws.com' }, { status_code: 11 }],
    [
      { id_project: '6622', title: 'x', dateend: '2021-01-01' },
      { status_code: 10, message_details: 'dateend' },
    ],
  ])('post_task %j fails', async (params, error) => {
    const before = data.tasks.size;
    expect(await call(data, 'post_task', params)).toMatchObject({ status: 'error', ...error });
    expect(data.tasks.size).toBe(before);
  });

  it('update_task changes fields and logs an update event with new and old values', async () => {
    const body = await call(
      data,
      'update_task',
      {
        id_task: '331430',
        priority: '7',
        email_user_to: 'frank.harper@ws.com',
        dateend: '11.01.2024',
        title: 'Team sync',
      },
      { actor: FRANK },
    );
    expect(body.data).toMatchObject({
      name: 'Team sync',
      priority: '7',
      user_to: { id: String(FRANK) },
      date_end: '2024-01-11',
    });
    const ev = await call(data, 'get_events', { period: '1h' });
    expect(ACTION_RESPONSES.get_events.safeParse(ev).success).toBe(true);
    expect(ev.data.at(-1)).toEqual({
      action: 'update',
      object: { type: 'task', id: '331430', page: '/project/6622/331430/' },
      date_added: '2021-01-11 12:00',
      user_from: { id: String(FRANK), email: 'frank.harper@ws.com', name: 'Frank Harper' },
      new: {
        title: 'Team sync',
        priority: '7',
        user_to: { id: String(FRANK), email: 'frank.harper@ws.com', name: 'Frank Harper' },
        date_end: '2024-01-11',
      },
      old: {
        title: 'Team meetup',
        priority: '1',
        user_to: { id: String(HENRY), email: 'henry.gardner@ws.com', name: 'Henry Gardner' },
        date_end: '',
      },
    });
  });

  it('complete_task answers the pre-close snapshot, then closes; children block it', async () => {
    expect(await call(data, 'complete_task', { id_task: '331910' })).toMatchObject({
      status_code: 13,
      message: 'Task has children',
    });
    const body = await call(data, 'complete_task', { id_task: '331914' });
    expect(body.data.status).toBe('active');
    expect(body.data).not.toHaveProperty('date_closed');
    const after = await call(data, 'get_task', { id_task: '331914' });
    expect(after.data).toMatchObject({ status: 'done', date_closed: '2021-01-11 12:00' });
    expect((await call(data, 'complete_task', { id_task: '331910' })).status).toBe('ok');
    expect(await call(data, 'reopen_task', { id_task: '331914' })).toMatchObject({
      status_code: 14,
      message: 'Parent task is done',
    });
    expect(await call(data, 'reopen_task', { id_task: '331910' })).toEqual({ status: 'ok' });
    expect((await call(data, 'get_task', { id_task: '331910' })).data).not.toHaveProperty('date_closed');
    expect(data.events.slice(-3).map((e) => e.action)).toEqual(['close', 'close', 'reopen']);
  });
});
