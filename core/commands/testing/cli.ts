// The compiled CLI in child processes, as a user runs it: spawn, collect output, wait for the ready line,
// and never leave a process behind.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export const CLI = 'dist/core/cli.js';
export type Child = ChildProcessByStdio<null, Readable, Readable>;

const children: Child[] = [];
const dirs: string[] = [];

/** Builds dist/ (other modules may be mid-edit: tsc still emits) and checks the CLI is there. */
export function buildCli(): void {
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json'], {
    stdio: 'ignore',
  });
  if (!existsSync(CLI)) throw new Error(`${CLI} was not built`);
}

// The developer's own WSMCP_* settings must not leak into the child.
export const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WSMCP_')));

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsmcp-cli-'));
  dirs.push(dir);
  return dir;
}

export function start(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...cleanEnv(), ...env },
  });
  children.push(child);
  return child;
}

export async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export async function firstLine(stream: Readable): Promise<string> {
  const lines = createInterface({ input: stream });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

export async function exitOf(child: Child): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

export function cleanUp(): void {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
