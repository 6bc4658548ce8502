// The OpenAPI routes over real HTTP on 127.0.0.1, with two tiny tools (one read, one write): tokens and
// scopes, the Host/Origin guard and CORS, errors as HTTP status with {error, hint}, the document following
// the tool settings live, and call-log rows marked as OpenAPI (a real call log in SQLite).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../store/db.js';
import { createCallLog, type CallLog } from '../../../store/call-log.js';
import { createMemoryToolSettings, type ToolSettingsState } from '../../inventory/tool-settings.js';
import { HTTP_TOOLS } from '../../testing/fixture-tools.js';
import { rawRequest } from '../../testing/http-endpoint.js';
import { createMcpServer, type McpServer } from '../../server/server.js';
import { stubContextFor } from '../../testing/stub-context.js';
import { startOpenApiEndpoint, type OpenApiEndpoint } from './testing/openapi-endpoint.js';

const OPEN_WEBUI = 'http://localhost:3000';

type Doc = { paths: Record<string, unknown> };
const operations = (doc: unknown) => Object.keys((doc as Doc).paths).sort();

let db: Db;
let log: CallLog;
let toolSettings: ToolSettingsState;
let mcp: McpServer;
let api: OpenApiEndpoint;

beforeAll(async () => {
  db = openDatabase(':memory:');
  log = createCallLog(db);
  toolSettings = createMemoryToolSettings();
  mcp = createMcpServer({
    tools: HTTP_TOOLS,
    contextFor: stubContextFor,
    toolSettings,
    observe: (r) => log.record({ ...r, client: r.caller }),
  });
  api = await startOpenApiEndpoint(mcp, { corsOrigins: [OPEN_WEBUI] });
});
afterAll(async () => {
  await api.close();
  await mcp.close();
  log.close();
  db.close();
});
afterEach(() => toolSettings.update({ disabledTools: [], readOnly: false }));

const doc = async (token?: string) => {
  const res = await fetch(`${api.http.origin}/openapi.json`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  expect(res.status).toBe(200);
  return (await res.json()) as unknown;
};

describe('POST /tools/<name>', () => {
  it("answers the tool's structured answer and logs the call as OpenAPI", async () => {
    const res = await api.call('get_echo', { text: 'hi' });
    expect(res).toEqual({ status: 200, body: { text: 'hi', caller: 'rest-writer' } });
    log.flush();
    const [row] = log.query({ limit: 1 }).rows;
    expect(row).toMatchObject({ method: 'openapi', target: 'get_echo', client: 'rest-writer', status: 'ok' });
    expect(row?.args).toBe('{"text":"hi"}');
  });

  it('refuses a write with a read token: 403 with a hint, nothing run, nothing logged', async () => {
    const before = log.summary().calls;
    const res = await rawRequest(`${api.http.origin}/tools/create_note`, {
      headers: {
        Authorization: `Bearer ${api.readToken}`,
        'Content-Type': 'application/json',
        Host: new URL(api.http.origin).host,
      },
      body: '{"text":"x"}',
    });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toMatch(/insufficient_scope/);
    expect(JSON.parse(res.body)).toEqual({
      error: expect.stringMatching(/"rest-reader" has read scope.*create_note/),
      hint: expect.stringMatching(/write token/),
    });
    log.flush();
    expect(log.summary().calls).toBe(before);
  });

  it('answers 401 without a token or with a revoked one', async () => {
    const none = await fetch(`${api.http.origin}/tools/get_echo`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({
      error: expect.any(String),
      hint: expect.stringMatching(/wsmcp/),
    });
    const { token } = api.tokens.create('gone', 'write');
    api.tokens.revoke('gone');
    expect((await api.call('get_echo', { text: 'x' }, token)).status).toBe(401);
  });

  it('turns bad arguments into 400 {error, hint}, as tools/call words them', async () => {
    const res = await api.call('get_echo', { text: 1, extra: true });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: expect.stringMatching(/^Invalid arguments for get_echo: `extra` is not an argument/),
      hint: expect.stringMatching(/get_echo takes: text/),
    });
    const notJson = await fetch(`${api.http.origin}/tools/get_echo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.writeToken}` },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
  });

  it('answers 404 for an unknown tool and 405 for another method', async () => {
    expect(await api.call('no_such_tool')).toEqual({
      status: 404,
      body: { error: 'No tool is named no_such_tool.', hint: 'GET /openapi.json lists the tools.' },
    });
    const get = await fetch(`${api.http.origin}/tools/get_echo`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('follows the tool settings: a switched-off tool is 403 with the reason, and logged', async () => {
    toolSettings.update({ disabledTools: ['get_echo'] });
    const res = await api.call('get_echo', { text: 'x' });
    expect(res).toEqual({
      status: 403,
      body: { error: "get_echo is not available: it is switched off in the app's tool settings." },
    });
    log.flush();
    expect(log.query({ limit: 1 }).rows[0]).toMatchObject({ method: 'openapi', status: 'tool_error' });
    toolSettings.update({ disabledTools: [], readOnly: true });
    expect((await api.call('create_note', { text: 'x' })).status).toBe(403);
    expect((await api.call('get_echo', { text: 'x' })).status).toBe(200);
  });
});

describe('GET /openapi.json', () => {
  it('lists the tools the caller may use now, live', async () => {
    expect(operations(await doc())).toEqual(['/tools/create_note', '/tools/get_echo']);
    expect(operations(await doc(api.readToken))).toEqual(['/tools/get_echo']);
    toolSettings.update({ disabledTools: ['get_echo'] });
    expect(operations(await doc())).toEqual(['/tools/create_note']);
    toolSettings.update({ disabledTools: [], readOnly: true });
    expect(operations(await doc(api.writeToken))).toEqual(['/tools/get_echo']);
  });

  it('names the origin it was reached at as its server, and refuses a bad token', async () => {
    const localhost = api.http.origin.replace('127.0.0.1', 'localhost');
    const d = (await (await fetch(`${localhost}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(d.servers).toEqual([{ url: localhost }]);
    const bad = await fetch(`${api.http.origin}/openapi.json`, {
      headers: { Authorization: 'Bearer wsmcp_nope' },
    });
    expect(bad.status).toBe(401);
  });
});

describe('Host, Origin and CORS', () => {
  const host = () => new URL(api.http.origin).host;

  it('applies the /mcp Host rule: another name is 421', async () => {
    const res = await rawRequest(`${api.http.origin}/openapi.json`, {
      method: 'GET',
      headers: { Host: `evil.example:${api.http.port}` },
    });
    expect(res.status).toBe(421);
  });

  it('refuses pages of origins the user did not allow, with no CORS header', async () => {
    const res = await rawRequest(`${api.http.origin}/tools/get_echo`, {
      headers: { Host: host(), Origin: 'http://evil.example', Authorization: `Bearer ${api.writeToken}` },
      body: '{"text":"x"}',
    });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed origin preflight and call the OpenAPI routes, and nothing else', async () => {
    const preflight = await rawRequest(`${api.http.origin}/tools/get_echo`, {
      method: 'OPTIONS',
      headers: {
        Host: host(),
        Origin: OPEN_WEBUI,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(OPEN_WEBUI);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/i);
    const call = await rawRequest(`${api.http.origin}/tools/get_echo`, {
      headers: { Host: host(), Origin: OPEN_WEBUI, Authorization: `Bearer ${api.writeToken}` },
      body: '{"text":"x"}',
    });
    expect(call.status).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBe(OPEN_WEBUI);
    const mcpFromThere = await rawRequest(`${api.http.origin}/mcp`, {
      headers: { Host: host(), Origin: OPEN_WEBUI, Authorization: `Bearer ${api.writeToken}` },
      body: '{}',
    });
    expect(mcpFromThere.status).toBe(403);
    expect(mcpFromThere.headers['access-control-allow-origin']).toBeUndefined();
  });
});
