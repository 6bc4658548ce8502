// Costs and timers.
import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_RESPONSES } from '../../worksection/schemas.js';
import type { SandboxData } from '../model.js';
import { FRANK, HENRY, NOW, buildFixture, call } from '../testing/fixture.js';
import type { Json } from '../testing/fixture.js';

let data: SandboxData;
beforeEach(() => {
  data = buildFixture();
});

const costIds = async (params: Record<string, string>) =>
  (await call(data, 'get_costs', params)).data.map((c: Json) => c.id);

describe('costs', () => {
  it.each(['0.15', '0,15', '0:09'])('add_costs reads time %s as 0:09', async (time) => {
    const body = await call(data, 'add_costs', { id_task: '330090', time, comment: 'x' }, { actor: FRANK });
    expect(body).toEqual({ status: 'ok', id: expect.any(Number) });
    expect(data.costs.get(body.id)).toMatchObject({
      minutes: 9,
      userFromId: FRANK,
      date: '2021-01-11',
      isTimer: false,
    });
  });

  it('add_costs with the admin key needs email_user_from; is_rate prices time at the author rate', async () => {
    expect(await call(data, 'add_costs', { id_task: '330090', time: '1' })).toEqual({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: 'email_user_from',
    });
    expect(
      await call(data, 'add_costs', { id_task: '330090', time: '1', email_user_from: 'x@y.io' }),
    ).toMatchObject({ status_code: 11 });
    const { id } = await call(data, 'add_costs', {
      id_task: '330090',
      time: '6:50',
      is_rate: '1',
      money: '1',
      email_user_from: 'frank.harper@ws.com',
      date: '05.01.2021',
    });
    const row = (await call(data, 'get_costs', { id_task: '330090' })).data.find(
      (c: Json) => c.id === String(id),
    );
    expect(row).toMatchObject({
      time: '6:50',
      money: '75.17',
      date: '2021-01-05',
      is_timer: false,
      user_from: { id: String(FRANK) },
    });
    expect(
      await call(data, 'add_costs', { id_task: '330090', time: 'soon' }, { actor: HENRY }),
    ).toMatchObject({ message_details: 'time' });
  });

  it('get_costs selects by project, task, dates, timer flag and filter; total sums the rows', async () => {
    expect(await costIds({})).toEqual(['3610', '3686', '3700', '3690']);
    expect(await costIds({ id_project: '8562' })).toEqual(['3700', '3690']);
    expect(await costIds({ datestart: '02.01.2021', dateend: '08.01.2021' })).toEqual(['3686', '3700']);
    expect(await costIds({ is_timer: '1' })).toEqual(['3610']);
    expect(
      await costIds({ filter: "comment has 'report' or (project = 6622 and dateadd < '02.01.2021')" }),
    ).toEqual(['3610', '3700']);
    expect(await costIds({ filter: 'id in (331894)' })).toEqual(['3700', '3690']);
    const body = await call(data, 'get_costs', { id_project: '8562' });
    expect(body.total).toEqual({ time: '2:00', money: '43.00' });
    expect(await call(data, 'get_costs', { filter: "name has 'x'" })).toMatchObject({ status_code: 15 });
    expect(await call(data, 'get_costs', { id_task: '1' })).toMatchObject({ status_code: 5 });
  });

  it('get_costs_total answers only the total, plus per project/month/task with extra', async () => {
    const plain = await call(data, 'get_costs_total', { id_project: '6622' });
    expect(plain).toEqual({ status: 'ok', total: { time: '10:12', money: '75.17' } });
    const full = await call(data, 'get_costs_total', { extra: 'projects, tasks' });
    expect(ACTION_RESPONSES.get_costs_total.safeParse(full).success).toBe(true);
    expect(full.total).toEqual({ time: '12:12', money: '118.17' });
    const owl = full.projects.find((p: Json) => p.id === '8562');
    expect(owl).toEqual({
      id: '8562',
      name: 'Owl brand launch',
      page: '/project/8562/',
      time: '2:00',
      money: '43.00',
      monthly: { '2021-01': { time: '2:00', money: '43.00' } },
      tasks: [
        {
          id: '331894',
          name: 'Development',
          page: '/project/8562/331894/',
          status: 'active',
          priority: '7',
          time: '2:00',
          money: '43.00',
        },
      ],
    });
    const projectsOnly = await call(data, 'get_costs_total', { extra: 'projects' });
    expect(projectsOnly.projects[0]).not.toHaveProperty('tasks');
  });

  it('update_costs and delete_costs edit by id; an unknown id is an error', async () => {
    expect(await call(data, 'update_costs', { id_costs: '3686', time: '2:15', comment: 'fixed' })).toEqual({
      status: 'ok',
    });
    expect(data.costs.get(3686)).toMatchObject({ minutes: 135, comment: 'fixed', moneyCents: 0 });
    expect(await call(data, 'delete_costs', { id_costs: '3686' })).toEqual({ status: 'ok' });
    expect(await costIds({ id_task: '330090' })).toEqual([]);
    expect(await call(data, 'delete_costs', { id_costs: '3686' })).toEqual({
      status: 'error',
      status_code: 10,
      message: 'Costs not found',
    });
  });
});

describe('timers', () => {
  it('get_timers shows HH:MM:SS running time, newest first', async () => {
    const body = await call(data, 'get_timers');
    expect(ACTION_RESPONSES.get_timers.safeParse(body).success).toBe(true);
    expect(body.data.map((t: Json) => [t.id, t.time, t.date_started])).toEqual([
      ['2918', '00:11:13', '2021-01-11 11:48'],
      ['2914', '01:12:45', '2021-01-11 10:47'],
    ]);
  });

  it('get_my_timer answers whole seconds, or an empty data array without a timer', async () => {
    const mine = await call(data, 'get_my_timer', {}, { actor: HENRY });
    expect(ACTION_RESPONSES.get_my_timer.safeParse(mine).success).toBe(true);
    expect(mine.data).toMatchObject({ time: 4365, task: { id: '330090' } });
    expect(mine.data).not.toHaveProperty('id');
    await call(data, 'stop_my_timer', { comment: 'done for today' }, { actor: HENRY });
    expect(await call(data, 'get_my_timer', {}, { actor: HENRY })).toEqual({ status: 'ok', data: [] });
  });

  it('stopping a timer logs a timer cost priced at the user rate', async () => {
    await call(data, 'start_my_timer', { id_task: '331502' }, { actor: FRANK, now: NOW - 3_600_000 }).then(
      (b: Json) => expect(b).toMatchObject({ status_code: 6, message: 'Timer is already started' }),
    );
    expect(await call(data, 'stop_timer', { timer: '2918' })).toEqual({ status: 'ok' });
    expect(
      await call(data, 'start_my_timer', { id_task: '331502' }, { actor: FRANK, now: NOW - 3_600_000 }),
    ).toEqual({ status: 'ok' });
    expect(await call(data, 'stop_my_timer', { comment: 'QA pass' }, { actor: FRANK })).toEqual({
      status: 'ok',
    });
    const rows = (await call(data, 'get_costs', { is_timer: '1', filter: "comment = 'QA pass'" })).data;
    expect(rows).toEqual([
      expect.objectContaining({
        time: '1:00',
        money: '11.00',
        is_timer: true,
        task: expect.objectContaining({ id: '331502' }),
      }),
    ]);
    expect(await call(data, 'stop_my_timer', {}, { actor: FRANK })).toEqual({
      status: 'error',
      status_code: 7,
      message: 'Timer is not started',
    });
    expect(await call(data, 'stop_timer', { timer: '2918' })).toEqual({
      status: 'error',
      status_code: 7,
      message: 'Timer not found',
    });
  });

  it('the user timer methods refuse the admin key', async () => {
    for (const action of ['get_my_timer', 'start_my_timer', 'stop_my_timer'] as const) {
      expect(await call(data, action, { id_task: '330090' })).toMatchObject({ status_code: 3 });
    }
  });
});
