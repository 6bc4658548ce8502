// One-time codes and UI sessions: a code opens exactly one session, before its expiry, from whichever
// process minted it (two connections to one real store stand for the server and `wsmcp open`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UiSessions } from '../control/ui-session.js';
import { openDatabase, type Db } from './db.js';
import { codeStore, mintOpenCode, OPEN_CODE_TTL_MS, takeOpenCode } from './ui-open-codes.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function twoConnections(): [Db, Db] {
  const dir = mkdtempSync(join(tmpdir(), 'wsmcp-codes-'));
  dirs.push(dir);
  const a = openDatabase(join(dir, 'wsmcp.db'));
  const b = openDatabase(join(dir, 'wsmcp.db'));
  dbs.push(a, b);
  return [a, b];
}

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('one-time codes', () => {
  it('are taken once, by any connection to the store, and only before they expire', () => {
    const [server, cli] = twoConnections();
    const code = mintOpenCode(codeStore(cli), OPEN_CODE_TTL_MS, T0);
    expect(code).toMatch(/^[\w-]{32}$/);
    expect(takeOpenCode(codeStore(server), code, T0 + 1_000)).toBe(true);
    expect(takeOpenCode(codeStore(server), code, T0 + 2_000)).toBe(false);

    const late = mintOpenCode(codeStore(cli), OPEN_CODE_TTL_MS, T0);
    expect(takeOpenCode(codeStore(server), late, T0 + OPEN_CODE_TTL_MS + 1)).toBe(false);
    expect(takeOpenCode(codeStore(server), 'not a code', T0)).toBe(false);
  });

  it('keep only the newest twenty waiting', () => {
    const [db] = twoConnections();
    const store = codeStore(db);
    const codes = Array.from({ length: 21 }, (_, i) => mintOpenCode(store, OPEN_CODE_TTL_MS, T0 + i));
    expect(takeOpenCode(store, codes[0]!, T0 + 100)).toBe(false);
    expect(takeOpenCode(store, codes[20]!, T0 + 100)).toBe(true);
  });
});

describe('UI sessions', () => {
  it('exchange a valid code for a session that ends after a week idle', () => {
    let now = T0;
    const valid = new Set(['good-code']);
    const sessions = new UiSessions({ takeCode: (c) => valid.delete(c), now: () => now });
    expect(sessions.exchange('bad-code')).toBeUndefined();
    const id = sessions.exchange('good-code');
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(sessions.exchange('good-code')).toBeUndefined();
    now += 6 * 86_400_000;
    expect(sessions.valid(id)).toBe(true);
    now += 7 * 86_400_000 + 1;
    expect(sessions.valid(id)).toBe(false);
    expect(sessions.valid(undefined)).toBe(false);
  });

  it('end the least recently used past the cap', () => {
    const sessions = new UiSessions({ takeCode: () => true, max: 2 });
    const [a, b] = [sessions.exchange('1'), sessions.exchange('2')];
    expect(sessions.valid(a)).toBe(true);
    const c = sessions.exchange('3');
    expect([sessions.valid(a), sessions.valid(b), sessions.valid(c)]).toEqual([true, false, true]);
  });
});
