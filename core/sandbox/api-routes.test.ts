// The Client API pipeline over real HTTP: param merging, scope and token-kind checks, dispatch, answer
// rendering, token lifetimes and the rate limit. Handlers are replaced by echoes where a test needs to see
// what the HTTP layer passed on; the real handlers are exercised by postman-replay.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminUrl, body, clock, closeSandboxes, echoed as data, sandbox } from './testing/requests.js';

afterEach(closeSandboxes);

describe('sandbox API: params', () => {
  it('merges query, urlencoded form, JSON and multipart params; todo[] becomes an array', async () => {
    const sb = await sandbox();
    const { accessToken } = sb.issueTokens();
    const auth = { authorization: `Bearer ${accessToken}` };
    const base = `${sb.url}/api/oauth2?action=post_task&id_project=7&title=from-query`;

    const form = await fetch(base, {
      method: 'POST',
      headers: auth,
      body: new URLSearchParams([
        ['title', 'from-form'],
        ['todo[]', 'one'],
        ['todo[]', 'two'],
      ]),
    });
    expect((await data(form)).params).toEqual({
      action: 'post_task',
      id_project: '7',
      title: 'from-form',
      todo: ['one', 'two'],
    });

    const json = await fetch(base, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'from-json', todo: ['x'], max_time: 5 }),
    });
    expect((await data(json)).params).toEqual({
      action: 'post_task',
      id_project: '7',
      title: 'from-json',
      todo: ['x'],
      max_time: '5',
    });

    const multipart = new FormData();
    multipart.append('title', 'from-multipart');
    multipart.append('todo[]', 'a');
    multipart.append('attach[0]', new Blob(['hello']), 'hello.txt');
    multipart.append('attach[1]', new Blob(['Привіт']), 'звіт.txt');
    multipart.append('files[]', new Blob(['more']), 'more.txt');
    const mp = await data(await fetch(base, { method: 'POST', headers: auth, body: multipart }));
    expect(mp.params).toEqual({ action: 'post_task', id_project: '7', title: 'from-multipart', todo: ['a'] });
    expect(mp.uploads).toEqual([
      { field: 'attach[0]', name: 'hello.txt', text: 'hello' },
      { field: 'attach[1]', name: 'звіт.txt', text: 'Привіт' },
      { field: 'files[]', name: 'more.txt', text: 'more' },
    ]);
  });
});

describe('sandbox API: dispatch', () => {
  it('enforces the scope of each action for user tokens', async () => {
    const sb = await sandbox();
    const { accessToken } = sb.issueTokens({ scopes: ['tasks_read'] });
    const res = await fetch(`${sb.url}/api/oauth2?action=get_projects`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      status: 'error',
      status_code: 3,
      message: 'Access denied',
      message_details: 'the access token was not granted the projects_read scope',
    });
    const full = sb.issueTokens({ scopes: ['projects_read'] });
    const ok = await fetch(`${sb.url}/api/oauth2?action=get_projects`, {
      headers: { authorization: `Bearer ${full.accessToken}` },
    });
    expect((await body(ok)).status).toBe('ok');
  });

  it('refuses user-only methods with the admin key and admin-only methods with a user token', async () => {
    const sb = await sandbox();
    const me = await body(await fetch(adminUrl(sb, [['action', 'me']])));
    expect(me).toMatchObject({
      status: 'error',
      status_code: 3,
      message: 'User method (only for access token)',
    });
    const { accessToken } = sb.issueTokens();
    const timers = await body(
      await fetch(`${sb.url}/api/oauth2?action=get_timers`, {
        headers: { authorization: `Bearer ${accessToken}` },
      }),
    );
    expect(timers).toMatchObject({
      status: 'error',
      status_code: 3,
      message: 'Admin method (only for admin token)',
    });
    expect((await body(await fetch(adminUrl(sb, [['action', 'get_timers']])))).status).toBe('ok');
  });

  it('answers a business error for an unknown or missing action', async () => {
    const sb = await sandbox();
    expect(await body(await fetch(adminUrl(sb, [['action', 'drop_everything']])))).toEqual({
      status: 'error',
      status_code: 1,
      message: 'Action is invalid',
      message_details: 'drop_everything',
    });
    expect(await body(await fetch(adminUrl(sb, [['id_project', '1']])))).toEqual({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: 'action',
    });
  });

  it('dispatches to the real handlers and answers their JSON envelope', async () => {
    const sb = await sandbox({ handlers: {} });
    const res = await fetch(adminUrl(sb, [['action', 'get_projects']]));
    expect(res.status).toBe(200);
    expect(['ok', 'error']).toContain((await body(res)).status);
  });

  it('serves downloads as bytes with an RFC 5987 file name and an ETag', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250]);
    const sb = await sandbox({
      handlers: {
        download: () => ({
          kind: 'bytes',
          contentType: 'application/x-download',
          filename: "Звіт (v2)'s.txt",
          etag: 'abc123',
          body: bytes,
        }),
      },
    });
    const res = await fetch(
      adminUrl(sb, [
        ['action', 'download'],
        ['id_file', '5'],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-download');
    expect(res.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''%D0%97%D0%B2%D1%96%D1%82%20%28v2%29%27s.txt",
    );
    expect(res.headers.get('etag')).toBe('"abc123"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers 500 when a handler throws', async () => {
    const sb = await sandbox({
      handlers: {
        get_users: () => {
          throw new Error('handler bug (expected by this test)');
        },
      },
    });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(adminUrl(sb, [['action', 'get_users']]));
      expect(res.status).toBe(500);
      expect(await body(res)).toEqual({ status: 'error', message: 'Internal sandbox error' });
      expect(consoleError).toHaveBeenCalledWith('sandbox: action get_users threw', expect.any(Error));
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('sandbox API: token lifetimes and the rate limit', () => {
  it('expires access tokens after their configured lifetime', async () => {
    const sb = await sandbox({ lifetimes: { accessSeconds: 1 } });
    const { accessToken } = sb.issueTokens();
    const call = () =>
      fetch(`${sb.url}/api/oauth2?action=me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await call()).status).toBe(200);
    clock.t += 1000;
    const res = await call();
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ status: 'error', message: 'Access token is expired' });
  });

  it('answers 429 with Retry-After past N requests per second per token, and none when spaced', async () => {
    const sb = await sandbox({ rateLimit: 2 });
    const a = sb.issueTokens().accessToken;
    const b = sb.issueTokens().accessToken;
    const call = (token: string) =>
      fetch(`${sb.url}/api/oauth2?action=me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call(a)).status).toBe(200);
    clock.t += 300;
    expect((await call(a)).status).toBe(200);
    clock.t += 300;
    const limited = await call(a);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await body(limited)).toMatchObject({
      status: 'error',
      status_code: 429,
      message: 'Too many requests',
    });
    // Another token has its own window.
    expect((await call(b)).status).toBe(200);
    // Requests spaced by the window never see a 429.
    for (let i = 0; i < 5; i++) {
      clock.t += 1000;
      expect((await call(a)).status).toBe(200);
    }
  });

  it('counts the admin key as one token and does not limit the OAuth endpoints', async () => {
    const sb = await sandbox({ rateLimit: 1 });
    expect((await fetch(adminUrl(sb, [['action', 'get_projects']]))).status).toBe(200);
    expect(
      (
        await fetch(
          adminUrl(sb, [
            ['action', 'get_projects'],
            ['filter', 'active'],
          ]),
        )
      ).status,
    ).toBe(429);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${sb.url}/oauth2/token?grant_type=refresh_token&client_id=x`);
      expect(res.status).toBe(200);
    }
  });
});
