// The Clients panel's connect cards, clicked through in Chromium against `wsmcp serve --demo` whose clients
// live in a temporary home folder (WSMCP_CLIENTS_HOME): Connect shows the diff and writes the file with a
// token made for that client; Claude Desktop's copied config is the entry the app writes and its token
// works; Disconnect removes only our entry; refusals say why; the .mcpb extension downloads.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { clientById } from '../../core/clients/specs/index';
import { hostOs } from '../../core/clients/host-os';
import { REPO_ROOT } from '../mcp/cli-run';
import {
  expectAccessible,
  freshUiUrl,
  mcpClient,
  openApp,
  openPanel,
  test,
  expect,
  type Served,
} from './testing/fixtures';

test.describe.configure({ mode: 'serial' });

const configOf = (served: Served, id: string): string =>
  clientById(id)!.configPath(hostOs({ platform: process.platform, home: served.clientsHome }));

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const card = (page: Page, label: string) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });

const tokenRow = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Client tokens' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });

async function clientsPanel(page: Page, served: Served): Promise<void> {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Clients');
  await expect(card(page, 'Cursor')).toBeVisible();
}

test('connects Cursor: the diff first, then the file, with a token named after it', async ({
  page,
  served,
}) => {
  const file = configOf(served, 'cursor');
  write(file, '{\n  // my servers\n  "mcpServers": { "other": { "url": "http://127.0.0.1:1/mcp" } }\n}\n');
  await clientsPanel(page, served);
  await expectAccessible(page, 'the Clients panel');
  const cursor = card(page, 'Cursor');
  await expect(cursor.getByText('Not connected')).toBeVisible();
  await expect(tokenRow(page, 'Cursor')).toHaveCount(0);

  await cursor.getByRole('button', { name: 'Connect for Cursor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Cursor' });
  await expect(dialog.getByText('+    "worksection": {')).toBeVisible();
  await expect(dialog.getByText('// my servers')).toBeVisible();
  await expectAccessible(page, 'the connect dialog');
  expect(readFileSync(file, 'utf8')).not.toContain('worksection');

  await dialog.getByRole('button', { name: 'Write the change' }).click();
  await expect(dialog.getByText(`Wrote ${file}.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const written = readFileSync(file, 'utf8');
  expect(written).toContain('// my servers');
  expect(written).toContain(`"url": "${served.mcpUrl}"`);
  await expect(cursor.getByText('Connected', { exact: true })).toBeVisible();
  await expect(tokenRow(page, 'Cursor')).toHaveCount(1);

  // The token in the file is Cursor's own and it works.
  const token = /Bearer (wsmcp_[\w-]+)/.exec(written)![1]!;
  const client = await mcpClient(served, token);
  try {
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  } finally {
    await client.close();
  }
});

test('copies the config for Claude Desktop: the entry the app writes, with a working token of its own', async ({
  page,
  served,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
  await clientsPanel(page, served);
  const desktop = card(page, 'Claude Desktop');
  await desktop.getByRole('button', { name: 'Copy config for Claude Desktop' }).click();
  await expect(desktop.getByText(/^Copied\./)).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const entry = (JSON.parse(text) as { mcpServers: { worksection: { env: { WSMCP_TOKEN: string } } } })
    .mcpServers.worksection;
  expect(entry).toEqual({
    command: process.execPath,
    args: [join(REPO_ROOT, 'dist', 'core', 'cli.js'), 'bridge', '--url', served.mcpUrl],
    env: { WSMCP_TOKEN: entry.env.WSMCP_TOKEN },
  });
  await expect(tokenRow(page, 'Claude Desktop')).toHaveCount(1);
  const client = await mcpClient(served, entry.env.WSMCP_TOKEN);
  try {
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  } finally {
    await client.close();
  }

  // Connect writes the same entry into Claude Desktop's file (with a fresh token: the copy was not pasted).
  await desktop.getByRole('button', { name: 'Connect for Claude Desktop' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Claude Desktop' });
  await expect(dialog.getByText('+    "worksection": {')).toBeVisible();
  await dialog.getByRole('button', { name: 'Write the change' }).click();
  await expect(dialog.getByText('Quit Claude Desktop completely', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const file = JSON.parse(readFileSync(configOf(served, 'claude-desktop'), 'utf8')) as {
    mcpServers: { worksection: unknown };
  };
  expect(file.mcpServers.worksection).toEqual({
    ...entry,
    env: { WSMCP_TOKEN: expect.stringMatching(/^wsmcp_/) as unknown },
  });
});

test('disconnects Cursor: our entry and its token go, the other servers stay', async ({ page, served }) => {
  const file = configOf(served, 'cursor');
  await clientsPanel(page, served);
  const cursor = card(page, 'Cursor');
  await cursor.getByRole('button', { name: 'Disconnect for Cursor' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Disconnect Cursor?' });
  await expectAccessible(page, 'the disconnect confirmation');
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText(`Removed "worksection" from ${file}.`, { exact: false })).toBeVisible();
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('"other"');
  expect(text).toContain('// my servers');
  expect(text).not.toContain('worksection');
  await expect(cursor.getByText('Not connected')).toBeVisible();
  await expect(tokenRow(page, 'Cursor')).toHaveCount(0);
});

test("says why a file is refused, and replaces someone else's entry only when told", async ({
  page,
  served,
}) => {
  write(configOf(served, 'windsurf'), '{ "mcpServers": ');
  const gemini = configOf(served, 'gemini-cli');
  write(gemini, JSON.stringify({ mcpServers: { worksection: { command: 'my-own-server' } } }));
  await clientsPanel(page, served);

  const windsurf = card(page, 'Windsurf');
  await expect(windsurf.getByText('Config unreadable')).toBeVisible();
  // By keyboard: focus the button, Enter opens the dialog, Escape closes it.
  await windsurf.getByRole('button', { name: 'Connect for Windsurf' }).focus();
  await page.keyboard.press('Enter');
  let dialog = page.getByRole('dialog', { name: 'Connect Windsurf' });
  await expect(dialog.getByRole('alert')).toContainText('Fix or delete it');
  await expect(dialog.getByRole('button', { name: 'Write the change' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await card(page, 'Gemini CLI').getByRole('button', { name: 'Connect for Gemini CLI' }).click();
  dialog = page.getByRole('dialog', { name: 'Connect Gemini CLI' });
  await expect(dialog.getByRole('alert')).toContainText('that this app did not write');
  await expectAccessible(page, 'a refused connect');
  await dialog.getByRole('button', { name: 'Replace that entry (a backup is kept)' }).click();
  await expect(dialog.getByText(/^-.*"my-own-server"/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Write the change' }).click();
  await expect(dialog.getByText(`Wrote ${gemini}.`)).toBeVisible();
  expect(readFileSync(gemini, 'utf8')).not.toContain('my-own-server');
});

test('downloads the Claude Desktop extension (.mcpb)', async ({ page, served }) => {
  await clientsPanel(page, served);
  const download = page.waitForEvent('download');
  await card(page, 'Claude Desktop').getByRole('link', { name: 'Download extension (.mcpb)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('worksection.mcpb');
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.includes('manifest.json')).toBe(true);
});

test('the OpenAPI entry: the URL, a token that the REST routes take, the Open WebUI steps', async ({
  page,
  served,
}) => {
  await clientsPanel(page, served);
  const origin = new URL(served.mcpUrl).origin;
  const entry = page.getByRole('region', { name: 'OpenAPI' });
  await expect(entry.getByText(origin, { exact: true })).toBeVisible();
  await expect(entry.getByText(`${origin}/openapi.json`, { exact: true })).toBeVisible();
  await expect(entry.getByRole('link', { name: `${origin}/docs` })).toBeVisible();
  await expect(
    entry.getByRole('listitem').filter({ hasText: 'In Open WebUI open Admin Panel' }),
  ).toBeVisible();
  await expect(entry.getByTestId('openapi-token')).toHaveCount(0);

  await entry.getByLabel('Token scope').selectOption('read');
  await entry.getByRole('button', { name: 'Make an OpenAPI token' }).click();
  const token = (await entry.getByTestId('openapi-token').textContent()) ?? '';
  expect(token).toMatch(/^wsmcp_/);
  await expect(tokenRow(page, 'OpenAPI')).toHaveCount(1);
  await expect(tokenRow(page, 'OpenAPI').getByText('read only')).toBeVisible();
  await expectAccessible(page, 'the OpenAPI entry with its token');

  const call = (tool: string) =>
    fetch(`${origin}/tools/${tool}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
  expect((await call('list_tags')).status).toBe(200);
  expect((await call('create_task')).status).toBe(403);
});
