// What ships is tsconfig.build.json's output (dist/, which the package and the desktop app carry): the
// product alone. It is compiled here into a temporary folder, so a stale local dist/ cannot hide a leak:
// no test, no test support (a `testing/` folder reached through an import is compiled in too), no vitest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let out: string;
let files: string[];

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
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the shipped build (tsconfig.build.json)', () => {
  it('holds the product: the CLI and the composition root', () => {
    expect(files).toContain('core/cli.js');
    expect(files).toContain('core/app/app.js');
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
