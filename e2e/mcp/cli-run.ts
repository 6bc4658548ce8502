// Running the third-party MCP clients (dev dependencies) as child processes: straight from their package's
// bin file with our Node (npx would add a registry round trip and a second Node), with HOME and every
// config directory inside a temporary folder so nothing reads or writes the developer's real settings.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: the nearest folder with a package.json above this file (its source or its dist/ copy). */
export const REPO_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('no package.json above the e2e helpers');
    dir = up;
  }
  return dir;
})();

/** The absolute path of a package's bin script, read from its package.json like npm does. */
export function binPath(pkg: string, bin: string): string {
  const dir = join(REPO_ROOT, 'node_modules', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${pkg} has no bin "${bin}"`);
  return join(dir, rel);
}

export interface Sandboxed {
  home: string;
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** A throwaway HOME (and the config variables the clients honour) for child processes. */
export async function isolatedHome(): Promise<Sandboxed> {
  const home = await mkdtemp(join(tmpdir(), 'wsmcp-e2e-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    MCP_REMOTE_CONFIG_DIR: join(home, '.mcp-auth'),
    MCP_CATALOG_PATH: join(home, 'mcp-inspector.json'),
    // Nothing here may open a browser or phone home.
    BROWSER: 'none',
    MCP_AUTO_OPEN_ENABLED: 'false',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
    CI: 'true',
  };
  return { home, env, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` to completion; a hung client is killed at timeoutMs and reported. */
export function runNode(
  script: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [script, ...args],
      {
        env: opts.env,
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const killed = error?.killed ? `\n[killed after ${opts.timeoutMs ?? 30_000} ms]` : '';
        resolvePromise({ code, stdout, stderr: stderr + killed });
      },
    );
  });
}
