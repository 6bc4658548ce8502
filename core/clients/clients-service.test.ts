// The Clients service beyond the per-client goldens: where every client's file is on each OS (Windows
// strings included, Claude's MSIX folder preferred), installed detection, the preview's masked diff and
// its guard against a file changed since, copying, scopes, the lock, symlinked and new files.
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostOs, type HostOs } from './host-os.js';
import { CLIENTS } from './specs/index.js';
import { fixture, MCP_URL, PLATFORMS, writeSeed, type Fixture } from './testing/client-fixture.js';

describe('config paths on each OS', () => {
  it('match the golden table (real Windows paths, MSIX preferred, the variables clients honour)', async () => {
    const layouts: Array<[string, HostOs]> = [
      ['darwin', hostOs({ platform: 'darwin', home: '/Users/ann' })],
      ['linux', hostOs({ platform: 'linux', home: '/home/ann' })],
      [
        'linux+env',
        hostOs({
          platform: 'linux',
          home: '/home/ann',
          env: {
            XDG_CONFIG_HOME: '/home/ann/.xdg',
            CODEX_HOME: '/srv/codex',
            CLAUDE_CONFIG_DIR: '/home/ann/.cc',
          },
        }),
      ],
      [
        'win32',
        hostOs({
          platform: 'win32',
          home: 'C:\\Users\\ann',
          env: {
            APPDATA: 'C:\\Users\\ann\\AppData\\Roaming',
            LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
          },
        }),
      ],
    ];
    const msix = layouts[3]![1];
    layouts.push([
      'win32+msix',
      {
        ...msix,
        list: (dir) =>
          dir === win32.join(msix.env.LOCALAPPDATA!, 'Packages') ? ['Claude_pzs8sxrjxfjjc', 'Other_1'] : [],
      },
    ]);
    const lines = layouts.flatMap(([name, os]) =>
      CLIENTS.map(
        (c) =>
          `${name.padEnd(11)} ${c.id.padEnd(16)} ${c.configPath(os)}${c.logs ? `  (log ${c.logs(os)})` : ''}`,
      ),
    );
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(
      join(import.meta.dirname, '__golden__', 'paths.txt'),
    );
  });
});

describe('the Clients service', () => {
  let f: Fixture;
  beforeEach(() => void (f = fixture('linux')));
  afterEach(() => f.close());
  const state = (id: string): string | undefined =>
    f
      .service()
      .list()
      .find((c) => c.id === id)?.state;

  it('writes Claude Desktop into its MSIX folder on Windows when Claude was installed that way', async () => {
    const w = fixture('win32');
    try {
      const msix = join(w.home, 'AppData', 'Local', 'Packages', 'Claude_pzs8sxrjxfjjc');
      mkdirSync(msix, { recursive: true });
      const r = await w.service().connect('claude-desktop');
      expect(r.path).toBe(join(msix, 'LocalCache', 'Roaming', 'Claude', 'claude_desktop_config.json'));
      expect(JSON.parse(readFileSync(r.path, 'utf8')).mcpServers.worksection.command).toBe('/opt/wsmcp/node');
      expect(
        w
          .service()
          .list()
          .find((c) => c.id === 'claude-desktop')?.installed,
      ).toBe(true);
    } finally {
      w.close();
    }
  });

  it.each(PLATFORMS)('finds installed clients by their folders on %s', (platform) => {
    const g = fixture(platform);
    try {
      expect(
        g
          .service()
          .list()
          .filter((c) => c.installed),
      ).toEqual([]);
      mkdirSync(join(g.home, '.cursor'));
      mkdirSync(join(g.home, '.codex'));
      expect(
        g
          .service()
          .list()
          .filter((c) => c.installed)
          .map((c) => c.id),
      ).toEqual(['cursor', 'codex']);
    } finally {
      g.close();
    }
  });

  it('previews a connect as a diff with tokens masked, and refuses a write when the file changed since', async () => {
    const path = CLIENTS.find((c) => c.id === 'cursor')!.configPath(f.os);
    await f.service('http://127.0.0.1:7000/mcp').connect('cursor');
    const token = readFileSync(path, 'utf8').match(/wsmcp_[A-Za-z0-9_-]{43}/)![0];
    const preview = f.service().preview('cursor');
    expect(preview).toMatchObject({ change: 'update', token: 'reused' });
    expect(preview.diff).toContain('-      "url": "http://127.0.0.1:7000/mcp"');
    expect(preview.diff).toContain(`+      "url": "${MCP_URL}"`);
    expect(preview.diff).toContain(`wsmcp_…${token.slice(-4)}`);
    expect(preview.diff).not.toContain(token);

    writeFileSync(path, readFileSync(path, 'utf8').replace('"headers"', '"x": 1, "headers"'));
    await expect(f.service().connect('cursor', { baseHash: preview.baseHash })).rejects.toMatchObject({
      code: 'changed',
    });
    const again = f.service().preview('cursor');
    await expect(f.service().connect('cursor', { baseHash: again.baseHash })).resolves.toMatchObject({
      change: 'update',
    });
  });

  it('previews a new token as a placeholder and creates none', () => {
    const preview = f.service().preview('windsurf');
    expect(preview).toMatchObject({ change: 'create', token: 'new' });
    expect(preview.diff).toContain('Bearer <new token, created when you connect>');
    expect(f.tokens.identify('wsmcp_x')).toBeUndefined();
  });

  it('gives each client its own token, in the scope asked for, and rotates it when the scope changes', async () => {
    await f.service().connect('cursor', { scope: 'read' });
    await f.service().connect('windsurf');
    const tokenOf = (id: string): string =>
      readFileSync(CLIENTS.find((c) => c.id === id)!.configPath(f.os), 'utf8').match(
        /wsmcp_[A-Za-z0-9_-]{43}/,
      )![0];
    const first = tokenOf('cursor');
    expect(f.tokens.identify(first)).toMatchObject({ name: 'Cursor', scope: 'read' });
    expect(f.tokens.identify(tokenOf('windsurf'))).toMatchObject({ name: 'Windsurf', scope: 'write' });
    await f.service().connect('cursor', { scope: 'write' });
    expect(f.tokens.identify(first)).toBeUndefined();
    expect(f.tokens.identify(tokenOf('cursor'))).toMatchObject({ name: 'Cursor', scope: 'write' });
  });

  it('copies with the connected token, or a new one (which replaces an earlier copy)', async () => {
    const first = f.service().copy('claude-desktop', 'token');
    expect(first.tokenCreated).toBe(true);
    expect(f.tokens.identify(first.text)).toMatchObject({ name: 'Claude Desktop' });
    const second = f.service().copy('claude-desktop', 'token');
    expect(f.tokens.identify(first.text)).toBeUndefined();
    await f.service().connect('claude-desktop');
    const third = f.service().copy('claude-desktop', 'config');
    expect(third.tokenCreated).toBe(false);
    expect(f.tokens.identify(second.text)).toBeUndefined();
    expect(JSON.parse(third.text).mcpServers.worksection.args).toEqual([
      '/opt/wsmcp/dist/core/cli.js',
      'bridge',
      '--url',
      MCP_URL,
    ]);
  });

  it('disconnect removes the entry and revokes the token; an unknown client is named', async () => {
    await f.service().connect('zed');
    expect(state('zed')).toBe('connected');
    const r = await f.service().disconnect('zed');
    expect(r).toMatchObject({ change: 'remove', tokenRevoked: true });
    expect(state('zed')).toBe('not-connected');
    await expect(f.service().disconnect('zed')).resolves.toMatchObject({
      change: 'none',
      tokenRevoked: false,
    });
    expect(() => f.service().preview('nosuch')).toThrow(
      /no client is called "nosuch"; known: claude-desktop/,
    );
  });

  it('makes a new file readable by its owner only and keeps the mode of an existing one', async () => {
    const r = await f.service().connect('gemini-cli');
    expect(statSync(r.path).mode & 0o777).toBe(0o600);
    const zed = CLIENTS.find((c) => c.id === 'zed')!.configPath(f.os);
    writeSeed(zed, '{}\n');
    const { chmodSync } = await import('node:fs');
    chmodSync(zed, 0o640);
    await f.service().connect('zed');
    expect(statSync(zed).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlinked config (dotfile managers) and keeps the link', async () => {
    const real = join(f.home, 'dotfiles', 'mcp.json');
    writeSeed(real, '{ "mcpServers": {} }\n');
    mkdirSync(join(f.home, '.cursor'));
    symlinkSync(real, join(f.home, '.cursor', 'mcp.json'));
    await f.service().connect('cursor');
    expect(lstatSync(join(f.home, '.cursor', 'mcp.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('"worksection"');
  });

  it('waits for the lock of another writer, and takes over a lock left by a dead process', async () => {
    const path = CLIENTS.find((c) => c.id === 'cursor')!.configPath(f.os);
    writeSeed(`${path}.wsmcp-lock`, `${process.pid} ${Date.now()}`);
    await expect(f.service().connect('cursor')).rejects.toMatchObject({ code: 'locked' });
    writeSeed(`${path}.wsmcp-lock`, '999999999');
    await expect(f.service().connect('cursor')).resolves.toMatchObject({ change: 'create' });
  });
});
