// Who is calling the Client API: a user through an OAuth access token on
// /api/oauth2 (Bearer header or access_token param), or the owner's admin key on /api/admin/v2 (md5 hash
// over the query, or the new SDK's `Authorization: Admin <ts>_<hmac>` header).
import { createHash } from 'node:crypto';
import type { Scope } from '../worksection/actions.js';
import { md5QueryHash, hmacSignature, sameDigest } from '../worksection/admin-auth.js';
import type { Actor } from './handler.js';
import type { ParsedRequest } from './http-params.js';
import { param } from './http-params.js';
import type { SandboxData } from './model.js';
import type { TokenStore } from './tokens.js';

export type AuthResult =
  | { ok: true; actor: Actor; rateKey: string; scopes: readonly Scope[] | 'all' }
  | { ok: false; status: number; body: Record<string, unknown> };

/** How far an `Admin <ts>_…` timestamp may be from the sandbox clock. SYNTHETIC: Worksection's window is unpublished. */
export const ADMIN_MAX_SKEW_SECONDS = 300;

const BAD_HASH = { status: 'error', status_code: 2, message: 'Action hash is missed or invalid' };

/** The token presented on /api/oauth2, if any. */
export function presentedToken(req: Request, parsed: ParsedRequest): string | undefined {
  const header = req.headers.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1] ?? param(parsed.params, 'access_token');
}

/**
 * A short, non-secret label of a token for the request log. Every JWT starts with the same header bytes,
 * so the label is taken from the (random) end of the token to tell tokens apart.
 */
export function tokenHint(token: string | undefined): string {
  if (!token) return '';
  return `…${token.slice(-8)}`;
}

function unauthorized(message: string): AuthResult {
  // The body shape of an expired token is what both official SDKs match on; the other messages are
  // league/oauth2-server's texts for the same check (Worksection's own wording is unpublished).
  return { ok: false, status: 401, body: { status: 'error', message } };
}

export function authenticateUser(
  req: Request,
  parsed: ParsedRequest,
  tokens: TokenStore,
  data: SandboxData,
): AuthResult {
  const token = presentedToken(req, parsed);
  if (!token) return unauthorized('Access token is missing'); // SYNTHETIC wording
  const check = tokens.checkAccess(token);
  if (!check.ok) {
    switch (check.reason) {
      case 'expired':
        return unauthorized('Access token is expired');
      case 'revoked':
        return unauthorized('Access token has been revoked');
      case 'malformed':
      case 'unknown':
        return unauthorized('Access token could not be verified');
    }
  }
  const user = data.users.get(check.grant.userId);
  if (!user) return unauthorized('Access token could not be verified');
  return { ok: true, actor: { kind: 'user', user }, rateKey: token, scopes: check.grant.scopes };
}

const ADMIN_HEADER = /^Admin\s+(\d+)_([0-9a-f]+)\s*$/i;

export function authenticateAdmin(
  req: Request,
  parsed: ParsedRequest,
  apiKey: string,
  nowMs: number,
): AuthResult {
  const admin: AuthResult = { ok: true, actor: { kind: 'admin' }, rateKey: 'admin', scopes: 'all' };
  const header = req.headers.get('authorization');
  const m = header ? ADMIN_HEADER.exec(header) : null;
  if (m) {
    const ts = Number(m[1]);
    const action = param(parsed.params, 'action') ?? '';
    if (!sameDigest(m[2] ?? '', hmacSignature(action, apiKey, ts)))
      return { ok: false, status: 200, body: BAD_HASH };
    // SYNTHETIC: a replayed or badly skewed signature is refused like a bad one, with a hint why.
    if (Math.abs(nowMs / 1000 - ts) > ADMIN_MAX_SKEW_SECONDS)
      return { ok: false, status: 200, body: { ...BAD_HASH, message_details: 'timestamp is stale' } };
    return admin;
  }
  const hash = parsed.queryPairs.find(([k]) => k === 'hash')?.[1] ?? param(parsed.params, 'hash');
  if (!hash) return { ok: false, status: 200, body: BAD_HASH };
  return hashCandidates(parsed, apiKey).some((c) => sameDigest(hash, c))
    ? admin
    : { ok: false, status: 200, body: BAD_HASH };
}

/**
 * The documented scheme hashes the decoded query pairs in the order sent. Clients differ on details, so
 * two lenient variants are accepted as well: the query string exactly as sent (some clients hash the
 * encoded form), and query plus form-body pairs (the old PHP SDK posts its params as form fields).
 */
function hashCandidates(parsed: ParsedRequest, apiKey: string): string[] {
  const unsigned = parsed.queryPairs.filter(([k]) => k !== 'hash');
  const raw = parsed.rawQuery
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('hash='))
    .join('&');
  const candidates = [
    md5QueryHash(unsigned, apiKey),
    createHash('md5')
      .update(raw + apiKey, 'utf8')
      .digest('hex'),
  ];
  const body = parsed.bodyPairs.filter(([k]) => k !== 'hash');
  if (body.length > 0) candidates.push(md5QueryHash([...unsigned, ...body], apiKey));
  return candidates;
}
