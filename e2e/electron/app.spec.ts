// The desktop app as a user meets it: it starts into the tray, its window shows the Overview, the tray's
// actions run in the main process, "Copy config for Claude Desktop" puts the bridge entry on the
// clipboard, and that bridge answers an MCP client over stdio through the running app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary } from './electron-binary.js';

const binary = electronBinary();
const MAIN = resolve('dist/electron/main.js');

test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
if ('missing' in binary) console.log(`Electron specs skipped: ${binary.missing}`);

let dataDir: string;
let app: ElectronApplication;

// The demo account (the built-in sandbox) on a free port, in a data dir of its own.
const env = () => ({ ...process.env, WSMCP_DEMO: 'true', WSMCP_PORT: '0', WSMCP_DATA_DIR: dataDir });
type Hook = { run(action: { kind: string }): void; menu(): Array<{ label?: string }> };

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-e2e-electron-'));
  app = await _electron.launch({
    executablePath: 'path' in binary ? binary.path : '',
    args: [MAIN],
    env: env(),
  });
});

test.afterEach(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('launches into the tray with the server running, and the window shows the Overview', async () => {
  const status = await app.evaluate(async () => {
    const hook = (globalThis as unknown as { wsmcpDesktop: Hook }).wsmcpDesktop;
    for (let i = 0; i < 100 && hook.menu()[0]?.label !== 'Running'; i++)
      await new Promise((r) => setTimeout(r, 100));
    return hook.menu()[0]?.label;
  });
  expect(status).toBe('Running');
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Overview' })).toBeVisible();
  // The window is sandboxed and isolated: the page sees the preload's functions, not Node.
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(
    await window.evaluate(() => Object.keys((globalThis as { wsmcpDesktop?: object }).wsmcpDesktop ?? {})),
  ).toEqual(['openExternal', 'checkForUpdates', 'version']);
});

test('Stop and Start server from the tray change the real state', async () => {
  const labels = await app.evaluate(async () => {
    const hook = (globalThis as unknown as { wsmcpDesktop: Hook }).wsmcpDesktop;
    const until = async (label: string) => {
      for (let i = 0; i < 100 && hook.menu()[0]?.label !== label; i++)
        await new Promise((r) => setTimeout(r, 100));
      return hook.menu()[0]?.label;
    };
    const seen = [await until('Running')];
    hook.run({ kind: 'stop' });
    seen.push(await until('Stopped'));
    hook.run({ kind: 'start' });
    seen.push(await until('Running'));
    return seen;
  });
  expect(labels).toEqual(['Running', 'Stopped', 'Running']);
});

type StdioEntry = { command: string; args: string[]; env: Record<string, string> };

/** The entry "Copy config for Claude Desktop" puts on the clipboard, once the server runs. */
async function copiedEntry(): Promise<StdioEntry> {
  const text = await app.evaluate(async ({ clipboard }) => {
    const hook = (globalThis as unknown as { wsmcpDesktop: Hook }).wsmcpDesktop;
    for (let i = 0; i < 100 && hook.menu()[0]?.label !== 'Running'; i++)
      await new Promise((r) => setTimeout(r, 100));
    clipboard.writeText('');
    hook.run({ kind: 'copy-claude-config' });
    return clipboard.readText();
  });
  return (JSON.parse(text) as { mcpServers: { worksection: StdioEntry } }).mcpServers.worksection;
}

test('Copy config for Claude Desktop puts the bridge entry, with its own token, on the clipboard', async () => {
  const entry = await copiedEntry();
  expect(entry.command).toBe('path' in binary ? binary.path : '');
  expect(entry.args.slice(0, 4)).toEqual([MAIN, '--stdio', 'bridge', '--url']);
  expect(entry.args[4]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  expect(entry.env.WSMCP_TOKEN).toMatch(/^wsmcp_/);
});

test('the bridge that entry launches answers an MCP client through the running app', async () => {
  const entry = await copiedEntry();
  const client = new Client({ name: 'e2e-bridge', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      env: { ...env(), ...entry.env } as Record<string, string>,
    }),
  );
  const tools = (await client.listTools()).tools.map((t) => t.name);
  expect(tools).toContain('list_projects');
  const result = await client.callTool({ name: 'list_tags', arguments: {} });
  expect(result.isError).toBeFalsy();
  await client.close();
});
