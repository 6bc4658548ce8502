// `wsmcp token` as a user runs it: the compiled CLI in a child process over a temporary data dir.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanUp, run, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

describe('wsmcp token', () => {
  it('creates (shown once), lists without secrets, and revokes tokens', async () => {
    const dir = tempDir();
    const made = await run(['token', 'create', '--name', 'cursor', '--data-dir', dir]);
    expect(made.code).toBe(0);
    const token = /wsmcp_[A-Za-z0-9_-]{43}/.exec(made.stdout)?.[0];
    expect(token).toBeDefined();
    expect(made.stdout).toContain('shown only now');
    expect(made.stdout).toContain(`Authorization: Bearer ${token}`);

    const json = await run([
      'token',
      'create',
      '--name',
      'reader',
      '--scope',
      'read',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(json.stdout)).toEqual({
      name: 'reader',
      scope: 'read',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: null,
      token: expect.stringMatching(/^wsmcp_[A-Za-z0-9_-]{43}$/),
    });

    const list = await run(['token', 'list', '--json', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('wsmcp_');
    expect(
      (JSON.parse(list.stdout) as { name: string; scope: string }[]).map((t) => [t.name, t.scope]),
    ).toEqual([
      ['cursor', 'write'],
      ['reader', 'read'],
    ]);
    const table = await run(['token', 'list', '--data-dir', dir]);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+SCOPE\s+CREATED\s+LAST USED$/);
    expect(table.stdout).toMatch(/^cursor\s+write\s+\S+\s+never$/m);

    const revoked = await run(['token', 'revoke', 'cursor', '--data-dir', dir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Revoked the token "cursor"/);
    const after = await run(['token', 'list', '--json', '--data-dir', dir]);
    expect((JSON.parse(after.stdout) as { name: string }[]).map((t) => t.name)).toEqual(['reader']);
  });

  it('keeps the demo server’s tokens apart from the real ones', async () => {
    const dir = tempDir();
    expect((await run(['token', 'create', '--name', 'x', '--demo', '--data-dir', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'demo', 'wsmcp.db'))).toBe(true);
    const real = await run(['token', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(real.stdout)).toEqual([]);
  });

  it('explains every mistake in one line with a non-zero exit', async () => {
    const dir = tempDir();
    await run(['token', 'create', '--name', 'cursor', '--data-dir', dir]);
    const cases: [string[], number, string][] = [
      [
        ['token', 'create', '--name', 'cursor', '--data-dir', dir],
        1,
        'wsmcp token: a token named "cursor" already exists; revoke it first (wsmcp token revoke "cursor") or pick another name',
      ],
      [
        ['token', 'create', '--data-dir', dir],
        2,
        'wsmcp token: create needs --name NAME (see `wsmcp token --help`)',
      ],
      [
        ['token', 'create', '--name', 'x', '--scope', 'admin', '--data-dir', dir],
        2,
        'wsmcp token: --scope must be read or write, got "admin" (see `wsmcp token --help`)',
      ],
      [
        ['token', 'revoke', 'nobody', '--data-dir', dir],
        1,
        'wsmcp token: no token is named "nobody"; `wsmcp token list` shows them',
      ],
      [
        ['token', 'revoke', '--data-dir', dir],
        2,
        'wsmcp token: revoke needs exactly one token NAME (see `wsmcp token --help`)',
      ],
      [
        ['token', 'frob', '--data-dir', dir],
        2,
        'wsmcp token: unknown token command "frob" (see `wsmcp token --help`)',
      ],
      [['token', 'list', '--bogus'], 2, "wsmcp token: Unknown option '--bogus' (see `wsmcp token --help`)"],
    ];
    for (const [args, code, line] of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).toBe(line);
    }
  });
});
