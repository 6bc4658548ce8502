// The installed `wsmcp` (bin/wsmcp.js) runs a bundle of the compiled CLI, built by `npm run build` after
// tsc: a start then reads a few dozen files instead of resolving and compiling some 450 modules one by one,
// which was most of its cold start (docs/decisions.md, "Cold start"). Each command and everything loaded on
// demand (demo mode's sandbox, PDF reading) stays its own chunk, loaded only when used. The native modules
// stay outside and load from their packages.
import { join } from 'node:path';
import { rolldown, type OutputChunk } from 'rolldown';

/** Where the bundle goes; its entry is `cli.js`. */
export const BUNDLE_DIR = join('dist', 'bundle');

/** Bundles dist/core/cli.js (tsc's output) into `outDir`; answers the chunks written. */
export async function bundleCli(root = '.', outDir = join(root, BUNDLE_DIR)): Promise<OutputChunk[]> {
  const build = await rolldown({
    input: { cli: join(root, 'dist', 'core', 'cli.js') },
    platform: 'node',
    external: ['better-sqlite3', 'keytar', /^node:/],
    // A package's ES module build first: some `main`s are UMD wrappers whose `require('./x')` no bundler
    // can follow (jsonc-parser's, which `wsmcp connect` loads).
    resolve: { mainFields: ['module', 'main'] },
  });
  try {
    const { output } = await build.write({
      dir: outDir,
      format: 'esm',
      entryFileNames: '[name].js',
      // One folder below the entry, so `new URL('../cli.js', import.meta.url)` in a chunk names the entry,
      // as it names dist/core/cli.js from dist/core/commands/ (the launcher `wsmcp connect` writes).
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      cleanDir: true,
    });
    return output.filter((o): o is OutputChunk => o.type === 'chunk');
  } finally {
    await build.close();
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await bundleCli();
