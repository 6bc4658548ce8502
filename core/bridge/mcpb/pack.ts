// Builds the Claude Desktop extension (worksection.mcpb) with the official packer: a folder holding the
// manifest, a package.json that makes the files ES modules, and the compiled bridge (core/bridge/*.js,
// which imports nothing outside its folder), zipped by @anthropic-ai/mcpb. Run after `npm run build`:
// `node dist/core/bridge/mcpb/pack.js <out.mcpb>` (npm run bundle:mcpb); the tests build one too.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packExtension } from '@anthropic-ai/mcpb';
import { mcpbManifest } from './manifest.js';

const BRIDGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = resolve(BRIDGE_DIR, '..', '..', '..');

/** Lays the bundle's files out in `dir` (what gets zipped). */
function stageMcpb(dir: string, version: string): void {
  mkdirSync(join(dir, 'server'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(mcpbManifest(version), null, 2)}\n`);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  const files = readdirSync(BRIDGE_DIR).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js'));
  for (const name of files) copyFileSync(join(BRIDGE_DIR, name), join(dir, 'server', name));
}

export async function packMcpb(outFile: string, version?: string): Promise<void> {
  const v =
    version ??
    (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const stage = mkdtempSync(join(tmpdir(), 'wsmcp-mcpb-'));
  try {
    stageMcpb(stage, v);
    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    if (!(await packExtension({ extensionPath: stage, outputPath: resolve(outFile), silent: true }))) {
      throw new Error('mcpb refused the bundle (its manifest did not validate)');
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? join(REPO_ROOT, 'dist', 'worksection.mcpb');
  await packMcpb(out);
  console.log(`Built ${out}`);
}
