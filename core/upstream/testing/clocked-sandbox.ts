// The upstream most core/upstream tests read: a sandbox (seed 3) on the test's clock, and a client of it
// at full speed (no rate limit on either side).
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';
import { WorksectionClient } from '../../worksection/client.js';

export interface ClockedSandbox {
  sandbox: RunningSandbox;
  client: WorksectionClient;
  /** The Worksection actions of the API requests since the first `from` (sandbox.requests() order). */
  actionsSince(from: number): string[];
  /** How many API requests reached the sandbox so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function clockedSandbox(now: () => number): Promise<ClockedSandbox> {
  const sandbox = await startSandbox({ seed: 3, rateLimit: 0, now });
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
  const api = () => sandbox.requests().filter((r) => r.path.startsWith('/api/'));
  return {
    sandbox,
    client,
    actionsSince: (from) =>
      api()
        .slice(from)
        .map((r) => String(r.action)),
    requests: () => api().length,
    async close() {
      client.close();
      await sandbox.close();
    },
  };
}
