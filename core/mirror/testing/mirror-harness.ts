// A mirror over a fresh sandbox, with its client at full speed (no rate limit on either side), an
// admin client that changes the sandbox "from elsewhere", and helpers to sync until nothing is due.
import { openDatabase, type Db } from '../../store/db.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';
import { WorksectionClient } from '../../worksection/client.js';
import type { Mirror, MirrorOptions } from '../mirror.js';
import { syncUntilIdle, testMirror } from './test-mirror.js';

export interface MirrorHarness {
  sandbox: RunningSandbox;
  client: WorksectionClient;
  /** Another user of the account: changes made with it reach the mirror only through sync. */
  elsewhere: WorksectionClient;
  db: Db;
  mirror: Mirror;
  /** Steps until nothing is due; returns how many steps (each at most one request) it took. */
  syncAll(): Promise<number>;
  /** Polls the activity log, then steps until nothing is due. */
  syncChanges(): Promise<number>;
  close(): Promise<void>;
}

/** The Worksection actions the sandbox has answered the signed-in client so far, in order. */
export const apiActions = (x: MirrorHarness): (string | null)[] =>
  x.sandbox
    .requests()
    .filter((r) => r.path.startsWith('/api/oauth2'))
    .map((r) => r.action);

export async function mirrorHarness(
  opts: {
    seed?: number;
    file?: string;
    beginConfirm?: MirrorOptions['beginConfirm'];
    /** Options besides these (feedsCache: as when the response cache keeps what it reads). */
    mirror?: Partial<MirrorOptions>;
  } = {},
): Promise<MirrorHarness> {
  const sandbox = await startSandbox({ seed: opts.seed ?? 3, rateLimit: 0 });
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
  const elsewhere = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'admin', apiKey: sandbox.apiKey },
    scheduler: { ratePerSecond: 0 },
  });
  const db = openDatabase(opts.file ?? ':memory:');
  // Signed in as a user (OAuth), as the client is: a full pass reads "me" too.
  const mirror = testMirror(db, client, sandbox.url, undefined, opts.beginConfirm, undefined, {
    signedIn: true,
    ...opts.mirror,
  });
  const syncAll = () => syncUntilIdle(mirror);
  return {
    sandbox,
    client,
    elsewhere,
    db,
    mirror,
    syncAll,
    syncChanges() {
      mirror.sync.pollEventsSoon();
      return syncAll();
    },
    async close() {
      await mirror.stop();
      client.close();
      elsewhere.close();
      db.close();
      await sandbox.close();
    },
  };
}
