// The sign-in commands as a user runs them: the compiled CLI in child processes with their own environment
// (the passphrase), a test that plays the browser against the sandbox's consent page and the HTTPS
// callback, and the in-process look into the vault that the no-plaintext checks need.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { httpsGet } from '../../auth/https-get.js';
import { passphraseBackend } from '../../vault/passphrase.js';
import type { SecretsRecord } from '../../vault/record.js';
import { Vault } from '../../vault/vault.js';
import { cleanEnv, CLI } from './cli.js';
import { consentRedirect } from '../../auth/testing/sign-in.js';

export const PASSPHRASE = 'correct horse battery staple';

export type Proc = ChildProcessByStdio<Writable, Readable, Readable> & {
  lines: Interface;
  out: string[];
  err: string;
};

const procs: Proc[] = [];

/** Starts the CLI; the environment is clean of the developer's WSMCP_* plus `env`. */
export function cli(args: string[], env: Record<string, string> = {}, input?: string): Proc {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // No session bus: keytar fails at once instead of looking for a keychain on the developer's desktop.
    env: { ...cleanEnv(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', ...env },
  }) as Proc;
  child.out = [];
  child.err = '';
  child.lines = createInterface({ input: child.stdout });
  child.lines.on('line', (line) => child.out.push(line));
  child.stderr.on('data', (d: Buffer) => (child.err += d.toString()));
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  procs.push(child);
  return child;
}

export async function exited(child: Proc): Promise<number | null> {
  if (child.exitCode === null) await once(child, 'exit');
  // The last lines may still be in the pipe when 'exit' fires.
  if (!child.stdout.readableEnded) await once(child.stdout, 'end');
  return child.exitCode;
}

export async function cliRun(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number | null; out: string[]; err: string }> {
  const child = cli(args, env, input);
  const code = await exited(child);
  return { code, out: child.out, err: child.err };
}

/** The next stdout line as JSON (waits for it). */
export async function nextJson<T>(child: Proc, index: number): Promise<T> {
  while (child.out.length <= index) {
    if (child.stdout.readableEnded) throw new Error(`no line ${index} (stderr: ${child.err})`);
    await Promise.race([once(child.lines, 'line'), once(child.lines, 'close')]);
  }
  return JSON.parse(child.out[index]!) as T;
}

export function killAll(): void {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
}

/** The browser: the consent page answered, then the redirect followed to the HTTPS callback. */
export async function playBrowser(authorizeUrl: string, certFile: string, approve = true): Promise<number> {
  const callback = await consentRedirect(authorizeUrl, approve);
  // Trusting exactly the certificate the product generated in the data dir.
  const answer = await httpsGet(callback.toString(), await readFile(certFile, 'utf8'));
  return answer.status;
}

/** What the vault holds, read in-process with the test's passphrase (to know which secrets to grep for). */
export function readVault(secretsDir: string): Promise<SecretsRecord> {
  return new Vault(join(secretsDir, 'vault.bin'), passphraseBackend(PASSPHRASE, secretsDir)).read();
}

/** Every file under `dir` whose bytes contain one of `secrets`: none, when all is well. */
export async function filesContaining(dir: string, secrets: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const found: string[] = [];
  for (const e of entries.filter((x) => x.isFile())) {
    const bytes = await readFile(join(e.parentPath, e.name));
    for (const s of secrets)
      if (bytes.includes(Buffer.from(s))) found.push(`${e.name} holds …${s.slice(-6)}`);
  }
  return found;
}

export async function mcpClient(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'login-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

export function textOf(result: unknown): string {
  const content = ((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}
