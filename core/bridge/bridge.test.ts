// The bridge end to end, as Claude Desktop runs it: `wsmcp connect claude-desktop --write` writes the entry
// into a temporary home, and the SDK's stdio client launches exactly that command against `wsmcp serve
// --demo`. Then the app is killed (a clear error, not a hang), is away (the bridge says to start it), comes
// back (the bridge reconnects and says the lists changed), and the client leaves (the bridge exits).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../mcp/e2e/cli-run.js';
import { APP_CAPABILITIES } from './offline.js';
import { CLI, freePort, startApp, type AppProcess } from './testing/app-process.js';

interface StdioEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

let home: string;
let dataDir: string;
let port: number;
let app: AppProcess | undefined;
let entry: StdioEntry;
let client: Client;
let bridgeLog = '';
let listChanged = 0;

const text = (r: unknown): string =>
  ((r as { content?: Array<{ text?: string }> }).content ?? []).map((c) => c.text ?? '').join('\n');

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'wsmcp-bridge-home-'));
  dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-bridge-data-'));
  port = await freePort();
  app = await startApp(dataDir, port);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
  const connect = await runNode(
    CLI,
    ['connect', 'claude-desktop', '--write', '--demo', '--data-dir', dataDir, '--port', String(port)],
    { env, cwd: home },
  );
  expect(connect.code, connect.stderr).toBe(0);
  const file = JSON.parse(
    await readFile(join(home, '.config/Claude/claude_desktop_config.json'), 'utf8'),
  ) as {
    mcpServers: { worksection: StdioEntry };
  };
  entry = file.mcpServers.worksection;

  const transport = new StdioClientTransport({
    ...entry,
    env: { PATH: '/nonexistent', ...entry.env },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => (bridgeLog += d.toString()));
  client = new Client({ name: 'bridge-e2e', version: '1.0.0' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void listChanged++);
  await client.connect(transport, { timeout: 20_000 });
});

afterAll(async () => {
  await client?.close();
  await app?.stop();
  await rm(home, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('the stdio bridge in front of the running app', () => {
  it('is launched by absolute path, with no PATH lookup and the token in its environment', () => {
    expect(entry.command).toBe(process.execPath);
    expect(entry.args).toEqual([CLI, 'bridge', '--url', `http://127.0.0.1:${port}/mcp`]);
    expect(entry.env.WSMCP_TOKEN).toMatch(/^wsmcp_[A-Za-z0-9_-]{43}$/);
  });

  it('answers tools/list and a tool call from the app', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_me', 'list_projects']));
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError, text(me)).toBeFalsy();
    expect((me.structuredContent as { user: { email: string } }).user.email).toMatch(/@/);
  });

  it("passes on the app's capabilities, which its offline answers mirror", () => {
    expect(client.getServerCapabilities()).toEqual(APP_CAPABILITIES);
  });

  it('gives a clear error, not a hang, when the app is killed', async () => {
    await app!.stop('SIGKILL');
    const started = Date.now();
    const after = await client.callTool({ name: 'get_me', arguments: {} });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(after.isError).toBe(true);
    expect(text(after)).toMatch(/not running on this computer.*start the Worksection MCP app/);
    expect(bridgeLog).toMatch(/lost the app|nothing answers/);
  });

  it('offers only the status tool while the app is away, and says what to do', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['health_check']);
    const status = await client.callTool({ name: 'health_check', arguments: {} });
    expect(status.isError).toBe(true);
    expect(text(status)).toContain(`nothing answers at http://127.0.0.1:${port}/mcp`);
  });

  it('connects again when the app is back, and tells the client its tools changed', async () => {
    const before = listChanged;
    app = await startApp(dataDir, port);
    await expect.poll(() => listChanged, { timeout: 15_000, interval: 200 }).toBeGreaterThan(before);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_me');
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError, text(me)).toBeFalsy();
  });
});

describe('the bridge process', () => {
  it('answers initialize while the app is not running, and exits 0 when stdin closes', async () => {
    const child = spawn(
      entry.command,
      [...entry.args.slice(0, -1), `http://127.0.0.1:${await freePort()}/mcp`],
      {
        env: { ...entry.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    child.stdin.write(`${JSON.stringify(init)}\n`);
    await expect.poll(() => out, { timeout: 10_000 }).toContain('"id":1');
    const answer = JSON.parse(out.split('\n')[0]!) as {
      result: { protocolVersion: string; instructions: string };
    };
    expect(answer.result.protocolVersion).toBe('2025-06-18');
    expect(answer.result.instructions).toMatch(/not running/);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('still running'), 5_000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(0);
  });

  it('refuses an address off this computer before sending the token anywhere', async () => {
    const r = await runNode(CLI, ['bridge', '--url', 'http://example.com/mcp'], {
      env: { ...process.env, WSMCP_TOKEN: entry.env.WSMCP_TOKEN! },
      cwd: home,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only talks to the app on this computer');
  });
});
