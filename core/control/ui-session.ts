// The UI's own credential, apart from MCP client tokens: a one-time code (open-codes.ts) is exchanged for
// a random session id in an HttpOnly, SameSite=Strict cookie. Sessions live in this process's memory only:
// a restarted server asks for a fresh address (`wsmcp open`), and nothing on disk can be replayed.
import { createHash, randomBytes } from 'node:crypto';

export interface UiSessionsOptions {
  /** True once for a valid one-time code. */
  takeCode(code: string): boolean;
  /** Sessions idle this long end. Default 7 days. */
  idleMs?: number;
  /** Past this many sessions the least recently used ends. */
  max?: number;
  now?: () => number;
}

// Looked up by hash: timing tells nothing about a stored id, and memory holds no usable id.
const hashOf = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The cookie's name carries the port: cookies ignore ports, and two servers on one machine (a demo beside
 * the real one) must not overwrite each other's session.
 */
export const sessionCookieName = (port: number): string => `wsmcp_ui_${port}`;

export class UiSessions {
  private readonly sessions = new Map<string, number>();
  private readonly idleMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly opts: UiSessionsOptions) {
    this.idleMs = opts.idleMs ?? 7 * 86_400_000;
    this.max = opts.max ?? 50;
    this.now = opts.now ?? Date.now;
  }

  /** A new session id for a valid code, or undefined (unknown, used or expired code). */
  exchange(code: string): string | undefined {
    if (!this.opts.takeCode(code)) return undefined;
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(hashOf(id), this.now());
    while (this.sessions.size > this.max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return id;
  }

  /** Whether `id` names a live session; marks it used. */
  valid(id: string | undefined): boolean {
    if (!id || id.length > 100) return false;
    const key = hashOf(id);
    const last = this.sessions.get(key);
    if (last === undefined) return false;
    const now = this.now();
    // Re-inserted so the map's order stays least recently used first.
    this.sessions.delete(key);
    if (now - last > this.idleMs) return false;
    this.sessions.set(key, now);
    return true;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(hashOf(id));
  }
}
