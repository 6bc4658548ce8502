import { describe, expect, it } from 'vitest';
import { isJwtShaped, TokenStore } from './tokens.js';

function store(lifetimes = { codeSeconds: 600, accessSeconds: 86_400, refreshSeconds: 2_592_000 }) {
  const clock = { t: Date.UTC(2026, 0, 5, 9) };
  return { clock, tokens: new TokenStore(lifetimes, () => clock.t) };
}

const grant = { userId: 1000, clientId: 'client-a', scopes: ['tasks_read' as const] };

describe('TokenStore', () => {
  it('mints JWT-shaped access tokens with the claims of the Postman example', () => {
    const { clock, tokens } = store();
    const { accessToken, refreshToken, expiresIn } = tokens.issuePair(grant);
    const [header, payload, signature] = accessToken.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'RS256' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const iat = Math.floor(clock.t / 1000);
    expect(claims).toMatchObject({
      aud: 'client-a',
      iat,
      nbf: iat,
      exp: iat + 86_400,
      sub: '1000',
      scopes: ['tasks_read'],
    });
    expect(claims.jti).toMatch(/^[0-9a-f]{80}$/);
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(256);
    expect(refreshToken).toMatch(/^def50200[0-9a-f]{1262}$/);
    expect(expiresIn).toBe(86_400);
    expect(isJwtShaped(accessToken)).toBe(true);
    expect(isJwtShaped('not-a-token')).toBe(false);
  });

  it('expires access tokens at the end of their lifetime', () => {
    const { clock, tokens } = store({ codeSeconds: 1, accessSeconds: 2, refreshSeconds: 3 });
    const { accessToken } = tokens.issuePair(grant);
    clock.t += 1999;
    expect(tokens.checkAccess(accessToken).ok).toBe(true);
    clock.t += 1;
    expect(tokens.checkAccess(accessToken)).toEqual({ ok: false, reason: 'expired' });
  });

  it('redeems a code once, for its client and redirect URI only, within its lifetime', () => {
    const { clock, tokens } = store({ codeSeconds: 1, accessSeconds: 60, refreshSeconds: 60 });
    const uri = 'https://localhost:8443/cb';
    const code = tokens.issueCode(grant, uri);
    expect(tokens.redeemCode(code, 'client-b', uri)).toEqual({
      ok: false,
      description: 'Authorization code was not issued to this client',
    });
    expect(tokens.redeemCode(code, 'client-a', 'https://localhost:8443/other')).toEqual({
      ok: false,
      description: 'Invalid redirect URI',
    });
    expect(tokens.redeemCode(code, 'client-a', uri)).toMatchObject({ ok: true, grant });
    expect(tokens.redeemCode(code, 'client-a', uri)).toEqual({
      ok: false,
      description: 'Authorization code has been revoked',
    });
    const late = tokens.issueCode(grant, uri);
    clock.t += 1000;
    expect(tokens.redeemCode(late, 'client-a', uri)).toEqual({
      ok: false,
      description: 'Authorization code has expired',
    });
    expect(tokens.redeemCode('def50200abc', 'client-a', uri)).toEqual({
      ok: false,
      description: 'Cannot decrypt the authorization code',
    });
  });

  it('rotates refresh tokens: the old access and refresh token stop working', () => {
    const { tokens } = store();
    const first = tokens.issuePair(grant);
    const rotated = tokens.rotate(first.refreshToken, 'client-a');
    if (!rotated.ok) throw new Error(rotated.description);
    expect(rotated.pair.accessToken).not.toBe(first.accessToken);
    expect(tokens.checkAccess(first.accessToken)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.checkAccess(rotated.pair.accessToken).ok).toBe(true);
    expect(tokens.rotate(first.refreshToken, 'client-a')).toEqual({
      ok: false,
      description: 'Token has been revoked',
    });
    expect(tokens.rotate(rotated.pair.refreshToken, 'client-b')).toEqual({
      ok: false,
      description: 'Token is not linked to client',
    });
    expect(tokens.rotate('garbage', 'client-a')).toEqual({
      ok: false,
      description: 'Cannot decrypt the refresh token',
    });
  });

  it('expires refresh tokens at the end of their lifetime', () => {
    const { clock, tokens } = store({ codeSeconds: 1, accessSeconds: 1, refreshSeconds: 5 });
    const { refreshToken } = tokens.issuePair(grant);
    clock.t += 5000;
    expect(tokens.rotate(refreshToken, 'client-a')).toEqual({ ok: false, description: 'Token has expired' });
  });

  it('expires every live access token on demand and revokes single refresh tokens', () => {
    const { tokens } = store();
    const a = tokens.issuePair(grant);
    const b = tokens.issuePair(grant);
    expect(tokens.expireAllAccess()).toBe(2);
    expect(tokens.checkAccess(a.accessToken)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.checkAccess(b.accessToken)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.expireAllAccess()).toBe(0);
    // Refreshing still works after the access tokens expired: that is the point of the fault.
    expect(tokens.rotate(a.refreshToken, 'client-a').ok).toBe(true);
    expect(tokens.revokeRefresh(b.refreshToken)).toBe(true);
    expect(tokens.revokeRefresh(b.refreshToken)).toBe(false);
    expect(tokens.rotate(b.refreshToken, 'client-a')).toEqual({
      ok: false,
      description: 'Token has been revoked',
    });
  });
});
