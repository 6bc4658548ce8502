// What the window may do, decided by pure functions the window wires to Electron's events: it stays on
// core's UI origin, opens no windows of its own, gets no permission (camera, notifications, clipboard
// read…), and hands links to the system browser only when they are on the allow-list. Anything else is
// dropped: a compromised page must not reach file:, custom protocol handlers or an arbitrary site.

/** Hosts (and their subdomains) the system browser may be asked to open, over https only. */
const EXTERNAL_HOSTS: readonly string[] = ['worksection.com', 'github.com', 'modelcontextprotocol.io'];

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The UI's own pages: exactly core's loopback origin (scheme, host and port). */
export function isUiUrl(url: string, uiOrigin: string): boolean {
  const u = parse(url);
  return u !== undefined && u.origin === new URL(uiOrigin).origin;
}

/**
 * `trusted`: exact origins core names besides the list (the OAuth consent page and the account, which may
 * be self-hosted or the built-in sandbox on loopback).
 */
export function isAllowedExternal(url: string, trusted: readonly string[] = []): boolean {
  const u = parse(url);
  if (!u || u.username || u.password) return false;
  if ((u.protocol === 'https:' || u.protocol === 'http:') && trusted.includes(u.origin)) return true;
  if (u.protocol !== 'https:') return false;
  const host = u.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

export type LinkDecision = { allow: true } | { allow: false; openExternal?: string };

/** will-navigate / will-redirect: in-app navigation stays in the UI; an allowed link goes to the browser. */
export function navigationDecision(
  url: string,
  uiOrigin: string,
  trusted: readonly string[] = [],
): LinkDecision {
  if (isUiUrl(url, uiOrigin)) return { allow: true };
  return isAllowedExternal(url, trusted) ? { allow: false, openExternal: url } : { allow: false };
}

/** window.open and target=_blank: never a new Electron window. */
export function windowOpenDecision(
  url: string,
  trusted: readonly string[] = [],
): { action: 'deny'; openExternal?: string } {
  return isAllowedExternal(url, trusted) ? { action: 'deny', openExternal: url } : { action: 'deny' };
}

/** Permission requests and checks: the UI needs none. */
export function permissionDecision(_permission: string): false {
  return false;
}
