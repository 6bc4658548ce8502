// What ships is tsconfig.build.json's output (dist/, which the package and the desktop app carry): the
// product alone. It is compiled here into a temporary folder, so a stale local dist/ cannot hide a leak:
// no test, no test support (a `testing/` folder reached through an import is compiled in too), no vitest.
// The UI's pages (Vite's build of renderer/, served by core/control/static.ts from dist/renderer) are built
// the same way: every asset a file of their own, since the pages' CSP allows nothing inline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let out: string;
let files: string[];
let page: string;
let assets: string[];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'wsmcp-shipped-'));
  const tsc = spawnSync(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      out,
      '--tsBuildInfoFile',
      join(out, '.tsbuildinfo'),
    ],
    { encoding: 'utf8' },
  );
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  files = readdirSync(out, { recursive: true, encoding: 'utf8' }).map((f) => f.split('\\').join('/'));
  const web = join(out, 'renderer');
  const vite = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', web, '--emptyOutDir'],
    { encoding: 'utf8' },
  );
  expect(vite.status, vite.stdout + vite.stderr).toBe(0);
  page = readFileSync(join(web, 'index.html'), 'utf8');
  assets = readdirSync(join(web, 'assets'));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the shipped build (tsconfig.build.json)', () => {
  it('holds the product: the CLI and the composition root', () => {
    expect(files).toContain('core/cli.js');
    expect(files).toContain('core/app/app.js');
  });

  it('holds the control API and the schemas it shares with the UI', () => {
    expect(files).toContain('core/control/index.js');
    expect(files).toContain('shared/api/protocol.js');
  });

  it("holds the UI's pages with every script and style in a file of its own", () => {
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.\/assets\/[\w.-]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(page).not.toMatch(/<style\b|\sstyle=|https?:\/\//);
    for (const ref of page.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)) expect(assets).toContain(ref[1]);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  });

  it('holds no test, no test support and no fixture', () => {
    const leaked = files.filter((f) => /(^|\/)testing\/|\.test\.js$|__schemas__|(^|\/)(bench|e2e)\//.test(f));
    expect(leaked).toEqual([]);
  });

  it('imports no test framework', () => {
    const importsVitest = files
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /from ['"]vitest|import\(['"]vitest/.test(readFileSync(join(out, f), 'utf8')))
      .map((f) => relative(out, join(out, f)));
    expect(importsVitest).toEqual([]);
  });
});
