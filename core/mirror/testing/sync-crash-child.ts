// The child of mirror-crash.test.ts: syncs a mirror into a store file from a sandbox another process runs,
// printing one JSON line per step, until the test SIGKILLs it mid-sync.
// Usage: node sync-crash-child.js <db file> <sandbox url> <access token>
import { openDatabase } from '../../store/db.js';
import { AuthInvalidError } from '../../worksection/errors.js';
import { WorksectionClient } from '../../worksection/client.js';
import { testMirror } from './test-mirror.js';

const [file, url, token] = process.argv.slice(2);
if (!file || !url || !token)
  throw new Error('usage: sync-crash-child <db file> <sandbox url> <access token>');
const client = new WorksectionClient({
  accountUrl: url,
  auth: {
    kind: 'oauth',
    tokens: {
      getAccessToken: () => Promise.resolve(token),
      refresh: () => Promise.reject(new AuthInvalidError('refresh', 'the crash child cannot renew')),
    },
  },
  scheduler: { ratePerSecond: 0 },
});
const mirror = testMirror(openDatabase(file), client, url);
for (let step = await mirror.sync.step(); step; step = await mirror.sync.step()) {
  process.stdout.write(`${JSON.stringify({ step, requests: mirror.progress().requestsMade })}\n`);
}
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
