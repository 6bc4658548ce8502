// The OAuth2 client settings and their validation, one clear message per mistake. config.ts embeds these
// schemas (file < WSMCP_* < flags); the rules live here beside the code that depends on them: the
// callback server listens exactly where the redirect URI points, so it must be an https:// URL on this
// machine (Worksection requires HTTPS), and scopes are Worksection's documented names.
import { z } from 'zod';
import { READ_SCOPES, SCOPES, type Scope } from '../worksection/actions.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** Why `uri` cannot be the redirect URI, or undefined when it can. */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be a URL like https://localhost:8443/callback';
  }
  if (url.protocol !== 'https:')
    return 'must start with https:// (Worksection accepts only HTTPS redirect URIs)';
  if (!isLoopback(url)) return 'must point at this computer: localhost, 127.0.0.1 or [::1]';
  if (url.hash) return 'must not contain a #fragment';
  if (url.username || url.password) return 'must not contain a user name or password';
  return undefined;
}

/** Why `uri` cannot be the OAuth server's base URL; plain http is accepted only on loopback (the sandbox). */
function oauthUrlProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be a URL';
  }
  if (url.protocol === 'http:' && isLoopback(url)) return undefined;
  if (url.protocol !== 'https:') return 'must start with https://';
  if (url.search || url.hash) return 'must not contain a query or #fragment';
  return undefined;
}

const refined = (problem: (v: string) => string | undefined) =>
  z.string({ error: 'must be text' }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const redirectUriSchema = refined(redirectUriProblem);
export const oauthUrlSchema = refined(oauthUrlProblem);

export const scopesSchema = z
  .array(z.enum(SCOPES, { error: `must be Worksection scopes: ${SCOPES.join(', ')}` }))
  .min(1, { error: 'must name at least one scope' });

export const oauthSettingsSchema = z.strictObject({
  /** The OAuth2 server (global for Worksection, the sandbox's URL in demo and tests). */
  oauthUrl: oauthUrlSchema,
  clientId: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
  clientSecret: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
  redirectUri: redirectUriSchema,
  scopes: scopesSchema,
});

export type OAuthSettings = z.output<typeof oauthSettingsSchema>;

const WRITE_SCOPES: readonly Scope[] = SCOPES.filter((s) => s.endsWith('_write'));

/** Read scopes by default; the write scopes too once the user enables writing. `administrative` is never implied. */
export function defaultScopes(writesEnabled: boolean): Scope[] {
  return writesEnabled ? [...READ_SCOPES, ...WRITE_SCOPES] : [...READ_SCOPES];
}

/** "a,b c" as Worksection documents scope lists (comma separated; spaces tolerated). */
export function parseScopeList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Where the callback server listens: exactly the host, port and path of the redirect URI. */
export interface CallbackAddress {
  /** Addresses to bind: localhost means both loopback families, as a browser may try either. */
  hosts: string[];
  /** 0 picks a free port (tests, the demo); the effective URI then carries the real one. */
  port: number;
  path: string;
}

export function callbackAddress(redirectUri: string): CallbackAddress {
  const url = new URL(redirectUri);
  const hosts = url.hostname === 'localhost' ? ['127.0.0.1', '::1'] : [url.hostname.replace(/^\[|\]$/g, '')];
  return { hosts, port: url.port === '' ? 443 : Number(url.port), path: url.pathname };
}
