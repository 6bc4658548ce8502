// The interactive sign-in against the sandbox's OAuth2 server, with the test playing the browser: the
// consent page, the redirect, and the HTTPS callback with the generated certificate. Every outcome ends
// with the callback port closed.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  browserSpy,
  consentRedirect,
  expectClosed,
  harness,
  portOf,
  visit,
  type Harness,
} from './testing/sign-in.js';
import { SignInError } from './errors.js';
import { resourceOwner } from './identity.js';
import { signIn, type SignInOptions } from './sign-in.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function start(hh: Harness, extra: Partial<SignInOptions> = {}) {
  const browser = browserSpy();
  const result = signIn({
    settings: hh.settings,
    tls: hh.tls,
    openUrl: browser.openUrl,
    accept: (tokens) => hh.session.adopt(tokens),
    now: () => hh.clock.t,
    ...extra,
  });
  result.catch(() => {}); // inspected by each test
  return { browser, result };
}

async function failure(p: Promise<unknown>): Promise<SignInError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SignInError);
  return err as SignInError;
}

describe('signIn', () => {
  it('completes through the HTTPS callback, saves the tokens, then closes the port', async () => {
    h = await harness();
    const { browser, result } = start(h);
    const authorize = new URL(await browser.opened);
    expect(authorize.pathname).toBe('/oauth2/authorize');
    expect(authorize.searchParams.get('scope')).toBe('projects_read,tasks_read,users_read');
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toMatch(/^https:\/\/localhost:\d+\/callback$/);

    const callback = await consentRedirect(authorize.toString());
    const page = await visit(callback, h.tls);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");

    const tokens = await result;
    expect(tokens.scopes).toEqual(['projects_read', 'tasks_read', 'users_read']);
    expect(tokens.accountUrl).toBe(h.sandbox.url);
    expect((await h.vault.read()).oauth).toEqual(tokens);
    expect(h.session.state.current).toMatchObject({ kind: 'signed_in', mode: 'oauth' });
    await expectClosed(portOf(redirectUri));

    const me = await resourceOwner(h.settings, h.session);
    const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId);
    expect(me.email).toBe(owner?.email);
    expect(h.session.state.current).toMatchObject({ user: { email: owner?.email } });
    expect(browser.calls).toHaveLength(1);
  });

  it('reuses the stored certificate for the next sign-in', async () => {
    h = await harness();
    const { loadOrCreateCertificate } = await import('./certificate.js');
    const again = await loadOrCreateCertificate(h.secretsDir);
    expect(again.created).toBe(false);
    expect(again.cert).toBe(h.tls.cert);
  });

  it('rejects a callback whose state does not match, without exchanging its code', async () => {
    h = await harness();
    const { browser, result } = start(h);
    const callback = await consentRedirect(await browser.opened);
    callback.searchParams.set('state', 'forged-state');
    const page = await visit(callback, h.tls);
    expect(page.status).toBe(400);
    expect(page.body).toContain('state mismatch');
    const err = await failure(result);
    expect(err.reason).toBe('state_mismatch');
    expect(h.sandbox.requests().filter((r) => r.path === '/oauth2/token')).toEqual([]);
    await expectClosed(portOf(callback));
    expect(h.session.state.current.kind).toBe('signed_out');
  });

  it('reports a reused code as refused by Worksection', async () => {
    h = await harness();
    const first = start(h);
    const used = await consentRedirect(await first.browser.opened);
    await visit(used, h.tls);
    await first.result;

    const second = start(h);
    const callback = await consentRedirect(await second.browser.opened);
    callback.searchParams.set('code', used.searchParams.get('code') ?? '');
    const page = await visit(callback, h.tls);
    expect(page.status).toBe(400);
    const err = await failure(second.result);
    expect(err.reason).toBe('exchange_refused');
    expect(err.message).toBe(
      'Worksection refused the authorization code: Authorization code has been revoked (invalid_request). Start the sign-in again.',
    );
    expect(page.body).toContain('Authorization code has been revoked');
    await expectClosed(portOf(callback));
  });

  it('reports an expired code', async () => {
    h = await harness({ lifetimes: { codeSeconds: 2 } });
    const { browser, result } = start(h);
    const callback = await consentRedirect(await browser.opened);
    h.clock.t += 3_000;
    await visit(callback, h.tls);
    const err = await failure(result);
    expect(err.reason).toBe('exchange_refused');
    expect(err.message).toContain('Authorization code has expired');
    await expectClosed(portOf(callback));
  });

  it('reports denied consent', async () => {
    h = await harness();
    const { browser, result } = start(h);
    const callback = await consentRedirect(await browser.opened, false);
    const page = await visit(callback, h.tls);
    expect(page.status).toBe(403);
    const err = await failure(result);
    expect(err.reason).toBe('denied');
    expect(err.message).toBe('Access was denied on the Worksection consent page; nothing was shared.');
    await expectClosed(portOf(callback));
  });

  it('gives up after the timeout and closes the port', async () => {
    h = await harness();
    const { browser, result } = start(h, { timeoutMs: 200 });
    const opened = await browser.opened;
    const err = await failure(result);
    expect(err.reason).toBe('timeout');
    expect(err.message).toBe('No answer came back from the browser within 1 s; start the sign-in again.');
    await expectClosed(portOf(new URL(opened).searchParams.get('redirect_uri') ?? ''));
  });

  it('escapes what it echoes from the callback', async () => {
    h = await harness();
    const { browser, result } = start(h);
    const callback = await consentRedirect(await browser.opened, false);
    callback.searchParams.set('error', 'server_error"><script>alert(1)</script>');
    callback.searchParams.set('error_description', '<img src=x onerror=alert(2)>');
    const page = await visit(callback, h.tls);
    expect(page.body).not.toMatch(/<script>|<img/);
    expect(page.body).toContain('&#60;img src=x onerror=alert(2)&#62;');
    expect((await failure(result)).reason).toBe('authorization_error');
  });

  it('answers other paths with 404 and keeps waiting for the real callback', async () => {
    h = await harness();
    const { browser, result } = start(h);
    const callback = await consentRedirect(await browser.opened);
    const stray = new URL('/favicon.ico', callback);
    expect((await visit(stray, h.tls)).status).toBe(404);
    expect((await visit(callback, h.tls)).status).toBe(200);
    await result;
  });

  it('says so when the redirect URI port is taken', async () => {
    h = await harness();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { browser, result } = start(h, {
        settings: { ...h.settings, redirectUri: `https://127.0.0.1:${port}/cb` },
      });
      const err = await failure(result);
      expect(err.reason).toBe('port_in_use');
      expect(err.message).toContain(`Port ${port} is in use by another program`);
      expect(browser.calls).toEqual([]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('closes the port when the browser cannot be opened, or the sign-in is cancelled', async () => {
    h = await harness();
    let uri = '';
    const broken = signIn({
      settings: h.settings,
      tls: h.tls,
      openUrl: (url) => {
        uri = new URL(url).searchParams.get('redirect_uri') ?? '';
        throw new Error('xdg-open: no method available for opening');
      },
    });
    const err = await failure(broken);
    expect(err.reason).toBe('browser_failed');
    expect(err.message).toBe(
      'Could not open the browser for the sign-in: xdg-open: no method available for opening.',
    );
    await expectClosed(portOf(uri));

    const controller = new AbortController();
    const { browser, result } = start(h, { signal: controller.signal });
    const opened = await browser.opened;
    controller.abort();
    expect((await failure(result)).reason).toBe('cancelled');
    await expectClosed(portOf(new URL(opened).searchParams.get('redirect_uri') ?? ''));
  });
});
