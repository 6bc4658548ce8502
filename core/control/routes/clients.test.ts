// The Clients panel's routes over the real HTTP stack of a demo app, against a temporary home folder
// (WSMCP_CLIENTS_HOME): what a connect would change, the write itself, refusals with their codes, copies,
// the disconnect. Every answer is held to its schema. The .mcpb download is packed from the built bridge,
// so e2e/ui/clients.spec.ts (against the built app) downloads it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  copyResponseSchema,
  listClientsResponseSchema,
  previewResponseSchema,
  removeResponseSchema,
  writeResponseSchema,
} from '../../../shared/api/clients.js';
import { apiErrorSchema } from '../../../shared/api/errors.js';
import { openApiConnectionSchema } from '../../../shared/api/openapi.js';
import { tokenListSchema } from '../../../shared/api/tokens.js';
import { call, serveDemo, sessionCookie, type Answer, type ServedApp } from '../testing/control-client.js';

let served: ServedApp;
let cookie: string;
let cursorFile: string;
const post = (path: string, body: unknown) => call(served.origin, 'POST', path, { cookie, body });
const get = (path: string) => call(served.origin, 'GET', path, { cookie });

function valid<S extends z.ZodType>(schema: S, answer: Answer): z.output<S> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return schema.parse(answer.body);
}

function refused(answer: Answer, status: number, code: string): string {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const body = apiErrorSchema.parse(answer.body);
  expect(body.code).toBe(code);
  return body.message;
}

const tokenNames = async () => valid(tokenListSchema, await get('/tokens')).tokens.map((t) => t.name);
const state = async (id: string) =>
  valid(listClientsResponseSchema, await get('/clients')).clients.find((c) => c.id === id)!;
const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

beforeAll(async () => {
  served = await serveDemo();
  cookie = await sessionCookie(served.endpoints.uiUrl);
  cursorFile = join(served.clientsHome, '.cursor', 'mcp.json');
}, 60_000);
afterAll(() => served?.stop());

describe('connecting a client from the app', () => {
  it('lists every client under the given home, none connected', async () => {
    const { clients } = valid(listClientsResponseSchema, await get('/clients'));
    expect(clients.map((c) => c.id)).toContain('claude-desktop');
    expect(clients.find((c) => c.id === 'cursor')).toMatchObject({
      installed: false,
      state: 'not-connected',
      configPath: cursorFile,
    });
  });

  it('previews as a diff without making a token, then writes what it showed', async () => {
    write(cursorFile, '{\n  // mine\n  "mcpServers": { "other": { "url": "http://x" } }\n}\n');
    const preview = valid(previewResponseSchema, await post('/clients/preview', { client: 'cursor' }));
    expect(preview).toMatchObject({ change: 'update', token: 'new', path: cursorFile });
    expect(preview.diff).toContain('+    "worksection"');
    expect(await tokenNames()).not.toContain('Cursor');

    const body = { client: 'cursor', baseHash: preview.baseHash };
    const done = valid(writeResponseSchema, await post('/clients/connect', body));
    expect(done).toMatchObject({ change: 'update', tokenName: 'Cursor' });
    const text = readFileSync(cursorFile, 'utf8');
    expect(text).toContain('// mine');
    expect(text).toContain(`"url": "${served.endpoints.mcpUrl}"`);
    expect(await tokenNames()).toContain('Cursor');
    expect((await state('cursor')).state).toBe('connected');

    const again = valid(writeResponseSchema, await post('/clients/connect', { client: 'cursor' }));
    expect(again.change).toBe('none');
    refused(await post('/clients/connect', body), 409, 'changed');
  });

  it("refuses someone else's entry and an unparsable file with the way out, and writes over the first when told", async () => {
    const windsurf = (await state('windsurf')).configPath;
    write(windsurf, JSON.stringify({ mcpServers: { worksection: { command: 'their-own' } } }));
    const preview = valid(previewResponseSchema, await post('/clients/preview', { client: 'windsurf' }));
    expect(preview.blocked?.reason).toBe('user-entry');
    expect(refused(await post('/clients/connect', { client: 'windsurf' }), 409, 'blocked')).toContain(
      'did not write',
    );
    valid(writeResponseSchema, await post('/clients/connect', { client: 'windsurf', force: true }));
    expect((await state('windsurf')).state).toBe('connected');

    const gemini = (await state('gemini-cli')).configPath;
    write(gemini, '{ not json');
    expect(await state('gemini-cli')).toMatchObject({ state: 'unreadable' });
    expect(refused(await post('/clients/connect', { client: 'gemini-cli' }), 409, 'blocked')).toContain(
      'Fix or delete it',
    );
    expect(readFileSync(gemini, 'utf8')).toBe('{ not json');
  });

  it('answers 423 while another writer holds the file', async () => {
    const codex = (await state('codex')).configPath;
    write(`${codex}.wsmcp-lock`, `${process.pid} ${Date.now()}`);
    try {
      refused(await post('/clients/connect', { client: 'codex' }), 423, 'locked');
    } finally {
      rmSync(`${codex}.wsmcp-lock`);
    }
  });

  it('copies the Claude Desktop entry with a token of its own, and refuses what a client does not have', async () => {
    const copy = valid(
      copyResponseSchema,
      await post('/clients/copy', { client: 'claude-desktop', kind: 'config' }),
    );
    const entry = (JSON.parse(copy.text) as { mcpServers: Record<string, { command: string; env: object }> })
      .mcpServers.worksection!;
    expect(entry.command).toBe(process.execPath);
    expect(entry.env).toHaveProperty('WSMCP_TOKEN');
    expect(await tokenNames()).toContain('Claude Desktop');
    refused(await post('/clients/copy', { client: 'codex', kind: 'link' }), 404, 'not-available');
    refused(await post('/clients/copy', { client: 'netscape', kind: 'config' }), 404, 'unknown-client');
    refused(await post('/clients/copy', { client: 'Cursor!', kind: 'config' }), 400, 'bad_request');
  });

  it('disconnects: our entry and its token go, the other servers stay', async () => {
    const removed = valid(removeResponseSchema, await post('/clients/disconnect', { client: 'cursor' }));
    expect(removed).toMatchObject({ change: 'remove', tokenRevoked: true });
    const text = readFileSync(cursorFile, 'utf8');
    expect(text).toContain('"other"');
    expect(text).not.toContain('worksection');
    expect(await tokenNames()).not.toContain('Cursor');
  });
});

describe('the OpenAPI entry', () => {
  const origin = () => new URL(served.endpoints.mcpUrl).origin;

  it('says where OpenAPI clients connect, without making a token', async () => {
    const entry = valid(openApiConnectionSchema, await get('/clients/openapi'));
    expect(entry).toMatchObject({
      baseUrl: origin(),
      specUrl: `${origin()}/openapi.json`,
      docsUrl: `${origin()}/docs`,
      tokenName: 'OpenAPI',
    });
    expect(entry.token).toBeUndefined();
    expect(entry.steps.join('\n')).toContain('Open WebUI');
    expect(await tokenNames()).not.toContain('OpenAPI');
  });

  it('makes a token of the scope asked that the REST routes take, and a second one replaces it', async () => {
    const first = valid(openApiConnectionSchema, await post('/clients/openapi/token', { scope: 'read' }));
    expect(first.scope).toBe('read');
    const callWith = (token: string | undefined, tool: string) =>
      fetch(`${origin()}/tools/${tool}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await callWith(first.token, 'list_tags')).status).toBe(200);
    expect((await callWith(first.token, 'create_task')).status).toBe(403);
    const second = valid(openApiConnectionSchema, await post('/clients/openapi/token', {}));
    expect(second.scope).toBe('write');
    expect(second.token).not.toBe(first.token);
    expect((await callWith(first.token, 'list_tags')).status).toBe(401);
    expect((await callWith(second.token, 'list_tags')).status).toBe(200);
    expect((await tokenNames()).filter((n) => n === 'OpenAPI')).toHaveLength(1);
    refused(await post('/clients/openapi/token', { scope: 'admin' }), 400, 'bad_request');
  });
});
