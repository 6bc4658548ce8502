// Run as its own process by fresh-process-rate.test.ts: a brand-new Node process (nothing warmed up, the
// HTTP client not yet loaded, no connection open, and an access-token look-up that takes 60 ms the first
// time, as reading the vault or a keychain can) sends three reads at once through the default scheduler
// (1 request a second) to a sandbox that enforces 1 request a second, and prints as one JSON line when
// each request's headers were written to the socket (Node fetch's own diagnostics channel, the moment the
// request leaves), the sandbox's arrival stamps, and its answers.
import { subscribe } from 'node:diagnostics_channel';
import { startSandbox } from '../../sandbox/server.js';
import { createWorksectionClient } from '../client.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';

const sent: number[] = [];
subscribe('undici:client:sendHeaders', (message) => {
  const path = (message as { request?: { path?: string } }).request?.path ?? '';
  if (path.startsWith('/api/')) sent.push(performance.timeOrigin + performance.now());
});

const sandbox = await startSandbox({ rateLimit: 1 });
const tokens = sandboxTokenProvider(sandbox);
let looked = false;
const slowFirstLookUp = {
  ...tokens,
  getAccessToken: async () => {
    if (!looked) await new Promise((resolve) => setTimeout(resolve, 60));
    looked = true;
    return tokens.getAccessToken();
  },
  refresh: () => tokens.refresh(),
};
const client = createWorksectionClient({
  accountUrl: sandbox.url,
  auth: { kind: 'oauth', tokens: slowFirstLookUp },
});
try {
  await Promise.all([1, 2, 3].map((i) => client.call('get_events', { period: `${i}m` })));
  const rows = sandbox.requests().filter((r) => r.path.startsWith('/api/'));
  process.stdout.write(
    JSON.stringify({ sent, times: rows.map((r) => r.time), statuses: rows.map((r) => r.status) }) + '\n',
  );
} finally {
  client.close();
  await sandbox.close();
}
