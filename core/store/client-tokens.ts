// Per-client bearer tokens for the MCP endpoint. A token is shown once at creation; the store keeps only
// its sha256 with the client's name, scope and times, so a copied database grants nothing. Tokens carry
// 256 random bits, so an unsalted hash is enough, and looking a token up by its hash compares hashes, never
// the secret: timing tells an attacker nothing about a stored token.
import { createHash, randomBytes } from 'node:crypto';
import { openDatabase, type Db } from './db.js';

const TOKEN_PREFIX = 'wsmcp_';
/** 32 random bytes in base64url are 43 characters. */
export const TOKEN_PATTERN = /^wsmcp_[A-Za-z0-9_-]{43}$/;
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;
const TOUCH_INTERVAL_MS = 60_000;

/** What a client token may call: a read token sees and calls read tools only. */
export type TokenScope = 'read' | 'write';

export interface ClientTokenInfo {
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Who is calling: what the HTTP layer hands the MCP server per session. */
export interface ClientIdentity {
  name: string;
  scope: TokenScope;
  /** The stored token hash: tells a token from a later one re-created under the same name. */
  tokenId: string;
}

/** A mistake the user can fix (duplicate or malformed name, bad scope): the message says how. */
export class ClientTokenError extends Error {
  override name = 'ClientTokenError';
}

export interface ClientTokens {
  create(name: string, scope?: TokenScope): { token: string; info: ClientTokenInfo };
  list(): ClientTokenInfo[];
  /** False when no token has that name. */
  revoke(name: string): boolean;
  /** The token's client, or undefined for a malformed, unknown or revoked token. */
  verify(token: string): ClientIdentity | undefined;
  /** Whether the token of this tokenId (ClientIdentity.tokenId) is still valid, whoever revoked it. */
  exists(tokenId: string): boolean;
}

export interface ClientTokensOptions {
  now?: () => Date;
  /** last_used_at is written at most this often per token (default one minute). */
  touchIntervalMs?: number;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface Row {
  name: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
}

const info = (r: Row): ClientTokenInfo => ({
  name: r.name,
  scope: r.scope,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export function createClientTokens(db: Db, opts: ClientTokensOptions = {}): ClientTokens {
  const now = opts.now ?? (() => new Date());
  const touchInterval = opts.touchIntervalMs ?? TOUCH_INTERVAL_MS;
  const insert = db.prepare(
    'INSERT INTO client_tokens (name, token_hash, scope, created_at) VALUES (?, ?, ?, ?)',
  );
  const byName = db.prepare('SELECT name FROM client_tokens WHERE name = ?');
  const byHash = db.prepare('SELECT name, scope FROM client_tokens WHERE token_hash = ?');
  const all = db.prepare('SELECT name, scope, created_at, last_used_at FROM client_tokens ORDER BY name');
  const remove = db.prepare('DELETE FROM client_tokens WHERE name = ?');
  const touch = db.prepare('UPDATE client_tokens SET last_used_at = ? WHERE name = ?');
  const touchedAt = new Map<string, number>();

  // Off the request's path: a verify never waits for a write (or another process's write lock).
  const noteUse = (name: string): void => {
    const at = now();
    const last = touchedAt.get(name);
    if (last !== undefined && at.getTime() - last < touchInterval) return;
    touchedAt.set(name, at.getTime());
    setImmediate(() => {
      try {
        touch.run(at.toISOString(), name);
      } catch {
        // The store closed meanwhile (shutdown) or is busy: the next use records it.
        touchedAt.delete(name);
      }
    });
  };

  return {
    create(name, scope = 'write') {
      if (!NAME_PATTERN.test(name)) {
        throw new ClientTokenError(
          `"${name}" is not a usable token name: use 1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`,
        );
      }
      if (scope !== 'read' && scope !== 'write') {
        throw new ClientTokenError(`scope must be read or write, got "${String(scope)}"`);
      }
      if (byName.get(name)) {
        throw new ClientTokenError(
          `a token named "${name}" already exists; revoke it first (wsmcp token revoke "${name}") or pick another name`,
        );
      }
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const createdAt = now().toISOString();
      insert.run(name, hashToken(token), scope, createdAt);
      return { token, info: { name, scope, createdAt, lastUsedAt: null } };
    },
    list: () => (all.all() as Row[]).map(info),
    revoke(name) {
      touchedAt.delete(name);
      return remove.run(name).changes > 0;
    },
    verify(token) {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const tokenId = hashToken(token);
      const row = byHash.get(tokenId) as Pick<Row, 'name' | 'scope'> | undefined;
      if (!row) return undefined;
      noteUse(row.name);
      return { name: row.name, scope: row.scope, tokenId };
    },
    exists: (tokenId) => byHash.get(tokenId) !== undefined,
  };
}

/** The client tokens of the store file (created when new), for a command run beside the serving process. */
export function openClientTokens(file: string): { tokens: ClientTokens; close(): void } {
  const db = openDatabase(file);
  return { tokens: createClientTokens(db), close: () => db.close() };
}
