// Run as its own process by fresh-process-rate.test.ts: a brand-new Node process (nothing warmed up, the
// HTTP client not yet loaded, no connection open) sends three reads at once through the default scheduler
// (1 request a second) to a sandbox that enforces 1 request a second, and prints the sandbox's arrival
// stamps and answers as one JSON line.
import { startSandbox } from '../../sandbox/server.js';
import { createWorksectionClient } from '../client.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';

const sandbox = await startSandbox({ rateLimit: 1 });
const client = createWorksectionClient({
  accountUrl: sandbox.url,
  auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
});
try {
  await Promise.all([1, 2, 3].map((i) => client.call('get_events', { period: `${i}m` })));
  const rows = sandbox.requests().filter((r) => r.path.startsWith('/api/'));
  process.stdout.write(
    JSON.stringify({ times: rows.map((r) => r.time), statuses: rows.map((r) => r.status) }) + '\n',
  );
} finally {
  client.close();
  await sandbox.close();
}
