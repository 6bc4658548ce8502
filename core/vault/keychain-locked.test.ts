// Keychains that keytar loads but that cannot keep a secret: none reachable at all, and a locked
// gnome-keyring (where reads answer null without an error). Both must count as unusable, with a reason.
// Its own file: libsecret keeps one bus connection per process.
import { afterAll, describe, expect, it } from 'vitest';
import { openKeychain } from './keychain.js';
import { skipWithoutKeyring, startKeyringSession, type KeyringSession } from './testing/keyring.js';

let session: KeyringSession | undefined;

afterAll(async () => {
  await session?.close();
});

describe('an unusable keychain', () => {
  it('is reported with a reason when no secret service is reachable', async () => {
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.DISPLAY;
    const probe = await openKeychain({ account: 'wsmcp-test' });
    expect(probe.ok).toBe(false);
    if (!probe.ok)
      expect(probe.reason).toMatch(/^(the keychain refused|keytar failed to load|keytar is not installed)/);
  });

  it('is detected when the keyring is locked, by the write-then-read probe', async (ctx) => {
    skipWithoutKeyring(ctx);
    session = await startKeyringSession({ unlock: false });
    process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
    const probe = await openKeychain({ account: 'wsmcp-test', probeTimeoutMs: 20_000 });
    expect(probe.ok).toBe(false);
    if (!probe.ok) expect(probe.reason).toMatch(/locked/);
  });
});
