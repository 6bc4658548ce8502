// The UI end to end: a real Chromium against `wsmcp serve --demo` (its sandbox as Worksection), driven as
// a user would, with an MCP SDK client making the calls the UI reports.
import { readFile } from 'node:fs/promises';
import {
  expectAccessible,
  freshUiUrl,
  mcpClient,
  openApp,
  openPanel,
  test,
  expect,
} from './testing/fixtures';

test.describe.configure({ mode: 'serial' });

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
};

test('the printed address opens the app once, then lands on a clean address', async ({
  page,
  served,
  browser,
  consoleProblems,
}) => {
  await openApp(page, served);
  expect(new URL(page.url()).search).toBe('');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText(served.mcpUrl)).toBeVisible();

  const other = await browser.newContext();
  const again = await other.newPage();
  const res = await again.goto(served.uiUrl);
  expect(res?.status()).toBe(403);
  await expect(again.getByRole('heading', { name: 'This address was already used' })).toBeVisible();
  // Without a session the app says how to get one instead of showing anything.
  await again.goto(served.origin);
  await expect(again.getByRole('heading', { name: 'Open the app from its address' })).toBeVisible();
  await other.close();
  expect(consoleProblems).toEqual([]);
});

test('signs out and back in through the sandbox consent page', async ({ page, served, context }) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Account');
  const card = page.getByRole('region', { name: 'Sign-in' });
  await expect(card.getByText('Signed in', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(card.getByText('Signed out', { exact: true })).toBeVisible();

  const consent = context.waitForEvent('page');
  await card.getByRole('button', { name: 'Sign in with Worksection' }).click();
  const popup = await consent;
  await popup.getByRole('button', { name: 'Approve' }).click();
  await expect(popup.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await popup.close();
  await expect(card.getByText('Signed in', { exact: true })).toBeVisible();
  await expect(card.getByText(/expires in/)).toBeVisible();
});

test('a new client token is shown once, and its calls appear in the live log within a second', async ({
  page,
  served,
}) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Clients');
  await page.getByLabel('Client name').fill('e2e-cursor');
  await page.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Token for "e2e-cursor"' });
  const token = (await dialog.getByTestId('new-token').textContent()) ?? '';
  expect(token).toMatch(/^wsmcp_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('cell', { name: 'e2e-cursor', exact: true })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);

  await openPanel(page, 'Call log');
  await page.evaluate(() => {
    const seen = new Map<number, number>();
    (window as unknown as { seen: Map<number, number> }).seen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-call-id]')) {
        const id = Number(el.dataset.callId);
        if (!seen.has(id)) seen.set(id, Date.now());
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const client = await mcpClient(served, token);
  try {
    const result = await client.callTool({ name: 'list_tags', arguments: { type: 'status' } });
    const ended = Date.now();
    expect(result.isError).toBeFalsy();
    const row = page.locator('[data-call-id]', { hasText: 'list_tags' }).filter({ hasText: 'e2e-cursor' });
    await expect(row).toHaveCount(1);
    const id = Number(await row.getAttribute('data-call-id'));
    const shownAt = await page.evaluate(
      (i) => (window as unknown as { seen: Map<number, number> }).seen.get(i) ?? 0,
      id,
    );
    expect(shownAt - ended).toBeLessThan(1_000);

    await row.getByRole('button', { name: 'list_tags' }).click();
    const drawer = page.getByRole('dialog', { name: 'list_tags' });
    await expect(drawer.getByText('"type": "status"')).toBeVisible();
    await expect(drawer.getByRole('heading', { name: 'Answer (its beginning)' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    await page.getByLabel('Search').fill('no-such-call-anywhere');
    await expect(page.getByText('No calls match these filters')).toBeVisible();
  } finally {
    await client.close();
  }
});

test('switching a tool off takes it out of tools/list at once', async ({ page, served }) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Tools');
  const client = await mcpClient(served, served.token);
  try {
    const names = async () => (await client.listTools()).tools.map((t) => t.name);
    expect(await names()).toContain('list_webhooks');
    const toggle = page.getByRole('switch', { name: 'list_webhooks' });
    await toggle.uncheck();
    await expect(toggle).not.toBeChecked();
    expect(await names()).not.toContain('list_webhooks');
    await toggle.check();
    await expect(toggle).toBeChecked();
    expect(await names()).toContain('list_webhooks');
  } finally {
    await client.close();
  }
});

test('cache statistics move after repeated calls', async ({ page, served }) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Cache');
  const hits = page.getByRole('region', { name: 'Response cache' }).getByText(/\d+ hits/);
  const count = async () => Number(/(\d+) hits/.exec((await hits.textContent()) ?? '')?.[1]);
  const before = await count();
  const client = await mcpClient(served, served.token);
  try {
    for (let i = 0; i < 3; i += 1) await client.callTool({ name: 'list_projects', arguments: {} });
  } finally {
    await client.close();
  }
  await expect.poll(count, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
});

test('stopping the server from Overview answers MCP clients 503 until it starts again', async ({
  page,
  served,
}) => {
  await openApp(page, served, await freshUiUrl(served));
  const post = () =>
    fetch(served.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${served.token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(initialize),
    });
  await page.getByRole('button', { name: 'Stop server' }).click();
  await expect(page.getByText('Stopped', { exact: true }).first()).toBeVisible();
  const stopped = await post();
  expect(stopped.status).toBe(503);
  expect(await stopped.text()).toContain('stopped in the Worksection MCP app');
  await page.getByRole('button', { name: 'Start server' }).first().click();
  await expect(page.getByText('Running', { exact: true })).toBeVisible();
  expect((await post()).status).toBe(200);
});

test('exports the filtered log as CSV and JSON Lines', async ({ page, served }) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Call log');
  await page.getByLabel('Tool', { exact: true }).selectOption('list_projects');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await csvDownload).path()) ?? '', 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^id,time,client,method,target,status/);
  expect(lines.length).toBeGreaterThanOrEqual(4);
  expect(lines.slice(1).every((l) => l.includes(',list_projects,'))).toBe(true);

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON Lines' }).click();
  const rows = (await readFile((await (await jsonDownload).path()) ?? '', 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { target: string });
  expect(rows.length).toBe(lines.length - 1);
  expect(new Set(rows.map((r) => r.target))).toEqual(new Set(['list_projects']));
});

test('every panel passes axe-core in light and dark, without console errors', async ({ page, served }) => {
  await openApp(page, served, await freshUiUrl(served));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const panel of ['Overview', 'Account', 'Clients', 'Tools', 'Cache', 'Call log', 'Settings']) {
      await openPanel(page, panel);
      await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
      await expectAccessible(page, `${panel} (${scheme})`);
    }
  }
});

test("the tray's link to a client opens that client's connect dialog, until closed", async ({
  page,
  served,
}) => {
  // What the desktop window loads for "Connect another client ▸ Windsurf" (electron/window/ui-address.ts).
  const address = new URL(await freshUiUrl(served));
  address.hash = '/clients/windsurf';
  await openApp(page, served, address.toString());
  const dialog = page.getByRole('dialog', { name: 'Connect Windsurf' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/#\/clients$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await expect(dialog).toBeHidden();
});
