// The sandbox's OAuth2 server (as Worksection documents it and its Postman collection shows it): the
// authorization-code flow with a consent page instead of Worksection's login pages, the token, refresh
// and resource endpoints, and Worksection's own error shape {"error","errorDescription"} answered with
// HTTP 200, as every PMO example is. Params are read from the query, a form or a JSON body, and GET is
// accepted on every endpoint because the official Python SDK sends GET.
import { Hono } from 'hono';
import type { Scope } from '../worksection/actions.js';
import { READ_SCOPES, SCOPES } from '../worksection/actions.js';
import { consentPage, errorPage } from './consent-page.js';
import type { Params } from './handler.js';
import { param, readRequestParams } from './http-params.js';
import { MANAGER_NOT_ASSIGNED, NOONE, ANYONE } from './model.js';
import type { SandboxState } from './state.js';
import type { TokenPair } from './tokens.js';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store, no-cache, must-revalidate',
  pragma: 'no-cache',
};

const oauthJson = (body: unknown): Response =>
  new Response(JSON.stringify(body), { status: 200, headers: JSON_HEADERS });
const oauthError = (error: string, errorDescription: string): Response =>
  oauthJson({ error, errorDescription });
const missing = (name: string): Response => oauthError('invalid_request', `Check the \`${name}\` parameter`);

const redirect = (location: string): Response => new Response(null, { status: 302, headers: { location } });

const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

/** The sandbox's one OAuth client has no registered redirect URIs: any https loopback URI is accepted. */
function isAllowedRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !url.hash;
}

/** Comma list as Worksection documents it; spaces (the OAuth2 standard separator) are tolerated too. */
function parseScopes(scope: string): Scope[] | null {
  const names = scope.split(/[\s,]+/).filter(Boolean);
  // SYNTHETIC: no scope requested gets the read scopes, the default set of the official Python SDK.
  if (names.length === 0) return [...READ_SCOPES];
  if (!names.every((n): n is Scope => (SCOPES as readonly string[]).includes(n))) return null;
  return [...new Set(names)];
}

type AuthorizeCheck =
  | { ok: true; redirectUri: string; state: string; scope: string; scopes: Scope[] }
  | { ok: false; response: Response };

function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query)) if (v !== '') url.searchParams.set(k, v);
  return url.toString();
}

function checkAuthorize(state: SandboxState, params: Params): AuthorizeCheck {
  const page = (message: string): AuthorizeCheck => ({
    ok: false,
    response: new Response(errorPage(message), { status: 400, headers: htmlHeaders }),
  });
  if (param(params, 'client_id') !== state.client.id) return page('Client authentication failed');
  const redirectUri = param(params, 'redirect_uri') ?? '';
  if (!isAllowedRedirect(redirectUri))
    return page('Invalid redirect_uri: it must be an https:// URL on localhost or 127.0.0.1 (any port).');
  // From here on the redirect URI is trusted, so errors travel back to the application.
  const st = param(params, 'state') ?? '';
  const back = (error: string, description: string): AuthorizeCheck => ({
    ok: false,
    response: redirect(withQuery(redirectUri, { error, error_description: description, state: st })),
  });
  if (param(params, 'response_type') !== 'code')
    return back('unsupported_response_type', 'The authorization server does not support this response type.');
  const scope = param(params, 'scope') ?? '';
  const scopes = parseScopes(scope);
  if (!scopes) return back('invalid_scope', 'The requested scope is invalid, unknown, or malformed');
  return { ok: true, redirectUri, state: st, scope, scopes };
}

function tokenAnswer(state: SandboxState, pair: TokenPair): Response {
  return oauthJson({
    token_type: 'Bearer',
    expires_in: pair.expiresIn,
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    // The sandbox's own URL, so a client that follows account_url to the API reaches this sandbox.
    account_url: state.url,
  });
}

function clientOk(state: SandboxState, params: Params): boolean {
  return (
    param(params, 'client_id') === state.client.id && param(params, 'client_secret') === state.client.secret
  );
}

const PLACEHOLDER_IDS = new Set([MANAGER_NOT_ASSIGNED, NOONE, ANYONE]);

export function oauthRoutes(state: SandboxState): Hono {
  const app = new Hono();

  app.use('/oauth2/*', async (c, next) => {
    const time = state.now();
    await next();
    state.log.add({ time, action: null, path: c.req.path, token: '', status: c.res.status });
  });

  app.get('/oauth2/authorize', async (c) => {
    const { params } = await readRequestParams(c.req.raw);
    const check = checkAuthorize(state, params);
    if (!check.ok) return check.response;
    const users = [...state.data.users.values()].filter((u) => !PLACEHOLDER_IDS.has(u.id));
    const html = consentPage({
      accountUrl: state.data.accountUrl,
      clientId: state.client.id,
      redirectUri: check.redirectUri,
      state: check.state,
      scope: check.scope,
      scopes: check.scopes,
      users,
      defaultUserId: state.data.ownerId,
    });
    return new Response(html, { status: 200, headers: htmlHeaders });
  });

  app.post('/oauth2/authorize', async (c) => {
    const { params } = await readRequestParams(c.req.raw);
    const check = checkAuthorize(state, params);
    if (!check.ok) return check.response;
    if (param(params, 'approve') !== 'yes') {
      const denied = { error: 'access_denied', error_description: 'The resource owner denied the request.' };
      return redirect(withQuery(check.redirectUri, { ...denied, state: check.state }));
    }
    const userId = Number(param(params, 'user_id') ?? state.data.ownerId);
    if (!state.data.users.has(userId) || PLACEHOLDER_IDS.has(userId))
      return new Response(errorPage('Unknown user to sign in as.'), { status: 400, headers: htmlHeaders });
    const code = state.tokens.issueCode(
      { userId, clientId: state.client.id, scopes: check.scopes },
      check.redirectUri,
    );
    return redirect(withQuery(check.redirectUri, { code, state: check.state }));
  });

  const refresh = (params: Params): Response => {
    const token = param(params, 'refresh_token');
    if (!token) return missing('refresh_token');
    const rotated = state.tokens.rotate(token, state.client.id);
    return rotated.ok ? tokenAnswer(state, rotated.pair) : oauthError('invalid_request', rotated.description);
  };

  app.on(['GET', 'POST'], '/oauth2/token', async (c) => {
    const { params } = await readRequestParams(c.req.raw);
    const grantType = param(params, 'grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
      return oauthError(
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    if (!clientOk(state, params)) return oauthError('invalid_client', 'Client authentication failed');
    if (grantType === 'refresh_token') return refresh(params);
    const code = param(params, 'code');
    if (!code) return missing('code');
    const redirectUri = param(params, 'redirect_uri');
    if (!redirectUri) return missing('redirect_uri');
    const redeemed = state.tokens.redeemCode(code, state.client.id, redirectUri);
    if (!redeemed.ok) return oauthError('invalid_request', redeemed.description);
    return tokenAnswer(state, state.tokens.issuePair(redeemed.grant));
  });

  app.on(['GET', 'POST'], '/oauth2/refresh', async (c) => {
    const { params } = await readRequestParams(c.req.raw);
    if (param(params, 'grant_type') !== 'refresh_token')
      return oauthError(
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    if (!clientOk(state, params)) return oauthError('invalid_client', 'Client authentication failed');
    return refresh(params);
  });

  app.on(['GET', 'POST'], '/oauth2/resource', async (c) => {
    const { params } = await readRequestParams(c.req.raw);
    if (!clientOk(state, params)) return oauthError('invalid_client', 'Client authentication failed');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const token = param(params, 'access_token') ?? bearer;
    if (!token) return missing('access_token');
    const check = state.tokens.checkAccess(token);
    if (!check.ok) {
      const text = {
        // What PMO recorded for a token that is not a JWT at all (a PHP JSON decoding error).
        malformed: 'Malformed UTF-8 characters',
        unknown: 'Access token could not be verified',
        revoked: 'Access token has been revoked',
        expired: 'Access token is expired',
      }[check.reason];
      return oauthError('not_authorized', text);
    }
    const user = state.data.users.get(check.grant.userId);
    if (!user) return oauthError('not_authorized', 'Access token could not be verified');
    return oauthJson({
      id: String(user.id),
      first_name: user.firstName,
      last_name: user.lastName,
      email: user.email,
      account_url: state.url,
    });
  });

  return app;
}
