// Client API authentication over real HTTP: bearer header or access_token param on /api/oauth2, the md5
// query hash or the SDK's HMAC header on /api/admin/v2, and the 401 answers for bad access tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHmacHeader, md5QueryHash } from '../worksection/admin-auth.js';
import { ADMIN_MAX_SKEW_SECONDS } from './api-auth.js';
import type { RunningSandbox } from './server.js';
import { startSandbox } from './server.js';
import type { Pairs } from './testing/requests.js';
import { adminUrl, body, clock, echo, echoed as data } from './testing/requests.js';

describe('sandbox API: authentication', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ rateLimit: 0, now: () => clock.t, handlers: { me: echo, get_projects: echo } });
  });
  afterAll(() => sb.close());

  it('accepts a bearer header and answers JSON, without CORS (no web page may read the sandbox)', async () => {
    const { accessToken } = sb.issueTokens();
    const res = await fetch(`${sb.url}/api/oauth2?action=me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await data(res)).actor).toBe(sb.data.ownerId);
  });

  it('accepts an access_token param on GET and POST, with and without trailing slash, and hides it from handlers', async () => {
    const { accessToken } = sb.issueTokens();
    for (const path of ['/api/oauth2', '/api/oauth2/']) {
      const get = await fetch(`${sb.url}${path}?action=me&access_token=${accessToken}`);
      expect((await data(get)).params).toEqual({ action: 'me' });
      const post = await fetch(`${sb.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ action: 'me', access_token: accessToken }),
      });
      expect((await data(post)).params).toEqual({ action: 'me' });
    }
  });

  it('signs admin calls with the documented md5 scheme over raw values in the order sent', async () => {
    const pairs: Pairs = [
      ['action', 'get_projects'],
      ['filter', "name has 'A B' & more"],
      ['extra', 'text, options'],
    ];
    for (const path of ['/api/admin/v2/', '/api/admin/v2']) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(adminUrl(sb, pairs, path), { method });
        const d = await data(res);
        expect(d.actor).toBe('admin');
        expect(d.params).toEqual({
          action: 'get_projects',
          filter: "name has 'A B' & more",
          extra: 'text, options',
        });
      }
    }
  });

  it('refuses a missing, wrong or tampered admin hash with status_code 2', async () => {
    const expected = { status: 'error', status_code: 2, message: 'Action hash is missed or invalid' };
    const noHash = await fetch(`${sb.url}/api/admin/v2/?action=get_projects`);
    expect(noHash.status).toBe(200);
    expect(await body(noHash)).toEqual(expected);
    const signed = adminUrl(sb, [
      ['action', 'get_projects'],
      ['filter', 'active'],
    ]);
    expect(await body(await fetch(signed.replace('filter=active', 'filter=archive')))).toEqual(expected);
    const wrongKey = md5QueryHash([['action', 'get_projects']], 'not-the-key');
    expect(await body(await fetch(`${sb.url}/api/admin/v2/?action=get_projects&hash=${wrongKey}`))).toEqual(
      expected,
    );
    // A user token is no admin credential.
    const { accessToken } = sb.issueTokens();
    const bearer = await fetch(`${sb.url}/api/admin/v2/?action=get_projects`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await body(bearer)).toEqual(expected);
  });

  it("accepts the SDK's HMAC header with a JSON body, and refuses a bad or stale one", async () => {
    const ts = Math.floor(clock.t / 1000);
    const call = (header: string) =>
      fetch(`${sb.url}/api/admin/v2?action=get_projects`, {
        method: 'POST',
        headers: { authorization: header, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: 'active', extra: 'users' }),
      });
    const d = await data(await call(adminHmacHeader('get_projects', sb.apiKey, ts)));
    expect(d).toMatchObject({
      actor: 'admin',
      params: { action: 'get_projects', filter: 'active', extra: 'users' },
    });

    const bad = await body(await call(adminHmacHeader('get_tasks', sb.apiKey, ts)));
    expect(bad).toMatchObject({ status: 'error', status_code: 2 });
    const stale = await body(
      await call(adminHmacHeader('get_projects', sb.apiKey, ts - ADMIN_MAX_SKEW_SECONDS - 1)),
    );
    expect(stale).toMatchObject({ status: 'error', status_code: 2, message_details: 'timestamp is stale' });
  });

  it('answers 401 for a missing, unknown or expired access token, each with its own message', async () => {
    const missing = await fetch(`${sb.url}/api/oauth2?action=me`);
    expect(missing.status).toBe(401);
    expect(await body(missing)).toEqual({ status: 'error', message: 'Access token is missing' });

    const { accessToken } = sb.issueTokens();
    const forged = `${accessToken.slice(0, -4)}AAAA`;
    const unknown = await fetch(`${sb.url}/api/oauth2?action=me`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(unknown.status).toBe(401);
    const unknownBody = await body(unknown);
    expect(unknownBody.status).toBe('error');
    expect(unknownBody.message).not.toMatch(/expired/);

    sb.faults.expireAccessTokens();
    const expired = await fetch(`${sb.url}/api/oauth2?action=me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await body(expired)).toEqual({ status: 'error', message: 'Access token is expired' });
  });
});
