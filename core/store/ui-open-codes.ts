// One-time codes that open a UI session. `serve` prints an address carrying one, `wsmcp open` (another
// process) mints more, and the desktop shell hands its window one: so they live in the store's settings
// table, as sha256 hashes with an expiry, and a code is taken (removed) in the same transaction that checks
// it. A code read from a terminal's scrollback after use, or after it expired, opens nothing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from './db.js';
import { isLive, readRuntimeStatus } from './runtime-status.js';
import { createSettingsStore } from './settings.js';

export interface CodeStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Runs `fn` as one write transaction (other processes wait). */
  transaction<T>(fn: () => T): T;
}

interface Pending {
  hash: string;
  expiresAt: number;
}

const KEY = 'ui.openCodes';
/** Codes not yet used are few; past this many, the oldest go. */
const MAX_PENDING = 20;
/** `serve` prints its address once: it must still work when the user gets to it. */
export const STARTUP_CODE_TTL_MS = 24 * 3_600_000;
/** `wsmcp open` and the desktop shell open the address at once. */
export const OPEN_CODE_TTL_MS = 5 * 60_000;

const hashOf = (code: string): string => createHash('sha256').update(code).digest('hex');

function pending(store: CodeStore, now: number): Pending[] {
  const stored = store.get(KEY);
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (p): p is Pending =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as Pending).hash === 'string' &&
      typeof (p as Pending).expiresAt === 'number' &&
      (p as Pending).expiresAt > now,
  );
}

/** A new code, valid once within `ttlMs`. */
export function mintOpenCode(store: CodeStore, ttlMs: number, now = Date.now()): string {
  const code = randomBytes(24).toString('base64url');
  store.transaction(() => {
    const list = [...pending(store, now), { hash: hashOf(code), expiresAt: now + ttlMs }];
    store.set(KEY, list.slice(-MAX_PENDING));
  });
  return code;
}

/** True once for a valid code; it is gone afterwards. */
export function takeOpenCode(store: CodeStore, code: string, now = Date.now()): boolean {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) return false;
  const hash = hashOf(code);
  return store.transaction(() => {
    const list = pending(store, now);
    const kept = list.filter((p) => p.hash !== hash);
    store.set(KEY, kept);
    return kept.length < list.length;
  });
}

/** The store's settings table as the codes' store, so every process sees the same codes. */
export function codeStore(db: Db): CodeStore {
  const settings = createSettingsStore(db);
  return { ...settings, transaction: (fn) => db.transaction(fn).immediate() };
}

/**
 * For another process (`wsmcp open`): the origin of the server serving from `dbFile` and a new code for it,
 * or undefined when no server publishes itself there as live.
 */
export function mintForRunningServer(
  dbFile: string,
  ttlMs: number,
  now = Date.now(),
): { origin: string; code: string } | undefined {
  if (!existsSync(dbFile)) return undefined;
  const db = openDatabase(dbFile);
  try {
    const status = readRuntimeStatus(db);
    const mcpUrl = status && isLive(status, now) ? status.info.mcpUrl : undefined;
    if (!mcpUrl) return undefined;
    return { origin: new URL(mcpUrl).origin, code: mintOpenCode(codeStore(db), ttlMs, now) };
  } finally {
    db.close();
  }
}
