// Every example answer in Worksection's Postman collections must parse with our schemas, and the schemas
// must stay strict: a wrong id kind, a wrong format or an unknown key is an error, not a pass.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ACTION_NAMES, isActionName } from './actions.js';
import {
  ACTION_RESPONSES,
  errorEnvelopeSchema,
  meSchema,
  oauthErrorSchema,
  resourceResponseSchema,
  tagSchema,
  taskBriefSchema,
  tokenResponseSchema,
  userSchema,
} from './schemas.js';
import type { JsonActionName } from './schemas.js';
import { loadPostmanCollection } from '../sandbox/testing/postman-collection.js';
import type { PostmanExample, PostmanRequest } from '../sandbox/testing/postman-collection.js';

const client = loadPostmanCollection('client');
const oauth = loadPostmanCollection('oauth');

/** One row per example, named "<folder>/<request>: <example> #n" so a failure says which one. */
function rows(requests: PostmanRequest[]) {
  return requests.flatMap((req) =>
    req.examples.map((ex, i) => ({
      title: `${req.folder ? `${req.folder}/` : ''}${req.name}: ${ex.name} #${i + 1}`,
      req,
      ex,
    })),
  );
}

function expectParses(schema: z.ZodType, body: unknown): void {
  const result = schema.safeParse(body);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 1)).toBe(true);
}

function statusOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>).status : undefined;
}

function responseSchemaFor(req: PostmanRequest, ex: PostmanExample): z.ZodType {
  const action = ex.action ?? req.action ?? '';
  if (!isActionName(action) || action === 'download') throw new Error(`no JSON action: ${action}`);
  return ACTION_RESPONSES[action];
}

describe('client API collection examples', () => {
  it.each(rows(client))('$title', ({ req, ex }) => {
    expect(ex.httpCode).toBe(200);
    if (!ex.isJson) {
      // Only download answers bytes.
      expect(req.action).toBe('download');
      expect(ex.contentType).toBe('application/x-download');
      return;
    }
    const status = statusOf(ex.body);
    if (status === 'error') {
      expectParses(errorEnvelopeSchema, ex.body);
      // Every documented business error has a code; only undocumented ones may lack it.
      expect(errorEnvelopeSchema.parse(ex.body).status_code).toBeTypeOf('number');
    } else {
      expect(status).toBe('ok');
      expectParses(responseSchemaFor(req, ex), ex.body);
    }
  });
});

describe('OAuth collection examples', () => {
  it.each(rows(oauth))('$title', ({ req, ex }) => {
    expect(ex.isJson).toBe(true);
    const body = ex.body as Record<string, unknown>;
    if ('error' in body) expectParses(oauthErrorSchema, body);
    else if (req.path === '/oauth2/resource') expectParses(resourceResponseSchema, body);
    else {
      expect(['/oauth2/token', '/oauth2/refresh']).toContain(req.path);
      expectParses(tokenResponseSchema, body);
    }
  });

  it('has examples for token, refresh and resource', () => {
    const withExamples = oauth.filter((r) => r.examples.length > 0).map((r) => r.path);
    expect(withExamples.sort()).toEqual(['/oauth2/refresh', '/oauth2/resource', '/oauth2/token']);
  });
});

describe('action coverage', () => {
  it('the collection names exactly the catalogued actions', () => {
    // The request add_project_groups has add_project_group examples; the catalogue keeps both names.
    const named = new Set<string>();
    for (const req of client) {
      if (req.action) named.add(req.action);
      for (const ex of req.examples) if (ex.action) named.add(ex.action);
    }
    expect([...named].sort()).toEqual([...ACTION_NAMES].sort());
  });

  it('ACTION_RESPONSES covers every action but download', () => {
    const json = ACTION_NAMES.filter((a): a is JsonActionName => a !== 'download');
    expect(Object.keys(ACTION_RESPONSES).sort()).toEqual(json.sort());
  });
});

describe('strictness', () => {
  const user = {
    id: '3993',
    first_name: 'Henry',
    last_name: 'Gardner',
    name: 'Henry Gardner',
    title: 'developer',
    rate: 25,
    avatar: 'https://acc1234.worksection.com/images/user/0m.gif',
    group: 'Development',
    department: 'Dev team',
    role: 'Owner',
    email: 'henry.gardner@ws.com',
  };
  const ref = { id: '3993', email: 'henry.gardner@ws.com', name: 'Henry Gardner' };
  const brief = {
    id: '330142',
    name: 'Workflow revision',
    page: '/project/6622/330142/',
    status: 'done',
    priority: '1',
    user_from: ref,
    user_to: { id: '1', email: 'NOONE', name: "Executive isn't assigned" },
    project: { id: '6622', name: 'Performance improvement', page: '/project/6622/' },
    date_added: '2021-01-01 11:00',
  };

  it('accepts the base records', () => {
    expectParses(userSchema, user);
    expectParses(taskBriefSchema, brief);
  });

  it('rejects an unknown key, also nested and through omit/pick/extend', () => {
    expect(userSchema.safeParse({ ...user, nickname: 'H' }).success).toBe(false);
    expect(taskBriefSchema.safeParse({ ...brief, user_from: { ...ref, avatar: 'x' } }).success).toBe(false);
    expect(meSchema.safeParse(user).success).toBe(false); // me has no rate
    expect(taskBriefSchema.safeParse({ ...brief, text: 'extra part' }).success).toBe(false);
  });

  it('rejects a number id where the API sends a string, and a string where it sends an int', () => {
    expect(userSchema.safeParse({ ...user, id: 3993 }).success).toBe(false);
    expect(taskBriefSchema.safeParse({ ...brief, project: { ...brief.project, id: 6622 } }).success).toBe(
      false,
    );
    const group = { title: 'Basic workflow', id: 100, id_group: '1', type: 'status', access: 'public' };
    expectParses(tagSchema, { title: 'To-do', id: 72565, group });
    expect(tagSchema.safeParse({ title: 'To-do', id: '72565', group }).success).toBe(false);
  });

  it('rejects wrong date, time, priority and page formats', () => {
    for (const bad of [
      { date_added: '2021-01-01T11:00' },
      { date_added: '01.01.2021 11:00' },
      { date_start: '01.01.2021' },
      { time_end: '8:00' },
      { priority: '11' },
      { priority: 1 },
      { page: '/project/6622/' },
    ]) {
      expect(taskBriefSchema.safeParse({ ...brief, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps get_task children slim and list children full', () => {
    const full = { ...brief, page: '/project/6622/330142/330150/', id: '330150' };
    const task = { ...brief, child: [full] };
    expectParses(ACTION_RESPONSES.get_tasks, { status: 'ok', data: [task] });
    expect(ACTION_RESPONSES.get_task.safeParse({ status: 'ok', data: task }).success).toBe(false);
    const { id, name, page, status, priority } = full;
    const slim = { ...brief, child: [{ id, name, page, status, priority }] };
    expectParses(ACTION_RESPONSES.get_task, { status: 'ok', data: slim });
  });

  it('rejects a mixed envelope and an error without a message', () => {
    expect(ACTION_RESPONSES.subscribe.safeParse({ status: 'ok', data: [] }).success).toBe(false);
    expect(errorEnvelopeSchema.safeParse({ status: 'error', status_code: 4 }).success).toBe(false);
    expect(errorEnvelopeSchema.safeParse({ status: 'ok', message: 'x' }).success).toBe(false);
  });

  it('accepts get_my_timer with no timer running only as an empty data array', () => {
    expectParses(ACTION_RESPONSES.get_my_timer, { status: 'ok', data: [] });
    expect(ACTION_RESPONSES.get_my_timer.safeParse({ status: 'ok' }).success).toBe(false);
    expect(ACTION_RESPONSES.get_my_timer.safeParse({ status: 'ok', data: [{}] }).success).toBe(false);
  });
});
