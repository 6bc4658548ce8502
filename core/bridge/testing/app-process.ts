// The headless app as the bridge tests need it: `wsmcp serve --demo` on a port the test chooses (so it
// can be killed and started again at the same address), with SIGKILL available to play a crash.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../mcp/e2e/cli-run.js';

export const CLI = join(REPO_ROOT, 'dist/core/cli.js');

export interface AppProcess {
  mcpUrl: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  stderr(): string;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess, ms: number): Promise<boolean> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        child.once('exit', () => (clearTimeout(timer), resolve(true)));
      });

export async function startApp(dataDir: string, port: number, timeoutMs = 20_000): Promise<AppProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--demo', '--json', '--port', String(port), '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (await exited(child, 0)) return;
    child.kill(signal);
    if (!(await exited(child, 5_000))) child.kill('SIGKILL');
    await exited(child, 5_000);
  };
  const mcpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"event":"ready"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { mcpUrl: string }).mcpUrl);
      }
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`serve exited (${code}): ${err}`))));
  }).catch(async (e: unknown) => {
    await stop('SIGKILL');
    throw e;
  });
  return { mcpUrl, stop, stderr: () => err };
}
