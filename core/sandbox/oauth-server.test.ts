// The sandbox's OAuth2 token endpoints over real HTTP: code exchange, resource, refresh rotation, and the
// failures a client must handle (reused/expired codes, bad client, revoked tokens) in Worksection's shape.
import { afterEach, describe, expect, it } from 'vitest';
import { oauthErrorSchema, resourceResponseSchema, tokenResponseSchema } from '../worksection/schemas.js';
import { insertUser } from './records.js';
import { approve, exchange, post, REDIRECT, sandbox } from './testing/oauth.js';
import { clock, closeSandboxes } from './testing/requests.js';

afterEach(closeSandboxes);

describe('sandbox OAuth2: tokens', () => {
  it('exchanges a code, answers resource, and calls the API as the chosen user', async () => {
    const sb = await sandbox();
    insertUser(sb.data, {
      id: 9001,
      email: 'second@example.com',
      firstName: 'Sam',
      lastName: 'Second',
      title: '',
      rate: 0,
      avatar: '',
      group: '',
      department: '',
      role: 'User',
      phones: [],
      addresses: [],
    });
    const code = await approve(sb, { user_id: '9001' });
    const token = tokenResponseSchema.parse(await exchange(sb, code));
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 86_400, account_url: sb.url });

    const { id, secret } = sb.oauthClient;
    const resource = resourceResponseSchema.parse(
      await post(sb, '/oauth2/resource', {
        client_id: id,
        client_secret: secret,
        access_token: token.access_token,
      }),
    );
    expect(resource).toEqual({
      id: '9001',
      first_name: 'Sam',
      last_name: 'Second',
      email: 'second@example.com',
      account_url: sb.url,
    });

    const me = await fetch(`${sb.url}/api/oauth2?action=me`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(await me.json()).toEqual({ status: 'ok', data: { id: 9001 } });
  });

  it('accepts the token request as GET with query params (the SDK) and as a JSON body', async () => {
    const sb = await sandbox();
    const { id, secret } = sb.oauthClient;
    const params = {
      client_id: id,
      client_secret: secret,
      redirect_uri: REDIRECT,
      grant_type: 'authorization_code',
    };
    const viaGet = await fetch(
      `${sb.url}/oauth2/token?${new URLSearchParams({ ...params, code: await approve(sb) }).toString()}`,
    );
    tokenResponseSchema.parse(await viaGet.json());
    const viaJson = await fetch(`${sb.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, code: await approve(sb) }),
    });
    tokenResponseSchema.parse(await viaJson.json());
  });

  it('refuses a reused code, a code for another redirect URI and a bad client in Worksection’s error shape', async () => {
    const sb = await sandbox();
    const code = await approve(sb);
    tokenResponseSchema.parse(await exchange(sb, code));
    expect(oauthErrorSchema.parse(await exchange(sb, code))).toEqual({
      error: 'invalid_request',
      errorDescription: 'Authorization code has been revoked',
    });
    expect(await exchange(sb, await approve(sb), 'https://localhost:8443/elsewhere')).toEqual({
      error: 'invalid_request',
      errorDescription: 'Invalid redirect URI',
    });
    const badClient = await post(sb, '/oauth2/token', {
      client_id: sb.oauthClient.id,
      client_secret: 'wrong',
      redirect_uri: REDIRECT,
      grant_type: 'authorization_code',
      code: await approve(sb),
    });
    expect(badClient).toEqual({ error: 'invalid_client', errorDescription: 'Client authentication failed' });
  });

  it('expires codes after their lifetime', async () => {
    const sb = await sandbox({ lifetimes: { codeSeconds: 1 } });
    const code = await approve(sb);
    clock.t += 1000;
    expect(await exchange(sb, code)).toEqual({
      error: 'invalid_request',
      errorDescription: 'Authorization code has expired',
    });
  });

  it('rotates on refresh: the old access and refresh tokens stop working, the new pair works', async () => {
    const sb = await sandbox();
    const first = tokenResponseSchema.parse(await exchange(sb, await approve(sb)));
    const { id, secret } = sb.oauthClient;
    const refreshQuery = (refreshToken: string) =>
      new URLSearchParams({
        client_id: id,
        client_secret: secret,
        refresh_token: refreshToken,
        grant_type: 'refresh_token',
      });
    // PMO sends every refresh param in the query of a POST.
    const second = tokenResponseSchema.parse(
      await (
        await fetch(`${sb.url}/oauth2/refresh?${refreshQuery(first.refresh_token).toString()}`, {
          method: 'POST',
        })
      ).json(),
    );
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const me = (token: string) =>
      fetch(`${sb.url}/api/oauth2?action=me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(first.access_token)).status).toBe(401);
    expect((await me(second.access_token)).status).toBe(200);
    const reused = await (
      await fetch(`${sb.url}/oauth2/refresh?${refreshQuery(first.refresh_token).toString()}`, {
        method: 'POST',
      })
    ).json();
    expect(oauthErrorSchema.parse(reused).error).toBe('invalid_request');
    const garbage = await (
      await fetch(`${sb.url}/oauth2/refresh?${refreshQuery('def50200nonsense').toString()}`, {
        method: 'POST',
      })
    ).json();
    expect(garbage).toEqual({
      error: 'invalid_request',
      errorDescription: 'Cannot decrypt the refresh token',
    });
  });

  it('refuses a revoked refresh token and reports bad access tokens on resource', async () => {
    const sb = await sandbox();
    const pair = sb.issueTokens();
    sb.faults.revokeRefreshToken(pair.refreshToken);
    const { id, secret } = sb.oauthClient;
    const refreshed = await post(sb, '/oauth2/refresh', {
      client_id: id,
      client_secret: secret,
      refresh_token: pair.refreshToken,
      grant_type: 'refresh_token',
    });
    expect(refreshed).toEqual({ error: 'invalid_request', errorDescription: 'Token has been revoked' });
    const malformed = await post(sb, '/oauth2/resource', {
      client_id: id,
      client_secret: secret,
      access_token: 'garbage',
    });
    expect(malformed).toEqual({ error: 'not_authorized', errorDescription: 'Malformed UTF-8 characters' });
  });
});
