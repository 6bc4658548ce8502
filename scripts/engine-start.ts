// How fast and lean the headless engine starts, as a user starts it: the installed entry (bin/wsmcp.js, the
// bundled CLI) spawned with `serve --json`, timed from spawn to its ready line (the port is listening by
// then), its CPU time at that moment (the figure to compare on a busy machine) and its resident memory once
// idle. Two accounts: one signed in with a saved admin key (the engine's own start: open the vault, the
// store, the MCP server, listen) and `--demo` (which also generates the sandbox account, makes a TLS
// certificate and signs in through OAuth). Each series starts with an empty compile cache (a first start)
// and then runs warm, as every later start of an installed app does.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { startSandbox } from '../core/sandbox/server.js';
import { keyringUnavailable, startKeyringSession } from '../core/vault/testing/keyring.js';

const ENTRY = 'bin/wsmcp.js';
const IDLE_MS = 3_000;

export interface StartFigures {
  readyMs: number;
  /** User + system CPU time of the process when it was ready; undefined where /proc is missing. */
  cpuMs: number | undefined;
  rssMb: number;
}

export interface Series {
  label: string;
  first: StartFigures;
  warm: StartFigures[];
}

type Env = Record<string, string>;

// The developer's own WSMCP_* settings must not change what is measured.
const ownEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WSMCP_')));

function cpuMsOf(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second).
  const fields = readFileSync(stat, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startOnce(args: string[], env: Env): Promise<StartFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, [ENTRY, 'serve', '--json', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...ownEnv(), ...env },
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    let readyMs = -1;
    let cpuMs: number | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.includes('"event":"ready"')) {
        readyMs = performance.now() - started;
        cpuMs = cpuMsOf(child.pid!);
        break;
      }
    }
    if (readyMs < 0) throw new Error(`wsmcp serve ended before it was ready:\n${errors}`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const rssKb = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim(),
    );
    return { readyMs, cpuMs, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function series(label: string, args: string[], env: Env, runs: number): Promise<Series> {
  const cache = mkdtempSync(join(tmpdir(), 'wsmcp-size-compile-cache-'));
  const withCache = { ...env, NODE_COMPILE_CACHE: cache };
  try {
    const first = await startOnce(args, withCache);
    const warm: StartFigures[] = [];
    for (let i = 0; i < runs; i++) warm.push(await startOnce(args, withCache));
    return { label, first, warm };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The engine's start signed in (admin key, vault key in a private keychain) and in demo mode. */
export async function measureEngineStarts(runs: number): Promise<Series[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-size-serve-'));
  const demoDir = mkdtempSync(join(tmpdir(), 'wsmcp-size-demo-'));
  const sandbox = await startSandbox({ rateLimit: 0 });
  // The vault key as a desktop or server keeps it: in the OS keychain. Without one here, a passphrase,
  // whose deliberate key derivation (scrypt, a few hundred ms) then counts in the start.
  const keyring =
    keyringUnavailable() === undefined ? await startKeyringSession({ unlock: true }) : undefined;
  const env: Env = keyring
    ? { DBUS_SESSION_BUS_ADDRESS: keyring.address }
    : { WSMCP_PASSPHRASE: 'a passphrase only for measuring' };
  try {
    const owner = sandbox.data.users.get(sandbox.data.ownerId);
    // Asynchronous: the sandbox answering the key's check runs in this process.
    const login = [
      ENTRY,
      'login',
      '--api-key',
      '--account-url',
      sandbox.url,
      '--me-email',
      owner?.email ?? '',
    ];
    await promisify(execFile)(process.execPath, [...login, '--data-dir', dataDir], {
      env: { ...ownEnv(), ...env, WSMCP_API_KEY: sandbox.apiKey },
    });
    const signedIn = keyring ? 'signed in, key in keychain' : 'signed in, passphrase';
    return [
      await series(signedIn, ['--data-dir', dataDir], env, runs),
      await series('--demo', ['--demo', '--data-dir', demoDir], {}, runs),
    ];
  } finally {
    await keyring?.close();
    await sandbox.close();
    for (const dir of [dataDir, demoDir]) rmSync(dir, { recursive: true, force: true });
  }
}
