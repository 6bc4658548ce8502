// Worksection's OAuth2 endpoints: the authorize URL, the code exchange, the
// refresh and the resource owner. Worksection answers errors as HTTP 200 with {error, errorDescription}
// (camelCase), so every answer is checked for an error before it is read as tokens; standard OAuth
// servers' 4xx with error_description are understood too.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredTokens } from '../vault/record.js';
import {
  resourceResponseSchema,
  tokenResponseSchema,
  type ResourceResponse,
} from '../worksection/schemas.js';
import { OAuthRefusedError, OAuthUnavailableError, type OAuthEndpoint } from './errors.js';
import type { OAuthSettings } from './settings.js';

export type OAuthClient = Pick<OAuthSettings, 'oauthUrl' | 'clientId' | 'clientSecret'>;

export interface OAuthRequestOptions {
  now?: () => number;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// Transient by the OAuth2 spec: the server could not answer, the grant may well be fine.
const TRANSIENT_ERRORS = new Set(['server_error', 'temporarily_unavailable']);

const endpointUrl = (client: Pick<OAuthSettings, 'oauthUrl'>, path: string): string =>
  `${client.oauthUrl.replace(/\/+$/, '')}/oauth2/${path}`;

/** 256 random bits, URL-safe: the `state` that ties the callback to this sign-in. */
export function newState(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the check does not leak how much of a forged state matched. */
export function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function authorizeUrl(
  settings: Pick<OAuthSettings, 'oauthUrl' | 'clientId' | 'redirectUri' | 'scopes'>,
  state: string,
): string {
  const url = new URL(endpointUrl(settings, 'authorize'));
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    scope: settings.scopes.join(','),
    state,
  }).toString();
  return url.toString();
}

async function post(endpoint: OAuthEndpoint, url: string, form: Record<string, string>, timeoutMs: number) {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw new OAuthUnavailableError(endpoint, timedOut ? 'timeout' : 'network', undefined, { cause: err });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const refusal = readError(body);
  if (refusal && !TRANSIENT_ERRORS.has(refusal.error)) {
    throw new OAuthRefusedError(endpoint, refusal.error, refusal.description);
  }
  if (res.status >= 500 || refusal) throw new OAuthUnavailableError(endpoint, 'server_error', res.status);
  if (res.status !== 200) throw new OAuthUnavailableError(endpoint, 'unexpected_status', res.status);
  if (body === undefined) throw new OAuthUnavailableError(endpoint, 'malformed', res.status);
  return body;
}

function readError(body: unknown): { error: string; description: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.error !== 'string') return undefined;
  const description = [b.errorDescription, b.error_description, b.message].find((d) => typeof d === 'string');
  return { error: b.error, description: (description as string | undefined) ?? '' };
}

/** The scopes the access token (an RS256 JWT at Worksection) says it carries, if it says. */
export function scopesOfToken(accessToken: string): string[] | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString());
    const scopes = (payload as { scopes?: unknown }).scopes;
    return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string') ? scopes : undefined;
  } catch {
    return undefined;
  }
}

async function tokenRequest(
  endpoint: 'token' | 'refresh',
  client: OAuthClient,
  form: Record<string, string>,
  fallbackScopes: readonly string[],
  opts: OAuthRequestOptions,
): Promise<StoredTokens> {
  const now = opts.now ?? Date.now;
  // Measured before sending: a token counted from our send time never outlives the server's clock.
  const sentAt = now();
  const body = await post(
    endpoint,
    endpointUrl(client, endpoint),
    form,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  // Loose: an extra field Worksection adds one day must not break signing in.
  const parsed = tokenResponseSchema.loose().safeParse(body);
  if (!parsed.success) throw new OAuthUnavailableError(endpoint, 'malformed', 200);
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: sentAt + t.expires_in * 1000,
    obtainedAt: sentAt,
    scopes: scopesOfToken(t.access_token) ?? [...fallbackScopes],
    ...(t.account_url === undefined ? {} : { accountUrl: t.account_url }),
  };
}

export function exchangeCode(
  settings: OAuthSettings,
  code: string,
  opts: OAuthRequestOptions = {},
): Promise<StoredTokens> {
  const form = {
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    redirect_uri: settings.redirectUri,
    grant_type: 'authorization_code',
    code,
  };
  return tokenRequest('token', settings, form, settings.scopes, opts);
}

/** Refresh tokens rotate: the answer replaces both tokens, and the old ones stop working (FAQ 1817). */
export async function refreshTokens(
  client: OAuthClient,
  current: StoredTokens,
  opts: OAuthRequestOptions = {},
): Promise<StoredTokens> {
  const form = {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: current.refreshToken,
    grant_type: 'refresh_token',
  };
  const next = await tokenRequest('refresh', client, form, current.scopes, opts);
  // The refresh answer may omit account_url (the Postman example does).
  return next.accountUrl || !current.accountUrl ? next : { ...next, accountUrl: current.accountUrl };
}

/** Who the access token belongs to: {id, first_name, last_name, email, account_url}. */
export async function fetchResourceOwner(
  client: OAuthClient,
  accessToken: string,
  opts: OAuthRequestOptions = {},
): Promise<ResourceResponse> {
  const form = { client_id: client.clientId, client_secret: client.clientSecret, access_token: accessToken };
  const body = await post(
    'resource',
    endpointUrl(client, 'resource'),
    form,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const parsed = resourceResponseSchema.loose().safeParse(body);
  if (!parsed.success) throw new OAuthUnavailableError('resource', 'malformed', 200);
  return parsed.data;
}
