// Files, webhooks (with a real hook server on loopback) and get_events.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_RESPONSES } from '../../worksection/schemas.js';
import type { SandboxData } from '../model.js';
import { NOW, buildFixture, call, run } from '../testing/fixture.js';
import type { Json } from '../testing/fixture.js';

let data: SandboxData;
beforeEach(() => {
  data = buildFixture();
});

describe('files', () => {
  it('get_files covers a task with its comments, or a project without its tasks', async () => {
    const task = await call(data, 'get_files', { id_task: '330090' });
    expect(ACTION_RESPONSES.get_files.safeParse(task).success).toBe(true);
    expect(task.data.map((f: Json) => f.id)).toEqual(['17350', '17354', '17362']);
    const project = await call(data, 'get_files', { id_project: '8562' });
    expect(project.data).toEqual([]);
    expect(await call(data, 'get_files', {})).toMatchObject({
      status_code: 10,
      message_details: 'id_project',
    });
  });

  it('download answers stored bytes with an nginx-style ETag, else a JSON error', async () => {
    const result = await run(data, 'download', { id_file: '18026' });
    expect(result).toMatchObject({
      kind: 'bytes',
      contentType: 'application/x-download',
      filename: 'worksection.txt',
    });
    if (result.kind !== 'bytes') throw new Error('expected bytes');
    expect(new TextDecoder().decode(result.body)).toMatch(/^Txt file/);
    expect(result.etag).toBe(
      `"${(Date.UTC(2021, 0, 5, 17) / 1000).toString(16)}-${result.body.length.toString(16)}"`,
    );
    expect(await call(data, 'download', { id_file: '17291' })).toEqual({
      status: 'error',
      status_code: 4,
      message: 'File not found',
    });
  });

  it('download renders generated files that have no stored bytes', async () => {
    const result = await run(data, 'download', { id_file: '17362' });
    expect(result.kind).toBe('bytes');
    if (result.kind === 'bytes') expect([...result.body.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });
});

describe('webhooks', () => {
  const seen: Array<{ path: string; auth?: string }> = [];
  let base = '';
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization });
    const reply: Record<string, [number, string]> = {
      '/ok': [200, '{"status":"OK"}'],
      '/lower': [200, '{"status":"ok"}'],
      '/text': [200, 'OK'],
      '/wrong': [200, '{"status":"error"}'],
    };
    const [code, body] = reply[req.url ?? ''] ?? [404, '{}'];
    res.writeHead(code, { 'content-type': 'application/json' }).end(body);
  });
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('add_webhook test-calls the URL with basic auth and stores the hook', async () => {
    const body = await call(data, 'add_webhook', {
      url: `${base}/ok`,
      events: 'post_task, close_task, bogus',
      projects: '8562, 6622',
      http_user: 'u',
      http_pass: 'p',
    });
    expect(body).toEqual({ status: 'ok', id: expect.any(Number) });
    expect(seen.at(-1)).toEqual({ path: '/ok', auth: `Basic ${Buffer.from('u:p').toString('base64')}` });
    const hooks = await call(data, 'get_webhooks');
    expect(ACTION_RESPONSES.get_webhooks.safeParse(hooks).success).toBe(true);
    expect(hooks.data.at(-1)).toEqual({
      id: String(body.id),
      url: `${base}/ok`,
      events: 'post_task,close_task',
      status: 'active',
      projects: '8562,6622',
    });
    expect(hooks.data[1]).not.toHaveProperty('projects');
  });

  it.each(['/missing', '/text', '/wrong', 'ftp://127.0.0.1/x'])('refuses a hook at %s', async (path) => {
    const url = path.startsWith('/') ? `${base}${path}` : path;
    expect(await call(data, 'add_webhook', { url, events: '' })).toEqual({
      status: 'error',
      status_code: 11,
      message: 'Url should respond 200 HTTP_CODE and JSON {status:OK}',
      message_details: url,
    });
  });

  it('reads events after the URL test, and accepts a lower-case ok', async () => {
    expect(await call(data, 'add_webhook', { url: `${base}/lower`, events: 'nope' })).toMatchObject({
      status_code: 10,
      message_details: 'events',
    });
    expect(await call(data, 'add_webhook', { events: 'post_task' })).toMatchObject({
      status_code: 10,
      message_details: 'url',
    });
  });

  it('delete_webhook removes a hook once', async () => {
    expect(await call(data, 'delete_webhook', { id: '123' })).toEqual({ status: 'ok' });
    expect(await call(data, 'delete_webhook', { id: '123' })).toEqual({
      status: 'error',
      status_code: 10,
      message: 'WebHook not found',
    });
  });
});

describe('get_events', () => {
  it.each([
    ['1m', true],
    ['360m', true],
    ['72h', true],
    ['30d', true],
    ['0m', false],
    ['361m', false],
    ['73h', false],
    ['31d', false],
    ['6 h', false],
    ['', false],
  ])('period=%j valid: %s', async (period, valid) => {
    const body = await call(data, 'get_events', { period });
    if (valid) expect(ACTION_RESPONSES.get_events.safeParse(body).success).toBe(true);
    else
      expect(body).toEqual({
        status: 'error',
        status_code: 10,
        message: 'Field is required',
        message_details: 'period',
      });
  });

  it('looks back over the period, oldest first, optionally within a project', async () => {
    const six = (await call(data, 'get_events', { period: '6h' })).data;
    expect(six.map((e: Json) => `${e.action} ${e.object.type} ${e.object.id}`)).toEqual([
      'post project 8506',
      'post comment 19086',
      'close task 330142',
    ]);
    expect(six[2]).not.toHaveProperty('new');
    expect(six.every((e: Json) => !('project' in e))).toBe(true);
    expect((await call(data, 'get_events', { period: '3d' })).data).toHaveLength(4);
    expect((await call(data, 'get_events', { period: '3d', id_project: '6622' })).data).toHaveLength(3);
    expect(await call(data, 'get_events', { period: '3d', id_project: '1' })).toMatchObject({
      status_code: 4,
    });
  });

  it('sees writes made through the actions', async () => {
    await call(data, 'post_task', { id_project: '8482', title: 'New' });
    await call(data, 'post_comment', { id_task: '330090', text: 'Hi' });
    const recent = (await call(data, 'get_events', { period: '1m' }, { now: NOW + 1000 })).data;
    expect(recent.map((e: Json) => `${e.action} ${e.object.type}`)).toEqual(['post task', 'post comment']);
    expect(recent[1].new).toEqual({ text: 'Hi' });
  });
});
