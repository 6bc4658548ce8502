// Whatever command creates the data dir, nothing in it is readable by other local users: folders 0700,
// files 0600 (the database with its -wal/-shm, the lock, cached files, secrets), with the usual umask 022.
// Through the compiled CLI as a user runs it. POSIX modes only: skipped on Windows, where they mean nothing.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanUp, exitOf, firstLine, run, start, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

/** Every path under `dir` (itself included) whose mode is not private, as "path mode". */
function notPrivate(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    const st = statSync(path);
    const mode = st.mode & 0o777;
    if (mode !== (st.isDirectory() ? 0o700 : 0o600)) out.push(`${path} ${mode.toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe.skipIf(process.platform === 'win32')('files the product writes are private', () => {
  it('token create makes a private data dir and database', async () => {
    const dir = join(tempDir(), 'data');
    const made = await run(['token', 'create', '--name', 'cursor', '--data-dir', dir]);
    expect(made.code, made.stderr).toBe(0);
    expect(readdirSync(dir)).toContain('wsmcp.db');
    expect(notPrivate(dir)).toEqual([]);
  });

  it('serve --demo makes everything it writes private, the WAL files included', async () => {
    const dir = join(tempDir(), 'data');
    const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dir]);
    const ready = JSON.parse(await firstLine(child.stdout)) as { mcpUrl: string; token: string };
    expect(ready.mcpUrl).toMatch(/^http:/);
    // The demo keeps its store in a folder of its own inside the data dir.
    const names = readdirSync(dir, { recursive: true }).map((p) => String(p).split(/[\\/]/).at(-1));
    expect(names).toEqual(expect.arrayContaining(['wsmcp.db', 'wsmcp.db-wal', 'wsmcp.db-shm', 'wsmcp.lock']));
    expect(notPrivate(dir)).toEqual([]);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(notPrivate(dir)).toEqual([]);
  });
});
