// Every read action over a generated account must answer what the schemas (the documented wire shapes)
// accept, with every extra switched on, for every record the account holds.
import { describe, expect, it } from 'vitest';
import type { ActionName } from '../../worksection/actions.js';
import { ACTION_RESPONSES } from '../../worksection/schemas.js';
import type { JsonActionName } from '../../worksection/schemas.js';
import { generateAccount } from '../generate/index.js';
import type { Params } from '../handler.js';
import { call, run } from '../testing/fixture.js';
import { isTaskPublished } from '../model.js';

const NOW = Date.UTC(2025, 5, 2, 9, 30);
const data = generateAccount({ seed: 1, size: 'small', now: NOW });

const ALL_TASK_EXTRAS = 'text,files,comments,relations,subtasks,subscribers,archive';

async function expectValid(action: JsonActionName, params: Params = {}, actor?: number): Promise<void> {
  const body = await call(data, action, params, { actor, now: NOW });
  const parsed = ACTION_RESPONSES[action].safeParse(body);
  expect(
    parsed.success,
    `${action} ${JSON.stringify(params)}: ${JSON.stringify(parsed.error?.issues?.slice(0, 3))}`,
  ).toBe(true);
}

describe('read actions over generateAccount({ seed: 1, size: "small" })', () => {
  const projects = [...data.projects.keys()].map(String);
  const tasks = [...data.tasks.keys()].map(String);
  const users = [...data.users.keys()];

  it.each<[JsonActionName, Params]>([
    ['get_users', {}],
    ['get_user_groups', {}],
    ['get_contacts', {}],
    ['get_contact_groups', {}],
    ['get_projects', { extra: 'text,options,users' }],
    ['get_project_groups', {}],
    ['get_events', { period: '30d' }],
    ['get_all_tasks', { extra: ALL_TASK_EXTRAS }],
    ['get_all_tasks', { extra: 'subtasks', filter: 'active' }],
    ['get_task_tags', {}],
    ['get_task_tag_groups', {}],
    ['get_project_tags', {}],
    ['get_project_tag_groups', {}],
    ['get_costs', {}],
    ['get_costs_total', { extra: 'projects,tasks' }],
    ['get_timers', {}],
    ['get_webhooks', {}],
  ])('%s %j', async (action, params) => {
    await expectValid(action, params);
  });

  it('per project: get_project, get_tasks, search_tasks, get_files, get_costs', async () => {
    for (const id_project of projects) {
      await expectValid('get_project', { id_project, extra: 'html,options,users' });
      await expectValid('get_tasks', { id_project, extra: ALL_TASK_EXTRAS });
      await expectValid('search_tasks', { id_project, extra: 'text,files' });
      await expectValid('get_files', { id_project });
      await expectValid('get_costs', { id_project });
    }
  });

  it('per task: get_task and get_comments', async () => {
    for (const id_task of tasks) {
      const task = data.tasks.get(Number(id_task))!;
      // Delayed publications (and their subtasks) answer "Task is invalid", which the error schema covers
      // elsewhere.
      if (!isTaskPublished(data.tasks, task, NOW)) continue;
      await expectValid('get_task', { id_task, extra: ALL_TASK_EXTRAS });
      await expectValid('get_comments', { id_task, extra: 'files' });
    }
  });

  it('per user: me and get_my_timer', async () => {
    for (const id of users) {
      await expectValid('me', {}, id);
      await expectValid('get_my_timer', {}, id);
    }
  });

  it('every file downloads as bytes', async () => {
    for (const id of data.files.keys()) {
      const result = await run(data, 'download' satisfies ActionName, { id_file: String(id) }, { now: NOW });
      expect(result.kind).toBe('bytes');
    }
  });
});
