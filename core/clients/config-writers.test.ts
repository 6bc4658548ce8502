// Golden-file tests of every client's writer on every OS layout: a fresh file, a file with other servers
// and settings, comments, our own older entry, a user's entry under our name, an unparsable file and a
// read-only one. Every written file must parse in the client's own format (JSON, JSONC or TOML) and hold
// exactly the entry the client expects, with a token made for that client.
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientSpec } from './client-spec.js';
import { CLIENTS } from './specs/index.js';
import {
  entryIn,
  fixture,
  goldenPath,
  LAUNCHER,
  MCP_URL,
  parseAsClient,
  PLATFORMS,
  seedBroken,
  seedComments,
  seedOthers,
  withPlaceholder,
  writeSeed,
  type Fixture,
} from './testing/client-fixture.js';

const backups = (path: string): string[] =>
  readdirSync(dirname(path)).filter((n) => n.startsWith(`${basename(path)}.wsmcp-backup-`));

describe.each(PLATFORMS)('on %s', (platform) => {
  let f: Fixture;
  beforeEach(() => void (f = fixture(platform)));
  afterEach(() => f.close());

  describe.each(CLIENTS.map((c) => [c.id, c] as [string, ClientSpec]))('%s', (_id, spec) => {
    const path = (): string => spec.configPath(f.os);
    const read = (): string => readFileSync(path(), 'utf8');

    /** The written file parses as the client parses it and holds our entry with this client's token. */
    function expectConnected(text: string): void {
      const entry = entryIn(spec, parseAsClient(spec, text));
      const token = (JSON.stringify(entry).match(/wsmcp_[A-Za-z0-9_-]{43}/) ?? [''])[0];
      expect(f.tokens.identify(token)).toMatchObject({ name: spec.label, scope: 'write' });
      expect(entry).toEqual(spec.entry({ url: MCP_URL, token, launcher: LAUNCHER }));
    }

    it('writes a fresh file (and its folder), readable by its owner only', async () => {
      const r = await f.service().connect(spec.id);
      expect(r.change).toBe('create');
      expect(r.backupPath).toBeUndefined();
      expectConnected(read());
      await expect(withPlaceholder(read())).toMatchFileSnapshot(goldenPath(spec, 'fresh'));
    });

    it('keeps other servers and settings, backs the old file up, and changes nothing the second time', async () => {
      const seed = seedOthers(spec);
      writeSeed(path(), seed);
      const first = await f.service().connect(spec.id);
      expect(first.change).toBe('update');
      expect(readFileSync(first.backupPath!, 'utf8')).toBe(seed);
      const written = read();
      expectConnected(written);
      const value = parseAsClient(spec, written);
      expect(entryIn(spec, value)).toBeDefined();
      expect(JSON.stringify(value)).toContain('other-mcp');
      await expect(withPlaceholder(written)).toMatchFileSnapshot(goldenPath(spec, 'others'));

      const second = await f.service().connect(spec.id);
      expect(second.change).toBe('none');
      expect(read()).toBe(written);
      expect(backups(path())).toHaveLength(1);

      const removed = await f.service().disconnect(spec.id);
      expect(removed).toMatchObject({ change: 'remove', tokenRevoked: true });
      expect(parseAsClient(spec, read())).toEqual(parseAsClient(spec, seed));
      await expect(read()).toMatchFileSnapshot(goldenPath(spec, 'removed'));
    });

    it(
      spec.format === 'json'
        ? 'leaves a file with comments untouched (the client cannot read one)'
        : 'keeps comments',
      async () => {
        const seed = seedComments(spec);
        writeSeed(path(), seed);
        if (spec.format === 'json') {
          await expect(f.service().connect(spec.id)).rejects.toThrow(/left untouched: it is not valid JSON/);
          expect(read()).toBe(seed);
          return;
        }
        await f.service().connect(spec.id);
        const written = read();
        for (const comment of spec.format === 'toml'
          ? ['# Codex settings', '# the default', '# another server']
          : ['// my settings', '// keep this comment', '/* servers */', '// other server']) {
          expect(written).toContain(comment);
        }
        expectConnected(written);
        await expect(withPlaceholder(written)).toMatchFileSnapshot(goldenPath(spec, 'comments'));
      },
    );

    it('updates the entry it wrote earlier for another port and a revoked token', async () => {
      await f.service('http://127.0.0.1:7000/mcp').connect(spec.id);
      const old = read();
      const oldToken = old.match(/wsmcp_[A-Za-z0-9_-]{43}/)![0];
      expect(
        f
          .service()
          .list()
          .find((c) => c.id === spec.id)?.state,
      ).toBe('outdated');
      f.tokens.revoke(spec.label);
      const r = await f.service().connect(spec.id);
      expect(r.change).toBe('update');
      expect(read()).not.toContain('7000');
      expect(read()).not.toContain(oldToken);
      expectConnected(read());
      expect(
        f
          .service()
          .list()
          .find((c) => c.id === spec.id)?.state,
      ).toBe('connected');
    });

    it("does not overwrite a user's entry under our name without --force, then replaces it keeping a backup", async () => {
      const seed = seedOthers(spec, true);
      writeSeed(path(), seed);
      expect(
        f
          .service()
          .list()
          .find((c) => c.id === spec.id)?.state,
      ).toBe('other-entry');
      await expect(f.service().connect(spec.id)).rejects.toThrow(/did not write \(it runs "npx"\).*--force/);
      expect(read()).toBe(seed);
      expect(f.service().preview(spec.id).blocked?.reason).toBe('user-entry');
      const r = await f.service().connect(spec.id, { force: true });
      expect(readFileSync(r.backupPath!, 'utf8')).toBe(seed);
      expect(read()).not.toContain('worksection-mcp-community');
      expectConnected(read());
      await expect(withPlaceholder(read())).toMatchFileSnapshot(goldenPath(spec, 'forced'));
    });

    it('leaves an unparsable file untouched and says so', async () => {
      writeSeed(path(), seedBroken(spec));
      await expect(f.service().connect(spec.id)).rejects.toThrow(
        /left untouched: it is not valid (JSON|TOML)/,
      );
      expect(read()).toBe(seedBroken(spec));
      expect(backups(path())).toEqual([]);
      expect(
        f
          .service()
          .list()
          .find((c) => c.id === spec.id)?.state,
      ).toBe('unreadable');
      expect(f.tokens.identify('x')).toBeUndefined();
    });

    it('leaves a read-only file untouched and says how to go on', async () => {
      writeSeed(path(), seedOthers(spec));
      chmodSync(path(), 0o444);
      await expect(f.service().connect(spec.id)).rejects.toThrow(/is read-only, so it was left untouched/);
      expect(read()).toBe(seedOthers(spec));
      chmodSync(path(), 0o644);
    });
  });
});
