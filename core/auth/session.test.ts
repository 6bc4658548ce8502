// The OAuth session as the client's TokenProvider, against the sandbox with token lifetimes of seconds on
// a hand-driven clock: one refresh for many concurrent calls, the rotated pair on disk before it is used,
// and a refused refresh ending in "sign-in needed" without ever opening a browser.
import { writeFile, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthInvalidError } from '../worksection/errors.js';
import { WorksectionClient } from '../worksection/client.js';
import { Vault } from '../vault/vault.js';
import { passphraseBackend } from '../vault/passphrase.js';
import {
  browserSpy,
  consentRedirect,
  FAST_SCRYPT,
  harness,
  PASSPHRASE,
  visit,
  type Harness,
} from './testing/sign-in.js';
import type { AccountStatus } from './account-state.js';
import { OAuthSession } from './session.js';
import { signIn } from './sign-in.js';

let h: Harness | undefined;
let client: WorksectionClient | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await h?.close();
  h = undefined;
});

/** A vault whose next write can be held at a gate, or made to fail. */
class GatedVault extends Vault {
  failNext: Error | undefined;
  private gate: { entered: () => void; released: Promise<void> } | undefined;

  hold(): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((r) => (entered = r));
    this.gate = { entered, released: new Promise<void>((r) => (release = r)) };
    return { entered: enteredP, release };
  }

  override async update(...args: Parameters<Vault['update']>): ReturnType<Vault['update']> {
    const gate = this.gate;
    this.gate = undefined;
    if (gate) {
      gate.entered();
      await gate.released;
    }
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    return super.update(...args);
  }
}

/** Signs in through the real flow; returns the browser spy so tests can prove it is never used again. */
async function signedIn(hh: Harness, session = hh.session) {
  const browser = browserSpy();
  const result = signIn({
    settings: hh.settings,
    tls: hh.tls,
    openUrl: browser.openUrl,
    accept: (t) => session.adopt(t),
    now: () => hh.clock.t,
  });
  await visit(await consentRedirect(await browser.opened), hh.tls);
  await result;
  client = new WorksectionClient({
    accountUrl: hh.sandbox.url,
    auth: { kind: 'oauth', tokens: session },
    scheduler: { ratePerSecond: 0, retry: { baseMs: 10, capMs: 50 } },
  });
  return { browser, client };
}

const events = (c: WorksectionClient, i: number) =>
  c.call('get_events', { period: `${i + 1}m` }, { caller: `c${i % 4}` });
const refreshes = (hh: Harness) => hh.sandbox.requests().filter((r) => r.path === '/oauth2/refresh');

describe('OAuthSession', () => {
  it('renews ahead of expiry once for 20 concurrent calls, saving the new pair before any call uses it', async () => {
    h = await harness({ lifetimes: { accessSeconds: 60 } });
    const vault = new GatedVault(h.vault.file, passphraseBackend(PASSPHRASE, h.secretsDir, FAST_SCRYPT));
    const session = new OAuthSession({ client: h.settings, vault, now: () => (h as Harness).clock.t });
    const { client: c } = await signedIn(h, session);
    await events(c, 99);
    const before = await vault.read();
    h.clock.t += 55_000; // inside the renewal window (the last tenth of the lifetime), not yet expired

    const gate = vault.hold();
    const calls = Promise.all(Array.from({ length: 20 }, (_, i) => events(c, i)));
    await gate.entered;
    // The refresh has rotated the pair upstream, but until it is on disk no call goes out with it. (A
    // short pause gives a wrong implementation the chance to send; a right one never does.)
    await new Promise((r) => setTimeout(r, 150));
    const apiSoFar = h.sandbox.requests().filter((r) => r.path.startsWith('/api/')).length;
    expect(refreshes(h)).toHaveLength(1);
    gate.release();
    const results = await calls;

    expect(results).toHaveLength(20);
    expect(refreshes(h)).toHaveLength(1);
    const api = h.sandbox.requests().filter((r) => r.path.startsWith('/api/'));
    expect(apiSoFar).toBe(1); // only the warm-up call
    expect(api.every((r) => r.status === 200)).toBe(true); // never an expired token sent
    const after = await vault.read();
    expect(after.oauth?.refreshToken).not.toBe(before.oauth?.refreshToken);
    expect(session.state.current).toMatchObject({ kind: 'signed_in', expiresAt: after.oauth?.expiresAt });
  });

  it('keeps working on a renewed pair it could not save, and says a restart will need a sign-in', async () => {
    h = await harness({ lifetimes: { accessSeconds: 60 } });
    const vault = new GatedVault(h.vault.file, passphraseBackend(PASSPHRASE, h.secretsDir, FAST_SCRYPT));
    const session = new OAuthSession({ client: h.settings, vault, now: () => (h as Harness).clock.t });
    const { client: c } = await signedIn(h, session);
    h.clock.t += 59_000;
    vault.failNext = new Error('ENOSPC: no space left on device');
    await expect(events(c, 1)).resolves.toBeDefined();
    expect(session.state.current).toMatchObject({
      kind: 'signed_in',
      warning:
        'The renewed sign-in could not be saved (ENOSPC: no space left on device); after a restart you will need to sign in again.',
    });
  });

  it('renews once when Worksection says the token expired before our clock did (401 path)', async () => {
    h = await harness();
    const { client: c } = await signedIn(h);
    await events(c, 99);
    await fetch(`${h.sandbox.url}/__sandbox/expire-tokens`, { method: 'POST' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => events(c, i)));
    expect(results).toHaveLength(20);
    expect(refreshes(h)).toHaveLength(1);
    expect(h.sandbox.requests().filter((r) => r.status === 401).length).toBeGreaterThan(0);
  });

  it('marks the account "sign-in needed" when the refresh token is revoked, and opens no browser', async () => {
    h = await harness({ lifetimes: { accessSeconds: 60 } });
    const { browser, client: c } = await signedIn(h);
    const seen: AccountStatus[] = [];
    h.session.state.subscribe((s) => seen.push(s));
    const revoked = await fetch(`${h.sandbox.url}/__sandbox/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: (await h.vault.read()).oauth?.refreshToken }),
    });
    expect(await revoked.json()).toEqual({ status: 'ok', revoked: true });
    h.clock.t += 61_000;

    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => events(c, i)));
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AuthInvalidError);
    }
    expect(h.session.state.current).toEqual({
      kind: 'sign_in_needed',
      reason: 'Worksection refused the saved sign-in: Token has been revoked (invalid_request).',
    });
    expect(seen.map((s) => s.kind)).toEqual(['sign_in_needed']);
    expect(browser.calls).toHaveLength(1); // the original sign-in, nothing since
    expect(refreshes(h)).toHaveLength(1);

    // Later calls fail at once, without asking the token endpoint again.
    await expect(events(c, 50)).rejects.toBeInstanceOf(AuthInvalidError);
    expect(refreshes(h)).toHaveLength(1);
    expect(browser.calls).toHaveLength(1);
  });

  it('picks up a sign-in made by another process, which lifts "sign-in needed"', async () => {
    h = await harness({ lifetimes: { accessSeconds: 60 } });
    const { client: c } = await signedIn(h);
    await fetch(`${h.sandbox.url}/__sandbox/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: (await h.vault.read()).oauth?.refreshToken }),
    });
    h.clock.t += 61_000;
    await expect(events(c, 1)).rejects.toBeInstanceOf(AuthInvalidError);
    expect(h.session.state.current.kind).toBe('sign_in_needed');

    // `wsmcp login` elsewhere: its own session over the same vault file.
    const other = new OAuthSession({
      client: h.settings,
      vault: new Vault(h.vault.file, passphraseBackend(PASSPHRASE, h.secretsDir, FAST_SCRYPT)),
      now: () => (h as Harness).clock.t,
    });
    const browser = browserSpy();
    const result = signIn({
      settings: h.settings,
      tls: h.tls,
      openUrl: browser.openUrl,
      accept: (t) => other.adopt(t),
      now: () => (h as Harness).clock.t,
    });
    await visit(await consentRedirect(await browser.opened), h.tls);
    await result;

    await expect(events(c, 2)).resolves.toBeDefined();
    expect(h.session.state.current.kind).toBe('signed_in');
  });

  it('turns an unreadable vault into "sign-in needed" with one line, and a new sign-in replaces it', async () => {
    h = await harness();
    await signedIn(h);
    const bytes = await readFile(h.vault.file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x10;
    await writeFile(h.vault.file, bytes);

    const fresh = new OAuthSession({
      client: h.settings,
      vault: new Vault(h.vault.file, passphraseBackend(PASSPHRASE, h.secretsDir, FAST_SCRYPT)),
      now: () => (h as Harness).clock.t,
    });
    const status = await fresh.load();
    expect(status.kind).toBe('sign_in_needed');
    if (status.kind === 'sign_in_needed') {
      expect(status.reason).toMatch(/^The secrets vault failed its integrity check[^\n]*sign in again/);
    }
    await expect(fresh.getAccessToken()).rejects.toBeInstanceOf(AuthInvalidError);
    expect((await readFile(h.vault.file)).equals(bytes)).toBe(true);

    await signedIn(h, fresh);
    expect(fresh.state.current.kind).toBe('signed_in');
  });

  it('signs out by forgetting the tokens, here or in another process', async () => {
    h = await harness();
    await signedIn(h);
    await h.session.signOut();
    expect(h.session.state.current).toEqual({ kind: 'signed_out' });
    expect((await h.vault.read()).oauth).toBeUndefined();
    await expect(h.session.getAccessToken()).rejects.toBeInstanceOf(AuthInvalidError);

    client?.close();
    await signedIn(h);
    const elsewhere = new Vault(h.vault.file, passphraseBackend(PASSPHRASE, h.secretsDir, FAST_SCRYPT));
    await elsewhere.erase(); // `wsmcp logout` in another process
    await expect(h.session.getAccessToken()).rejects.toBeInstanceOf(AuthInvalidError);
    expect(h.session.state.current).toEqual({ kind: 'signed_out' });
  });
});
