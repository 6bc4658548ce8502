// The sandbox's OAuth2 grants: authorization codes, access tokens and refresh tokens with lifetimes and
// rotation. Tokens look like Worksection's (an RS256-shaped JWT access token, a `def50200…` refresh token)
// so clients that peek at them see the real shapes, but the store only ever
// looks them up by their full string: nothing here verifies a signature.
//
// Failure texts are those of PHP league/oauth2-server, which Worksection runs (its errorDescription is the
// league "hint", e.g. "Authorization code has been revoked").
import { randomBytes } from 'node:crypto';
import type { Scope } from '../worksection/actions.js';

export interface TokenLifetimes {
  codeSeconds: number;
  accessSeconds: number;
  refreshSeconds: number;
}

export const DEFAULT_LIFETIMES: TokenLifetimes = {
  codeSeconds: 10 * 60,
  accessSeconds: 24 * 60 * 60,
  refreshSeconds: 30 * 24 * 60 * 60,
};

export interface Grant {
  userId: number;
  clientId: string;
  scopes: readonly Scope[];
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface CodeRec extends Grant {
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

interface AccessRec extends Grant {
  expiresAt: number;
  revoked: boolean;
}

interface RefreshRec extends Grant {
  expiresAt: number;
  revoked: boolean;
  accessToken: string;
}

export type AccessCheck =
  { ok: true; grant: Grant } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

export type GrantCheck = { ok: true; grant: Grant } | { ok: false; description: string };

const JWT_HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

/** Worksection's codes and refresh tokens are league's encrypted payloads: `def50200` + hex. */
function leagueBlob(bytes: number): string {
  return `def50200${randomBytes(bytes).toString('hex')}`;
}

/** A token that is not even JWT-shaped; Worksection answers those with a JSON decoding error. */
export function isJwtShaped(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null;
  } catch {
    return false;
  }
}

export class TokenStore {
  private readonly codes = new Map<string, CodeRec>();
  private readonly access = new Map<string, AccessRec>();
  private readonly refresh = new Map<string, RefreshRec>();

  constructor(
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  issueCode(grant: Grant, redirectUri: string): string {
    const code = leagueBlob(400);
    const expiresAt = this.now() + this.lifetimes.codeSeconds * 1000;
    this.codes.set(code, { ...grant, redirectUri, expiresAt, used: false });
    return code;
  }

  /** Single use, bound to the client and redirect URI it was issued for. */
  redeemCode(code: string, clientId: string, redirectUri: string): GrantCheck {
    const rec = this.codes.get(code);
    if (!rec) return { ok: false, description: 'Cannot decrypt the authorization code' };
    if (rec.clientId !== clientId)
      return { ok: false, description: 'Authorization code was not issued to this client' };
    if (this.now() >= rec.expiresAt) return { ok: false, description: 'Authorization code has expired' };
    if (rec.used) return { ok: false, description: 'Authorization code has been revoked' };
    if (rec.redirectUri !== redirectUri) return { ok: false, description: 'Invalid redirect URI' };
    rec.used = true;
    return { ok: true, grant: pickGrant(rec) };
  }

  issuePair(grant: Grant): TokenPair {
    const now = this.now();
    const iat = Math.floor(now / 1000);
    const claims = {
      aud: grant.clientId,
      jti: randomBytes(40).toString('hex'),
      iat,
      nbf: iat,
      exp: iat + this.lifetimes.accessSeconds,
      sub: String(grant.userId),
      scopes: grant.scopes,
    };
    // A 2048-bit RSA signature is 256 bytes; random bytes give the same length without a key pair.
    const accessToken = `${JWT_HEADER}.${base64url(JSON.stringify(claims))}.${randomBytes(256).toString('base64url')}`;
    const refreshToken = leagueBlob(631);
    this.access.set(accessToken, {
      ...pickGrant(grant),
      expiresAt: now + this.lifetimes.accessSeconds * 1000,
      revoked: false,
    });
    this.refresh.set(refreshToken, {
      ...pickGrant(grant),
      expiresAt: now + this.lifetimes.refreshSeconds * 1000,
      revoked: false,
      accessToken,
    });
    return { accessToken, refreshToken, expiresIn: this.lifetimes.accessSeconds };
  }

  checkAccess(token: string): AccessCheck {
    const rec = this.access.get(token);
    if (!rec) return { ok: false, reason: isJwtShaped(token) ? 'unknown' : 'malformed' };
    if (rec.revoked) return { ok: false, reason: 'revoked' };
    if (this.now() >= rec.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, grant: pickGrant(rec) };
  }

  /** Refresh tokens rotate: the new pair replaces the old access AND refresh token (FAQ 1817). */
  rotate(
    refreshToken: string,
    clientId: string,
  ): { ok: true; pair: TokenPair } | { ok: false; description: string } {
    const rec = this.refresh.get(refreshToken);
    if (!rec) return { ok: false, description: 'Cannot decrypt the refresh token' };
    if (rec.clientId !== clientId) return { ok: false, description: 'Token is not linked to client' };
    if (this.now() >= rec.expiresAt) return { ok: false, description: 'Token has expired' };
    if (rec.revoked) return { ok: false, description: 'Token has been revoked' };
    rec.revoked = true;
    const old = this.access.get(rec.accessToken);
    if (old) old.revoked = true;
    return { ok: true, pair: this.issuePair(pickGrant(rec)) };
  }

  /** Fault: every access token issued so far is expired from now on. Returns how many were live. */
  expireAllAccess(): number {
    const now = this.now();
    let live = 0;
    for (const rec of this.access.values()) {
      if (!rec.revoked && now < rec.expiresAt) live++;
      rec.expiresAt = Math.min(rec.expiresAt, now);
    }
    return live;
  }

  /** Fault: the refresh token stops working, as if the user revoked the app. */
  revokeRefresh(token: string): boolean {
    const rec = this.refresh.get(token);
    if (!rec || rec.revoked) return false;
    rec.revoked = true;
    return true;
  }
}

function pickGrant(g: Grant): Grant {
  return { userId: g.userId, clientId: g.clientId, scopes: [...g.scopes] };
}
