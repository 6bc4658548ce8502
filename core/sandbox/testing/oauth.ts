// Helpers for the OAuth2 tests: walking the consent page like a browser, and the token endpoint calls.
import { expect } from 'vitest';
import type { ActionHandler } from '../handler.js';
import type { RunningSandbox, SandboxOptions } from '../server.js';
import { sandbox as startTracked } from './requests.js';

export const REDIRECT = 'https://localhost:8443/callback';

const whoAmI: ActionHandler = (ctx) => ({
  kind: 'json',
  body: { status: 'ok', data: { id: ctx.actor.kind === 'user' ? ctx.actor.user.id : null } },
});

export function sandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startTracked({ handlers: { me: whoAmI }, ...opts });
}

export function authorizeQuery(sb: RunningSandbox, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    client_id: sb.oauthClient.id,
    redirect_uri: REDIRECT,
    state: 'st-1',
    scope: 'projects_read,users_read',
    response_type: 'code',
    ...extra,
  });
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** The hidden fields of the consent form, as a browser would re-post them. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1] as string] = unescapeHtml(m[2] as string);
  }
  return fields;
}

export async function consent(
  sb: RunningSandbox,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const res = await fetch(`${sb.url}/oauth2/authorize?${authorizeQuery(sb, extra).toString()}`);
  expect(res.status).toBe(200);
  return hiddenFields(await res.text());
}

export async function decide(sb: RunningSandbox, fields: Record<string, string>): Promise<URL> {
  const res = await fetch(`${sb.url}/oauth2/authorize`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

export async function approve(sb: RunningSandbox, extra: Record<string, string> = {}): Promise<string> {
  const location = await decide(sb, { ...(await consent(sb)), approve: 'yes', ...extra });
  return location.searchParams.get('code') ?? '';
}

export async function post(
  sb: RunningSandbox,
  path: string,
  params: Record<string, string>,
): Promise<unknown> {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', body: new URLSearchParams(params) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json();
}

export function exchange(sb: RunningSandbox, code: string, redirectUri = REDIRECT): Promise<unknown> {
  const { id, secret } = sb.oauthClient;
  return post(sb, '/oauth2/token', {
    client_id: id,
    client_secret: secret,
    redirect_uri: redirectUri,
    grant_type: 'authorization_code',
    code,
  });
}
