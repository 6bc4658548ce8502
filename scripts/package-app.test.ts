// electron-builder.yml is what electron-builder accepts, and the package it makes holds the built app and
// nothing else: main, preload and renderer in app.asar; no sources, tests, test support, fixtures or maps;
// the native modules unpacked; production fuses flipped in the executable.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTrayIconFiles } from '../electron/tray/icon.js';
import { packageLinuxDir, readBuilderConfig, readFuses, validateBuilderConfig } from './package-app.js';

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateBuilderConfig(readBuilderConfig())).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt option fails it', async () => {
    const config = { ...readBuilderConfig(), nsis: { oneClik: true } } as never;
    await expect(validateBuilderConfig(config)).rejects.toThrow(/configuration\.nsis should be/);
  });
});

describe('the packaged app (--linux dir, stub Electron)', () => {
  let out: string;
  let app: string;
  let entries: string[];
  const asar = () => join(app, 'resources', 'app.asar');

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'wsmcp-package-'));
    app = await packageLinuxDir(out);
    entries = listPackage(asar(), { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the built main, preload and renderer, and the main entry points at them', () => {
    for (const file of [
      '/dist/electron/main.js',
      '/dist/electron/preload.cjs',
      '/dist/electron/core-face.js',
      '/dist/core/app/app.js',
      '/dist/renderer/index.html',
      '/node_modules/electron-updater/package.json',
      '/node_modules/swagger-ui-dist/package.json',
      '/node_modules/swagger-ui-dist/swagger-ui-bundle.js',
      '/node_modules/swagger-ui-dist/swagger-ui.css',
      '/node_modules/swagger-ui-dist/favicon-32x32.png',
    ])
      expect(entries, file).toContain(file);
    // /docs needs nothing else of Swagger UI.
    expect(entries).not.toContain('/node_modules/swagger-ui-dist/swagger-ui-es-bundle.js');
    const pkg = JSON.parse(extractFile(asar(), 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.js');
  });

  it('holds no sources, tests, test support, fixtures, maps or declarations', () => {
    const ours = entries.filter((e) => !e.startsWith('/node_modules/'));
    const unwanted = ours.filter(
      (e) =>
        /\.(ts|cts|tsx|map|tsbuildinfo)$/.test(e) ||
        /\.test\.|\/testing\/|\/e2e\/|test-support|test-fixture|every-tool-/.test(e) ||
        /^\/dist\/(bench|scripts|web-types)(\/|$)/.test(e),
    );
    expect(unwanted).toEqual([]);
    // The package's own files are only package.json and dist/.
    expect([...new Set(ours.map((e) => e.split('/')[1]))].sort()).toEqual([
      'dist',
      'node_modules',
      'package.json',
    ]);
    // No development-only package came along.
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', '@playwright/test', 'vite'])
      expect(entries, dev).not.toContain(`/node_modules/${dev}/package.json`);
  });

  it("unpacks the native modules, with only this platform's better-sqlite3 build", () => {
    const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3', 'prebuilds', 'linux-x64.node'))).toBe(true);
    expect(
      readdirSync(join(unpacked, 'better-sqlite3', 'prebuilds')).filter((f) => !f.startsWith('linux-')),
    ).toEqual([]);
    expect(existsSync(join(unpacked, 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  });

  it('carries the tray icons as resources', () => {
    const missing = allTrayIconFiles().filter((f) => !existsSync(join(app, 'resources', 'tray', f)));
    expect(missing).toEqual([]);
  });

  it('flips the production fuses: no RunAsNode, no NODE_OPTIONS or inspector, asar only and checked', () => {
    expect(readFuses(join(app, 'worksection-mcp'))).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(readFileSync(join(app, 'resources', 'app-update.yml'), 'utf8')).toContain('updaterCacheDirName');
  });
});
