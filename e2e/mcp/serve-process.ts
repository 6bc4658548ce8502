// The product as a user runs it: `wsmcp serve --demo --json` in a child process, the ready line parsed,
// and a stop that never leaves the process behind. Every e2e test file starts one in beforeAll.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './cli-run.js';

const ReadyLine = z.object({
  event: z.literal('ready'),
  mcpUrl: z.url(),
  uiUrl: z.string(),
  token: z.string().startsWith('wsmcp_'),
  sandboxUrl: z.url(),
});
export type ServeReady = z.infer<typeof ReadyLine>;

export interface RunningServe extends ServeReady {
  dataDir: string;
  /** The server's stand-in for the home folder where MCP clients keep configs (WSMCP_CLIENTS_HOME). */
  clientsHome: string;
  pid: number;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

const CLI = join(REPO_ROOT, 'dist/core/cli.js');

function command(dataDir: string): string[] {
  if (!existsSync(CLI)) {
    throw new Error('dist/ has no wsmcp build: run `npm run build` before the e2e tests');
  }
  return [CLI, 'serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir];
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A child process that prints one JSON ready line (parsed by `ready`) and is stopped by SIGTERM. */
export interface ReadyProcess<T> {
  ready: T;
  pid: number;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startReadyProcess<T>(
  args: string[],
  ready: z.ZodType<T>,
  opts: { cwd: string; timeoutMs?: number; env?: Record<string, string> },
): Promise<ReadyProcess<T>> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));

  const stop = async (): Promise<void> => {
    if (await waitForExit(child, 0)) return;
    child.kill('SIGTERM');
    if (await waitForExit(child, 5_000)) return;
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  };

  try {
    const line = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms`)), timeoutMs);
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        for (const text of out.split('\n').slice(0, -1)) {
          const parsed = ready.safeParse(safeJson(text));
          if (parsed.success) {
            clearTimeout(timer);
            resolve(parsed.data);
          }
        }
        out = out.slice(out.lastIndexOf('\n') + 1);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before its ready line`));
      });
    });
    return { ready: line, pid: child.pid ?? 0, stderr: () => err, stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}; stderr:\n${err}`, { cause: e });
  }
}

/**
 * For figures that must count only the calls measured (per-call overhead, upstream-free answers): the
 * mirror's background sync would add upstream requests of its own.
 */
export const NO_BACKGROUND_SYNC = { env: { WSMCP_MIRROR: 'false' } };

export async function startServe(
  opts: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<RunningServe> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-e2e-'));
  // A test never reads or writes the real clients' configs (the Clients panel's Connect writes them).
  const clientsHome = join(dataDir, 'home');
  try {
    const env = { WSMCP_CLIENTS_HOME: clientsHome, ...opts.env };
    const proc = await startReadyProcess(command(dataDir), ReadyLine, { ...opts, cwd: dataDir, env });
    return {
      ...proc.ready,
      dataDir,
      clientsHome,
      pid: proc.pid,
      stderr: proc.stderr,
      stop: async () => {
        await proc.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
