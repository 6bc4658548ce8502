// The control API over the real HTTP stack of a demo app: its guards (session, Host/Origin, CSRF, body
// cap), its refusals in the schema's own words, and every answer and event checked against its schema.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountViewSchema } from '../../shared/api/account.js';
import { cacheViewSchema } from '../../shared/api/cache.js';
import { apiErrorSchema } from '../../shared/api/errors.js';
import { eventSchemas } from '../../shared/api/events.js';
import { logFacetsSchema, logPageSchema } from '../../shared/api/logs.js';
import { overviewSchema, serverStateSchema } from '../../shared/api/server.js';
import { sessionInfoSchema } from '../../shared/api/session.js';
import { settingsViewSchema } from '../../shared/api/settings.js';
import { createdTokenSchema, tokenListSchema } from '../../shared/api/tokens.js';
import { toolsViewSchema } from '../../shared/api/tools.js';
import { changesViewSchema, undoResultSchema } from '../../shared/api/changes.js';
import { CONTENT_SECURITY_POLICY } from './static.js';
import {
  call,
  getWithHost,
  readEvents,
  serveDemo,
  sessionCookie,
  type Answer,
  type ServedApp,
} from './testing/control-client.js';

let served: ServedApp;
let cookie: string;
const get = (path: string, opts = {}) => call(served.origin, 'GET', path, { cookie, ...opts });

function valid<S extends z.ZodType>(schema: S, answer: Answer, status = 200): z.output<S> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return schema.parse(answer.body);
}

function refused(answer: Answer, status: number, code: string): string {
  expect(answer.status).toBe(status);
  const body = apiErrorSchema.parse(answer.body);
  expect(body.code).toBe(code);
  return body.message;
}

beforeAll(async () => {
  served = await serveDemo();
  cookie = await sessionCookie(served.endpoints.uiUrl);
}, 60_000);
afterAll(() => served?.stop());

describe('the UI session', () => {
  it('refuses every API request without a session, with how to get one', async () => {
    for (const path of ['/session', '/overview', '/tokens', '/logs']) {
      expect(refused(await get(path, { cookie: undefined }), 401, 'unauthorized')).toContain('wsmcp open');
    }
    refused(await get('/overview', { cookie: 'wsmcp_ui_1=forged' }), 401, 'unauthorized');
  });

  it('opens once per code; a code minted later (wsmcp open, the desktop shell) opens its own session', async () => {
    const again = await fetch(served.endpoints.uiUrl, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    const fresh = served.app.newUiUrl();
    expect(fresh).toBeDefined();
    const second = await sessionCookie(fresh!);
    expect(second).not.toBe(cookie);
    valid(sessionInfoSchema, await get('/session', { cookie: second }));
    expect((await fetch(fresh!, { redirect: 'manual' })).status).toBe(403);
  });
});

describe('the guards', () => {
  it('refuses a foreign Origin and a page of another site with 403, another Host name with 421', async () => {
    const port = new URL(served.origin).port;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port) + 1}`, 'null']) {
      refused(await get('/overview', { headers: { origin } }), 403, 'forbidden');
    }
    refused(await get('/overview', { headers: { 'sec-fetch-site': 'same-site' } }), 403, 'forbidden');
    // A DNS-rebinding page reaches us under its own name: the port's guard answers 421 in the API's shape.
    expect(await getWithHost(served.origin, '/overview', `evil.example:${port}`, cookie)).toBe(421);
    expect(await getWithHost(served.origin, '/overview', `localhost:${port}`, cookie)).toBe(200);
    valid(
      overviewSchema,
      await get('/overview', { headers: { origin: served.origin, 'sec-fetch-site': 'same-origin' } }),
    );
  });

  it('refuses a change without the CSRF header, and nothing changes', async () => {
    const before = valid(tokenListSchema, await get('/tokens')).tokens.length;
    const answer = await call(served.origin, 'POST', '/tokens', {
      cookie,
      csrf: false,
      body: { name: 'sneaky', scope: 'write' },
    });
    expect(refused(answer, 403, 'forbidden')).toContain('x-wsmcp-ui');
    expect(valid(tokenListSchema, await get('/tokens')).tokens.length).toBe(before);
    refused(
      await call(served.origin, 'PUT', '/server', { cookie, csrf: false, body: { running: false } }),
      403,
      'forbidden',
    );
    expect(valid(serverStateSchema, await get('/server')).running).toBe(true);
  });

  it("refuses an invalid body with 400 and the schema's message", async () => {
    const post = (path: string, body: unknown) => call(served.origin, 'POST', path, { cookie, body });
    expect(refused(await post('/tokens', { name: '  ', scope: 'write' }), 400, 'bad_request')).toBe(
      'name: give the client a name',
    );
    expect(refused(await post('/tokens', { name: 'x', scope: 'admin' }), 400, 'bad_request')).toMatch(
      /^scope: /,
    );
    expect(
      refused(await call(served.origin, 'PATCH', '/tools', { cookie, body: {} }), 400, 'bad_request'),
    ).toBe('change exactly one of toolset, tool, readOnly or writePolicy');
    expect(
      refused(
        await call(served.origin, 'PATCH', '/settings', { cookie, body: { values: { port: 70000 } } }),
        400,
        'bad_request',
      ),
    ).toBe('port must be a whole number from 0 to 65535');
    expect(
      refused(await call(served.origin, 'POST', '/tokens', { cookie, raw: '{"name":' }), 400, 'bad_request'),
    ).toBe('The body must be JSON.');
    refused(await get('/logs?limit=5000'), 400, 'bad_request');
    refused(await get('/nothing-here'), 404, 'not_found');
  });

  it('caps request bodies', async () => {
    const answer = await call(served.origin, 'PATCH', '/settings', {
      cookie,
      raw: JSON.stringify({ values: { timeZone: 'x'.repeat(70_000) } }),
    });
    refused(answer, 413, 'too_large');
  });
});

describe('answers and events match their schemas', () => {
  it('reads every panel', async () => {
    valid(sessionInfoSchema, await get('/session'));
    const overview = valid(overviewSchema, await get('/overview'));
    expect(overview.server.mcpUrl).toBe(served.endpoints.mcpUrl);
    expect(overview.account.state).toBe('signed_in');
    valid(accountViewSchema, await get('/account'));
    valid(toolsViewSchema, await get('/tools'));
    valid(cacheViewSchema, await get('/cache'));
    valid(logPageSchema, await get('/logs?limit=10'));
    valid(logFacetsSchema, await get('/logs/facets'));
    valid(settingsViewSchema, await get('/settings'));
    valid(changesViewSchema, await get('/changes'));
  });

  it('creates and revokes tokens, switches tools, stops and starts the server, saves settings', async () => {
    const created = valid(
      createdTokenSchema,
      await call(served.origin, 'POST', '/tokens', { cookie, body: { name: 'schema-check', scope: 'read' } }),
      201,
    );
    expect(created.info).toMatchObject({ name: 'schema-check', scope: 'read', lastUsedAt: null });
    expect(
      refused(
        await call(served.origin, 'POST', '/tokens', {
          cookie,
          body: { name: 'schema-check', scope: 'read' },
        }),
        400,
        'bad_request',
      ),
    ).toContain('already exists');
    valid(tokenListSchema, await call(served.origin, 'DELETE', '/tokens/schema-check', { cookie }));
    refused(await call(served.origin, 'DELETE', '/tokens/schema-check', { cookie }), 404, 'not_found');

    const off = valid(
      toolsViewSchema,
      await call(served.origin, 'PATCH', '/tools', { cookie, body: { toolset: 'time', enabled: false } }),
    );
    expect(off.toolsets.find((s) => s.name === 'time')?.enabled).toBe(false);
    expect(off.enabledCount).toBeLessThan(off.totalCount);
    valid(
      toolsViewSchema,
      await call(served.origin, 'PATCH', '/tools', { cookie, body: { toolset: 'time', enabled: true } }),
    );
    refused(
      await call(served.origin, 'PATCH', '/tools', {
        cookie,
        body: { tool: 'no_such_tool', enabled: false },
      }),
      404,
      'not_found',
    );

    expect(
      valid(
        serverStateSchema,
        await call(served.origin, 'PUT', '/server', { cookie, body: { running: false } }),
      ).running,
    ).toBe(false);
    expect(
      valid(
        serverStateSchema,
        await call(served.origin, 'PUT', '/server', { cookie, body: { running: true } }),
      ).running,
    ).toBe(true);

    const saved = valid(
      settingsViewSchema,
      await call(served.origin, 'PATCH', '/settings', {
        cookie,
        body: { values: { 'callLog.retentionDays': 7 } },
      }),
    );
    const retention = saved.settings.find((s) => s.key === 'callLog.retentionDays');
    expect(retention).toMatchObject({ value: 30, saved: 7, restartNeeded: true });
    const overview = valid(overviewSchema, await get('/overview'));
    expect(overview.attention.map((a) => a.kind)).toContain('restart_needed');
  });

  it('pushes call rows, tool changes and server state as typed events', async () => {
    const events = await readEvents(served.origin, cookie);
    try {
      await events.next('hello');
      const client = new Client({ name: 'control-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(served.endpoints.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${served.endpoints.demo!.token}` } },
        }),
      );
      await client.callTool({ name: 'list_tags', arguments: {} });
      await client.close();
      const row = eventSchemas.call.parse(await events.next('call'));
      expect(row).toMatchObject({ client: 'demo', target: 'list_tags', status: 'ok' });

      await call(served.origin, 'PATCH', '/tools', { cookie, body: { readOnly: true } });
      expect(eventSchemas.tools.parse(await events.next('tools')).readOnly).toBe(true);
      await call(served.origin, 'PATCH', '/tools', { cookie, body: { readOnly: false } });
      expect(eventSchemas.tools.parse(await events.next('tools')).readOnly).toBe(false);

      await call(served.origin, 'PUT', '/server', { cookie, body: { running: false } });
      expect(eventSchemas.server.parse(await events.next('server')).running).toBe(false);
      await call(served.origin, 'PUT', '/server', { cookie, body: { running: true } });
      expect(eventSchemas.server.parse(await events.next('server')).running).toBe(true);
      eventSchemas.stats.parse(await events.next('stats', 3_000));
    } finally {
      events.close();
    }
  });

  it('exports the filtered log as CSV and JSON Lines downloads', async () => {
    const csv = await fetch(`${served.origin}/api/logs/export?format=csv&tool=list_tags`, {
      headers: { cookie },
    });
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="wsmcp-calls-.*\.csv"$/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,time,client/);
    expect(lines.slice(1).every((l) => l.includes(',list_tags,'))).toBe(true);
    const jsonl = await fetch(`${served.origin}/api/logs/export?format=jsonl`, { headers: { cookie } });
    for (const line of (await jsonl.text()).trim().split('\n')) eventSchemas.call.parse(JSON.parse(line));
  });
});

describe('the write policy and the change journal', () => {
  it('sets the write policy and answers an Undo of an unknown change with its reason', async () => {
    const strict = valid(
      toolsViewSchema,
      await call(served.origin, 'PATCH', '/tools', { cookie, body: { writePolicy: 'confirm_all' } }),
    );
    expect(strict).toMatchObject({ writePolicy: 'confirm_all', writePolicyLocked: null });
    valid(
      toolsViewSchema,
      await call(served.origin, 'PATCH', '/tools', { cookie, body: { writePolicy: 'confirm_destructive' } }),
    );
    const undo = valid(
      undoResultSchema,
      await call(served.origin, 'POST', '/changes/999999/undo', { cookie }),
    );
    expect(undo).toMatchObject({ ok: false, message: expect.stringContaining('There is no change 999999') });
  });
});

describe('the pages', () => {
  it('are served with a strict CSP and nothing outside the renderer', async () => {
    const page = await fetch(`${served.origin}/`);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/assets/..%2F..%2Fpackage.json', '/assets/%2e%2e/index.html', '/package.json']) {
      expect((await fetch(`${served.origin}${path}`)).status, path).toBe(404);
    }
  });
});
