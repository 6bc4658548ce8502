// `wsmcp sandbox` as a user runs it: the compiled CLI in a child process.
import type { ChildProcessByStdio } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { md5QueryHash } from '../worksection/admin-auth.js';

const CLI = 'dist/core/cli.js';
type Child = ChildProcessByStdio<null, Readable, Readable>;
const children: Child[] = [];

beforeAll(() => {
  // Other modules may be mid-edit; tsc still emits, and this test needs only the CLI and the sandbox.
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json'], {
    stdio: 'ignore',
  });
  if (!existsSync(CLI)) throw new Error(`${CLI} was not built`);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]): Child {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

async function firstLine(stream: Readable): Promise<string> {
  const lines = createInterface({ input: stream });
  const [line] = (await once(lines, 'line')) as [string];
  return line;
}

describe('wsmcp sandbox', () => {
  it('prints one ready line with --json, serves the API, and exits 0 on SIGTERM', async () => {
    const child = start(['sandbox', '--json', '--port', '0', '--seed', '3']);
    let rest = '';
    const ready = JSON.parse(await firstLine(child.stdout)) as {
      event: string;
      url: string;
      apiKey: string;
      oauthClient: { id: string; secret: string };
    };
    child.stdout.on('data', (d: Buffer) => (rest += d.toString()));
    expect(ready.event).toBe('ready');
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.apiKey).toMatch(/^[0-9a-f]{32}$/);
    expect(ready.oauthClient.id).toMatch(/^[0-9a-f]{32}$/);
    expect(ready.oauthClient.secret).toMatch(/^[0-9a-f]{64}$/);

    const hash = md5QueryHash([['action', 'get_projects']], ready.apiKey);
    const res = await fetch(`${ready.url}/api/admin/v2/?action=get_projects&hash=${hash}`);
    expect(res.status).toBe(200);
    expect(['ok', 'error']).toContain(((await res.json()) as { status: string }).status);
    const log = (await (await fetch(`${ready.url}/__sandbox/requests`)).json()) as unknown[];
    expect(log).toHaveLength(1);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(rest).toBe('');
  });

  it('prints a human summary without --json and exits 0 on SIGINT', async () => {
    const child = start(['sandbox', '--rate-limit', '0']);
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ctrl+C')) resolve();
      }),
    );
    expect(out).toMatch(/^Worksection sandbox running at http:\/\/127\.0\.0\.1:\d+\n/);
    expect(out).toMatch(/API key\s+[0-9a-f]{32}/);
    expect(out).toMatch(/rate limit\s+off/);
    expect(out).toContain('Ctrl+C');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('says so in one line and exits 1 when the port is in use', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stdout, stderr } = await run(['sandbox', '--json', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`wsmcp sandbox: port ${port} is in use; pick another with --port\n`);
    } finally {
      blocker.close();
    }
  });

  it('refuses bad flags with one line and the usage, exit 2', async () => {
    for (const args of [
      ['--bogus'],
      ['--size', 'huge'],
      ['--port', '99999'],
      ['--rate-limit', 'fast'],
      ['extra'],
    ]) {
      const { code, stdout, stderr } = await run(['sandbox', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^wsmcp sandbox: .+\n\nUsage: wsmcp sandbox/);
    }
  });

  it('prints its usage with --help, and the top-level usage for wsmcp', async () => {
    const help = await run(['sandbox', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--rate-limit R');
    const top = await run([]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('sandbox');
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
