// The desktop app's first run in a real browser: a data dir never signed in, served by an app whose host can
// restart it (as the desktop's does), its Worksection the sandbox. The Account page asks for the OAuth app,
// the consent page approves, the page says the server restarts, and the restarted server is signed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../core/app/app.js';
import { harness, PASSPHRASE, type Harness } from '../../core/auth/testing/sign-in.js';
import { loadConfig } from '../../core/config.js';
import { NO_BROWSER } from './testing/browser';
import { expect, expectAccessible, openPanel, test } from './testing/fixtures';

test.skip(NO_BROWSER !== undefined, NO_BROWSER);

let h: Harness | undefined;
let app: App | undefined;
let home = '';
test.afterEach(async () => {
  await app?.stop();
  await h?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  app = h = undefined;
  home = '';
});

test('a first run signs in from the Account page and restarts onto it', async ({ page, context }) => {
  h = await harness({ now: Date.now });
  home = mkdtempSync(join(tmpdir(), 'wsmcp-first-run-home-'));
  const config = loadConfig({
    flags: { port: '0', dataDir: h.dataDir, oauthUrl: h.sandbox.url, redirectUri: h.settings.redirectUri },
    env: { WSMCP_PASSPHRASE: PASSPHRASE, WSMCP_CLIENTS_HOME: home },
  });
  let restarts = 0;
  const host = { log: () => undefined, control: { restart: () => void restarts++ } };
  app = createApp(config, host);
  const first = await app.start();

  await page.goto(first.uiUrl);
  await openPanel(page, 'Account');
  const card = page.getByRole('region', { name: 'Sign-in' });
  await expect(card.getByText('Signed out', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Admin API key' })).toBeVisible();
  await expectAccessible(page, 'the Account page on a first run');

  const form = card.getByRole('form', { name: 'OAuth app' });
  await form.getByLabel('OAuth app client ID').fill(h.sandbox.oauthClient.id);
  await form.getByLabel('Client secret').fill(h.sandbox.oauthClient.secret);
  const consent = context.waitForEvent('page');
  await form.getByRole('button', { name: 'Sign in with Worksection' }).click();
  const popup = await consent;
  await popup.getByRole('button', { name: 'Approve' }).click();
  await expect(popup.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await popup.close();
  await expect(card.getByText('Signed in. The server restarts on the new sign-in…')).toBeVisible();
  await expect.poll(() => restarts).toBe(1);

  // The desktop host's restart: a new app on the same data dir; its window loads a fresh address.
  await app.stop();
  app = createApp(config, host);
  const second = await app.start();
  await page.goto(second.uiUrl);
  await openPanel(page, 'Account');
  await expect(card.getByText('Signed in', { exact: true })).toBeVisible();
  await expect(card.getByText('OAuth (Worksection sign-in)')).toBeVisible();
});
