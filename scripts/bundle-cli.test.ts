// The bundled CLI is what `wsmcp` runs: it must start and serve as the compiled modules do, and a start
// must not load what only demo mode or a PDF needs (the point of bundling with chunks loaded on demand).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { OutputChunk } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../core/commands/testing/cli.js';
import { mcpClient, textOf } from '../core/commands/testing/login.js';
import { BUNDLE_DIR, bundleCli } from './bundle-cli.js';

let chunks: OutputChunk[] = [];
const dirs: string[] = [];
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  buildCli();
  chunks = await bundleCli();
}, 120_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every module loaded with the chunk of `source`: its chunk and the chunks those import statically. */
function loadedWith(source: RegExp): string[] {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const start = chunks.find((c) => c.facadeModuleId !== null && source.test(c.facadeModuleId));
  if (!start) throw new Error(`no chunk of ${String(source)}`);
  const seen = new Set<OutputChunk>();
  const visit = (c: OutputChunk) => {
    if (seen.has(c)) return;
    seen.add(c);
    // Imports not in the bundle are the externals (node:*, the native modules).
    for (const name of c.imports) {
      const next = byFile.get(name);
      if (next) visit(next);
    }
  };
  visit(start);
  return [...seen].flatMap((c) => c.moduleIds);
}

const DEMO_OR_PDF_ONLY = /core\/sandbox\/|core\/files\/extract\/pdf|node_modules\/(unpdf|@peculiar\/x509)\//;

it('starts the app without loading the sandbox, the certificate maker or pdf.js', () => {
  const app = loadedWith(/core\/app\/app\.js$/);
  expect(app.filter((id) => /core\/mcp\/server\//.test(id))).not.toEqual([]);
  expect(app.filter((id) => DEMO_OR_PDF_ONLY.test(id))).toEqual([]);
  // What demo mode loads on demand does hold them: the check above can see them.
  expect(loadedWith(/core\/account\/demo\.js$/).filter((id) => DEMO_OR_PDF_ONLY.test(id))).not.toEqual([]);
});

it('loads every chunk: nothing the bundler could not follow fails when a command first needs it', async () => {
  const importAll = `for (const f of ${JSON.stringify(chunks.map((c) => c.fileName).filter((f) => f !== 'cli.js'))}) await import('./${BUNDLE_DIR}/' + f);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', importAll], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(errors).toBe('');
  expect(code).toBe(0);
});

it('serves MCP from the installed entry point, chunks loaded on demand included', async () => {
  const child = spawn(
    process.execPath,
    ['bin/wsmcp.js', 'serve', '--demo', '--json', '--port', '0', '--data-dir', temp('wsmcp-bundle-')],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: temp('wsmcp-home-') } },
  );
  try {
    let ready: { mcpUrl: string; token: string } | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      ready = JSON.parse(line) as { mcpUrl: string; token: string };
      break;
    }
    expect(ready).toBeDefined();
    const client = await mcpClient(ready!.mcpUrl, ready!.token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('list_projects');
    const result = await client.callTool({ name: 'list_projects', arguments: {} });
    expect(result.isError, textOf(result)).toBeFalsy();
    await client.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});
