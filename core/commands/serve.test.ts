// `wsmcp serve` and `wsmcp stdio` as a user runs them: the compiled CLI in a child process, real clients.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanEnv, cleanUp, CLI, exitOf, firstLine, run, start, tempDir } from './testing/cli.js';

interface Ready {
  event: string;
  mcpUrl: string;
  uiUrl: string;
  token: string;
  sandboxUrl: string;
}

beforeAll(buildCli);
afterEach(cleanUp);

async function httpClient(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'serve-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

describe('wsmcp serve', () => {
  it('--demo --json prints one ready line, serves MCP with the token, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
    let rest = '';
    const ready = JSON.parse(await firstLine(child.stdout)) as Ready;
    child.stdout.on('data', (d: Buffer) => (rest += d.toString()));
    expect(Object.keys(ready)).toEqual(['event', 'mcpUrl', 'uiUrl', 'token', 'sandboxUrl']);
    expect(ready.event).toBe('ready');
    expect(ready.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(ready.uiUrl).toMatch(new RegExp(`^${ready.mcpUrl.replace(/mcp$/, '')}open\\?code=[\\w-]{32}$`));
    expect(ready.token).toMatch(/^wsmcp_[A-Za-z0-9_-]{43}$/);
    expect(ready.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const client = await httpClient(ready.mcpUrl, ready.token);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('list_tags');
    expect(names).toContain('create_task');
    const groups = await client.callTool({ name: 'list_tags', arguments: {} });
    expect(groups.isError).toBeFalsy();
    expect(groups.structuredContent).toBeTypeOf('object');
    await client.close();

    // The printed address opens a UI session once (the UI's own tests are in e2e/ui).
    const page = await fetch(ready.uiUrl, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);

    // A token made by the CLI beside the running server works at once, with its scope.
    const created = await run([
      'token',
      'create',
      '--demo',
      '--data-dir',
      dataDir,
      '--name',
      'reader',
      '--scope',
      'read',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const reader = await httpClient(ready.mcpUrl, (JSON.parse(created.stdout) as { token: string }).token);
    const readNames = (await reader.listTools()).tools.map((t) => t.name);
    expect(readNames).toContain('list_tags');
    expect(readNames).not.toContain('create_task');
    await expect(reader.callTool({ name: 'create_task', arguments: {} })).rejects.toMatchObject({
      code: 403,
    });
    await reader.close();

    expect(existsSync(join(dataDir, 'demo', 'wsmcp.lock'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(rest).toBe('');
    expect(existsSync(join(dataDir, 'demo', 'wsmcp.lock'))).toBe(false);
    await expect(fetch(ready.sandboxUrl)).rejects.toThrow();
  });

  it('says the port is in use in one line, exits non-zero and leaves nothing behind', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const dataDir = tempDir();
      const res = await run(['serve', '--demo', '--json', '--port', String(port), '--data-dir', dataDir]);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim().split('\n')).toEqual([
        `wsmcp serve: port ${port} is already in use (another wsmcp serve, or another program); stop it or pick another with --port N`,
      ]);
      expect(existsSync(join(dataDir, 'demo', 'wsmcp.lock'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('refuses a second server on the same data dir', async () => {
    const dataDir = tempDir();
    const first = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
    await firstLine(first.stdout);
    const second = await run(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(
      `wsmcp serve: another wsmcp server (pid ${first.pid}) is already serving the data dir ${dataDir}; stop it or pass ` +
        `another --data-dir (if no wsmcp is running, the lock is stale: delete ${join(dataDir, 'demo', 'wsmcp.lock')})`,
    );
    first.kill('SIGINT');
    expect(await exitOf(first)).toBe(0);
  });

  it('takes over a lock whose pid now belongs to another live program (pid reuse after a reboot)', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'demo'), { recursive: true, mode: 0o700 });
    // This test's own process is alive but is not the server that wrote the lock: it started later.
    const lock = join(dataDir, 'demo', 'wsmcp.lock');
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, started: Date.UTC(2001, 0, 1) })}\n`);
    const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
    const ready = JSON.parse(await firstLine(child.stdout)) as Ready;
    expect(ready.event).toBe('ready');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: child.pid });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('answers a bad flag, a bad value and a missing sign-in with one line and a non-zero exit', async () => {
    const dataDir = tempDir();
    const cases: [string[], number, string][] = [
      [['serve', '--bogus'], 2, "wsmcp serve: Unknown option '--bogus' (see `wsmcp serve --help`)"],
      [
        ['serve', '--port', 'abc', '--data-dir', dataDir],
        2,
        'wsmcp serve: --port must be a whole number from 0 to 65535, got "abc"',
      ],
      [
        ['serve', '--data-dir', dataDir],
        1,
        'wsmcp serve: not signed in to a Worksection account; run `wsmcp login` first (or `wsmcp serve --demo` to serve the built-in sandbox account)',
      ],
    ];
    for (const [args, code, line] of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe(line);
    }
  });
});

describe('wsmcp stdio', () => {
  async function stdioClient(args: string[]): Promise<{ client: Client; stderr: () => string }> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'stdio', ...args],
      env: cleanEnv() as Record<string, string>,
      stderr: 'pipe',
    });
    let err = '';
    transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    return { client, stderr: () => err };
  }

  it('serves the same tools over stdio, and exits when the client goes away', async () => {
    const { client } = await stdioClient(['--demo', '--data-dir', tempDir()]);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('create_task');
    const groups = await client.callTool({ name: 'list_tags', arguments: {} });
    expect(groups.isError).toBeFalsy();
    await client.close();
  });

  it('writes nothing but protocol to stdout and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [CLI, 'stdio', '--demo', '--data-dir', tempDir()], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: cleanEnv(),
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    while (out.split('\n').length < 3) await once(child.stdout, 'data');
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 2]);
  });

  it('--read-only offers read tools only', async () => {
    const { client } = await stdioClient(['--demo', '--read-only', '--data-dir', tempDir()]);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('list_tags');
    expect(names).not.toContain('create_task');
    await client.close();
  });

  it('without a sign-in says so on stderr only', async () => {
    const res = await run(['stdio', '--data-dir', tempDir()]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^wsmcp stdio: not signed in to a Worksection account/);
  });
});
