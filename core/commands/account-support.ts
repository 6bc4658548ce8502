// What login, logout and status share: the account flags, opening the data directory's vault with one
// line per failure, and the small readers they need (the saved read-only switch, a secret from stdin).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ConfigFlags } from '../config.js';
import { VaultUnreadableError } from '../vault/errors.js';
import type { SecretsRecord } from '../vault/record.js';
import type { Vault } from '../vault/vault.js';

export const ACCOUNT_OPTIONS = {
  'account-url': { type: 'string' },
  'oauth-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'redirect-uri': { type: 'string' },
  scopes: { type: 'string' },
  'me-email': { type: 'string' },
} as const;

type AccountValues = Partial<Record<keyof typeof ACCOUNT_OPTIONS, string>>;

export function accountFlags(v: AccountValues & { 'data-dir'?: string }): ConfigFlags {
  return {
    dataDir: v['data-dir'],
    accountUrl: v['account-url'],
    oauthUrl: v['oauth-url'],
    clientId: v['client-id'],
    clientSecret: v['client-secret'],
    redirectUri: v['redirect-uri'],
    scopes: v.scopes,
    meEmail: v['me-email'],
  };
}

/**
 * The user's read-only switch as the app saved it (tool governance in the store), read without writing:
 * login runs beside a running server. False when there is no store yet or it cannot be read.
 */
export async function savedReadOnly(dbFile: string): Promise<boolean> {
  const { existsSync } = await import('node:fs');
  if (!existsSync(dbFile)) return false;
  const [{ default: Database }, { SETTINGS_KEY }] = await Promise.all([
    import('better-sqlite3'),
    import('../mcp/inventory/tool-settings.js'),
  ]);
  let db;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { readOnly?: unknown }).readOnly === true : false;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * A secret from stdin: piped, everything up to EOF; at a terminal, one line typed without echo (the
 * prompt goes to stderr so stdout stays the command's output).
 */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  process.stderr.write(prompt);
  // readline echoes through `output` on a terminal: a sink keeps the key off the screen.
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const lines = createInterface({ input: stdin, output: sink, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
  } finally {
    lines.close();
    process.stderr.write('\n');
  }
}

/** The saved record, or an empty one and why when the vault cannot be read (a new sign-in replaces it). */
export async function readSavedRecord(vault: Vault): Promise<{ record: SecretsRecord; unreadable?: string }> {
  try {
    return { record: await vault.read() };
  } catch (err) {
    if (err instanceof VaultUnreadableError) return { record: {}, unreadable: err.message };
    throw err;
  }
}
