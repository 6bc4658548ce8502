import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db.js';
import { ClientTokenError, createClientTokens, TOKEN_PATTERN } from './client-tokens.js';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function store(): Db {
  const db = openDatabase(':memory:');
  dbs.push(db);
  return db;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('client tokens', () => {
  it('creates a token shown once and keeps only its hash', () => {
    const db = store();
    const tokens = createClientTokens(db, { now: () => new Date('2026-05-01T10:00:00Z') });
    const { token, info } = tokens.create('claude-desktop', 'read');
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token).toHaveLength('wsmcp_'.length + 43);
    expect(info).toEqual({
      name: 'claude-desktop',
      scope: 'read',
      createdAt: '2026-05-01T10:00:00.000Z',
      lastUsedAt: null,
    });
    const rows = db.prepare('SELECT * FROM client_tokens').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.slice(6));
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokens.create('cursor').info.scope).toBe('write');
  });

  it('verifies known tokens and refuses malformed, unknown and revoked ones', () => {
    const tokens = createClientTokens(store());
    const { token } = tokens.create('cursor', 'write');
    expect(tokens.verify(token)).toMatchObject({
      name: 'cursor',
      scope: 'write',
      tokenId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(tokens.verify(`${token}x`)).toBeUndefined();
    expect(tokens.verify('')).toBeUndefined();
    expect(tokens.verify(`wsmcp_${'A'.repeat(43)}`)).toBeUndefined();
    expect(tokens.revoke('cursor')).toBe(true);
    expect(tokens.verify(token)).toBeUndefined();
    expect(tokens.revoke('cursor')).toBe(false);
    // The name is free again, and the new token is a different one.
    expect(tokens.create('cursor').token).not.toBe(token);
  });

  it('lists tokens by name without secrets', () => {
    const tokens = createClientTokens(store());
    tokens.create('zed', 'read');
    tokens.create('cursor');
    const list = tokens.list();
    expect(list.map((t) => [t.name, t.scope])).toEqual([
      ['cursor', 'write'],
      ['zed', 'read'],
    ]);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['createdAt', 'lastUsedAt', 'name', 'scope']);
  });

  it('refuses duplicate and malformed names and unknown scopes with a clear message', () => {
    const tokens = createClientTokens(store());
    tokens.create('cursor');
    expect(() => tokens.create('cursor')).toThrow(
      new ClientTokenError(
        'a token named "cursor" already exists; revoke it first (wsmcp token revoke "cursor") or pick another name',
      ),
    );
    expect(() => tokens.create('')).toThrow(/is not a usable token name/);
    expect(() => tokens.create('-x')).toThrow(/is not a usable token name/);
    expect(() => tokens.create('a'.repeat(65))).toThrow(/is not a usable token name/);
    expect(() => tokens.create('ok', 'admin' as 'read')).toThrow('scope must be read or write, got "admin"');
    expect(tokens.create('VS Code (work)'.replace(/[()]/g, '')).info.name).toBe('VS Code work');
  });

  it('records the last use off the request path, at most once per interval', async () => {
    let now = new Date('2026-05-01T10:00:00Z');
    const tokens = createClientTokens(store(), { now: () => now, touchIntervalMs: 60_000 });
    const { token } = tokens.create('cursor');
    tokens.verify(token);
    expect(tokens.list()[0]?.lastUsedAt).toBeNull();
    await tick();
    expect(tokens.list()[0]?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');

    now = new Date('2026-05-01T10:00:30Z');
    tokens.verify(token);
    await tick();
    expect(tokens.list()[0]?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');

    now = new Date('2026-05-01T10:01:00Z');
    tokens.verify(token);
    await tick();
    expect(tokens.list()[0]?.lastUsedAt).toBe('2026-05-01T10:01:00.000Z');
  });

  it('sees tokens created and revoked by another connection to the same store (the CLI beside a server)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsmcp-tokens-'));
    try {
      const a = openDatabase(join(dir, 'store.db'));
      const b = openDatabase(join(dir, 'store.db'));
      dbs.push(a, b);
      const serving = createClientTokens(a);
      const cli = createClientTokens(b);
      const { token } = cli.create('late');
      expect(serving.verify(token)).toMatchObject({ name: 'late', scope: 'write' });
      cli.revoke('late');
      expect(serving.verify(token)).toBeUndefined();
    } finally {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
