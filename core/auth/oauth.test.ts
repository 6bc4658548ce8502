// The token endpoints' answers, including the shapes the public pbv7/worksection-mcp server got wrong:
// Worksection's HTTP 200 with {error, errorDescription}, standard 4xx with error_description, server
// errors and answers that are not token responses. A scripted loopback server plays the OAuth server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredTokens } from '../vault/record.js';
import { OAuthRefusedError, OAuthUnavailableError } from './errors.js';
import { authorizeUrl, exchangeCode, refreshTokens, sameState, scopesOfToken } from './oauth.js';
import type { OAuthSettings } from './settings.js';

let server: Server | undefined;
let seen: { path: string; body: URLSearchParams }[] = [];
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  seen = [];
});

async function oauthServer(status: number, body: string): Promise<OAuthSettings> {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body: new URLSearchParams(text) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    oauthUrl: `http://127.0.0.1:${port}/`,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    redirectUri: 'https://localhost:8443/callback',
    scopes: ['tasks_read'],
  };
}

const current: StoredTokens = {
  accessToken: 'a',
  refreshToken: 'r-old',
  expiresAt: 0,
  obtainedAt: 0,
  scopes: ['tasks_read'],
  accountUrl: 'https://acme.worksection.com',
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('token endpoints', () => {
  it('posts the documented form and reads a token answer, counting expiry from the send time', async () => {
    const jwt = `h.${Buffer.from(JSON.stringify({ scopes: ['tasks_read', 'users_read'] })).toString('base64url')}.s`;
    const s = await oauthServer(
      200,
      JSON.stringify({
        token_type: 'bearer',
        expires_in: 86400,
        access_token: jwt,
        refresh_token: 'r-new',
        extra: 1,
      }),
    );
    const tokens = await refreshTokens(s, current, { now: () => 1_000 });
    expect(seen[0]?.path).toBe('/oauth2/refresh');
    expect(Object.fromEntries(seen[0]?.body ?? [])).toEqual({
      client_id: 'client-id',
      client_secret: 'client-secret',
      refresh_token: 'r-old',
      grant_type: 'refresh_token',
    });
    expect(tokens).toEqual({
      accessToken: jwt,
      refreshToken: 'r-new',
      expiresAt: 1_000 + 86_400_000,
      obtainedAt: 1_000,
      scopes: ['tasks_read', 'users_read'],
      accountUrl: 'https://acme.worksection.com', // kept: the refresh answer omitted it
    });
  });

  it("detects Worksection's HTTP 200 error body and keeps its camelCase errorDescription", async () => {
    const s = await oauthServer(
      200,
      '{"error":"invalid_request","errorDescription":"Authorization code has been revoked"}',
    );
    const err = await rejection(exchangeCode(s, 'code'));
    expect(err).toBeInstanceOf(OAuthRefusedError);
    expect((err as Error).message).toBe(
      'Worksection refused the authorization code: Authorization code has been revoked (invalid_request).',
    );
  });

  it('understands a standard 400 with error_description, and knows a wrong client', async () => {
    const s = await oauthServer(
      400,
      '{"error":"invalid_client","error_description":"Client authentication failed"}',
    );
    const err = (await rejection(refreshTokens(s, current))) as OAuthRefusedError;
    expect(err).toBeInstanceOf(OAuthRefusedError);
    expect(err.clientRejected).toBe(true);
    expect(err.message).toBe(
      'Worksection refused the saved sign-in: Client authentication failed (invalid_client).',
    );
  });

  it.each([
    [503, '<html>down</html>', 'server_error'],
    [200, '{"error":"temporarily_unavailable"}', 'server_error'],
    [404, '<html>nginx</html>', 'unexpected_status'],
    [200, 'not json', 'malformed'],
    [200, '{"status":"ok"}', 'malformed'],
  ])('treats HTTP %i %s as unavailable (%s), not as a refusal', async (status, body, reason) => {
    const s = await oauthServer(status, body);
    const err = await rejection(refreshTokens(s, current));
    expect(err).toBeInstanceOf(OAuthUnavailableError);
    expect((err as OAuthUnavailableError).reason).toBe(reason);
  });

  it('reports an unreachable server as such', async () => {
    const s = await oauthServer(200, '{}');
    await new Promise((r) => server?.close(r));
    server = undefined;
    const err = await rejection(refreshTokens(s, current));
    expect((err as OAuthUnavailableError).reason).toBe('network');
    expect((err as Error).message).toBe('The Worksection sign-in server could not be reached.');
  });
});

describe('authorize URL and state', () => {
  it('asks for a code with the comma-separated scopes and the state', () => {
    const url = new URL(
      authorizeUrl(
        {
          oauthUrl: 'https://localhost:9443/',
          clientId: 'id',
          redirectUri: 'https://localhost:8443/cb',
          scopes: ['tasks_read', 'users_read'],
        },
        'st',
      ),
    );
    expect(url.origin + url.pathname).toBe('https://localhost:9443/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'id',
      redirect_uri: 'https://localhost:8443/cb',
      response_type: 'code',
      scope: 'tasks_read,users_read',
      state: 'st',
    });
  });

  it('compares states exactly', () => {
    expect(sameState('abc', 'abc')).toBe(true);
    expect(sameState('abd', 'abc')).toBe(false);
    expect(sameState('ab', 'abc')).toBe(false);
    expect(sameState(null, 'abc')).toBe(false);
  });

  it('reads scopes from a JWT access token, and nothing from other tokens', () => {
    expect(scopesOfToken('not-a-jwt')).toBeUndefined();
  });
});
