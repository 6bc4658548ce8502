// For test files that need the sandbox and an admin-key client without rate limits: both start before the
// file's (or describe block's) tests and close after them; `use` receives them once they are up.
import { afterAll, beforeAll } from 'vitest';
import { WorksectionClient } from '../../worksection/client.js';
import { startSandbox, type RunningSandbox } from '../server.js';

export function useSandboxAdminClient(
  use: (sandbox: RunningSandbox, client: WorksectionClient) => void,
): void {
  let sandbox: RunningSandbox | undefined;
  let client: WorksectionClient | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    client = new WorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'admin', apiKey: sandbox.apiKey },
      scheduler: { ratePerSecond: 0 },
    });
    use(sandbox, client);
  });
  afterAll(async () => {
    client?.close();
    await sandbox?.close();
  });
}
