// Two processes (the HTTP server and a `wsmcp stdio` bridge) renewing the same pair at once over one vault:
// the loser's refusal must not mark a working sign-in "sign-in needed".
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passphraseBackend } from '../vault/passphrase.js';
import { Vault, VAULT_FILE } from '../vault/vault.js';
import {
  browserSpy,
  consentRedirect,
  FAST_SCRYPT,
  harness,
  PASSPHRASE,
  visit,
  type Harness,
} from './testing/sign-in.js';
import { OAuthSession } from './session.js';
import { signIn } from './sign-in.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('two sessions over one vault renewing the same pair', () => {
  it("both end on the winner's pair, neither needs a sign-in, and a fresh start is signed in", async () => {
    h = await harness({ lifetimes: { accessSeconds: 60 } });
    const hh = h;
    const browser = browserSpy();
    const done = signIn({
      settings: hh.settings,
      tls: hh.tls,
      openUrl: browser.openUrl,
      accept: (t) => hh.session.adopt(t),
      now: () => hh.clock.t,
    });
    await visit(await consentRedirect(await browser.opened), hh.tls);
    await done;
    // "Another process": its own vault handle on the same file.
    const otherVault = () =>
      new Vault(join(hh.secretsDir, VAULT_FILE), passphraseBackend(PASSPHRASE, hh.secretsDir, FAST_SCRYPT));
    const other = new OAuthSession({ client: hh.settings, vault: otherVault(), now: () => hh.clock.t });
    await other.load();
    const before = (await hh.vault.read()).oauth!;

    hh.sandbox.faults.expireAccessTokens();
    hh.clock.t += 61_000;
    await Promise.all([hh.session.refresh(), other.refresh()]);

    const a = await hh.session.getAccessToken();
    const b = await other.getAccessToken();
    // Equal only if both renewed from the same pair: the loser adopted the winner's.
    expect(a).toBe(b);
    expect((await hh.vault.read()).oauth?.refreshToken).not.toBe(before.refreshToken);
    expect(hh.session.state.current.kind).toBe('signed_in');
    expect(other.state.current.kind).toBe('signed_in');
    expect(hh.session.refusedTokenHash).toBeUndefined();
    expect(other.refusedTokenHash).toBeUndefined();
    expect((await hh.vault.read()).signInNeeded).toBeUndefined();

    const fresh = new OAuthSession({ client: hh.settings, vault: otherVault(), now: () => hh.clock.t });
    expect((await fresh.load()).kind).toBe('signed_in');
    expect(await fresh.getAccessToken()).toBe(a);
    const api = await fetch(`${hh.sandbox.url}/api/oauth2?action=get_users`, {
      headers: { Authorization: `Bearer ${a}` },
    });
    expect(((await api.json()) as { status: string }).status).toBe('ok');
  });
});
