// A real, private secret service for the keychain tests: a D-Bus session with gnome-keyring, isolated
// in a temporary home. The session lives as long as its stdin is open, so it ends with the test even if
// the test process dies. keytar in the test process connects to it through DBUS_SESSION_BUS_ADDRESS;
// libsecret keeps its first bus connection for the life of the process, so one session per test file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyringSession {
  address: string;
  close(): Promise<void>;
}

/** Why the keychain tests cannot run here, or undefined when they can. */
export function keyringUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'the headless keyring is a Linux (D-Bus) setup';
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    if (!found) return `${tool} is not installed (scripts/ensure-system-deps.sh installs it)`;
  }
  return undefined;
}

const UNLOCK = 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
const LOCK =
  'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
  'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';

/** Skips the test, saying why, where no headless keyring can run. */
export function skipWithoutKeyring(ctx: { skip(note?: string): never }): void {
  const reason = keyringUnavailable();
  if (!reason) return;
  console.log(`skipped: ${reason}`);
  ctx.skip(reason);
}

/**
 * `unlock: false` gives what a headless login leaves behind: a login keyring that exists but is locked,
 * where writes fail and reads quietly answer null.
 */
export async function startKeyringSession(opts: { unlock: boolean }): Promise<KeyringSession> {
  const home = await mkdtemp(join(tmpdir(), 'wsmcp-keyring-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: home,
  };
  const daemon = opts.unlock ? UNLOCK : `${UNLOCK}; ${LOCK}`;
  const script = `${daemon}; echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat`;
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dbus-run-session exited early (${code})`)));
  });
  return {
    address,
    async close() {
      child.stdin.end();
      await exited;
      await rm(home, { recursive: true, force: true });
    },
  };
}
