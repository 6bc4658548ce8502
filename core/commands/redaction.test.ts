// Secrets never land where data is stored or printed. A corpus of secret shapes travels inside tool
// arguments through `wsmcp serve --demo` (the compiled CLI, a real MCP client over HTTP), and then nothing of
// it may be found in the call log, the response cache, `wsmcp logs` in every format, or the server's own
// stdout and stderr. Secrets given in the environment (the OAuth client secret, the vault passphrase) are
// redacted by value, whatever their shape.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanUp, exitOf, firstLine, run, start, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV';
const CORPUS = {
  clientToken: `wsmcp_${'Q'.repeat(43)}`,
  jwt: JWT,
  urlToken: 'https://example.test/cb?code=1&access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  adminKey: 'api key: 0123456789abcdef0123456789abcdef',
  password: 'please use password=hunter2hunter2 for the share',
  bearer: 'Authorization was Bearer abcdefghijklmnopqrstuvwxyz012345',
};
/** The parts that must never appear (the surrounding words may). */
const NEEDLES = [
  'Q'.repeat(43),
  JWT,
  '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  '0123456789abcdef0123456789abcdef',
  'hunter2hunter2',
  'abcdefghijklmnopqrstuvwxyz012345',
];
const CLIENT_SECRET = 'cs-OnlyKnownByValue-7Hk2mP9qW4';

function leaks(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

function dump(dir: string): string {
  const found = readdirSync(dir, { recursive: true }).map(String);
  const file = found.find((p) => p.endsWith('wsmcp.db'));
  if (!file) throw new Error('no store written');
  const db = new Database(join(dir, file), { readonly: true });
  try {
    const calls = db.prepare('SELECT args, error FROM call_log').all();
    const cache = db.prepare('SELECT params, body FROM response_cache').all();
    return JSON.stringify({ calls, cache });
  } finally {
    db.close();
  }
}

describe('secrets in tool arguments, the environment and answers', () => {
  it('are redacted in the call log, the response cache, wsmcp logs and the server output', async () => {
    const dir = join(tempDir(), 'data');
    const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dir], {
      WSMCP_CLIENT_SECRET: CLIENT_SECRET,
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const first = await firstLine(child.stdout);
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const ready = JSON.parse(first) as { mcpUrl: string; token: string };
    const client = new Client({ name: 'redaction-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(ready.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${ready.token}` } },
      }),
    );
    for (const [name, secret] of Object.entries({ ...CORPUS, byValue: CLIENT_SECRET })) {
      // A read that reaches Worksection with the secret in a filter, and one refused before it does.
      await client.callTool({ name: 'list_tasks', arguments: { name_contains: secret, status: 'all' } });
      await client.callTool({ name: 'get_task', arguments: { task_id: `${name} ${secret}` } });
    }
    await client.close();
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);

    const stored = dump(dir);
    expect(stored).toContain('[redacted]');
    expect(leaks(stored)).toEqual([]);
    expect(stored).not.toContain(CLIENT_SECRET);
    for (const format of [[], ['--json'], ['--csv']]) {
      const logs = await run(['logs', '--demo', ...format, '--limit', '100', '--data-dir', dir]);
      expect(logs.code, logs.stderr).toBe(0);
      expect(logs.stdout).toContain('list_tasks');
      expect(leaks(logs.stdout + logs.stderr)).toEqual([]);
      expect(logs.stdout).not.toContain(CLIENT_SECRET);
    }
    expect(leaks(output)).toEqual([]);
    expect(output).not.toContain(ready.token);
  }, 60_000);
});
