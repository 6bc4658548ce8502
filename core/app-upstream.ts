// The Worksection account the app serves. Demo mode starts the built-in sandbox in-process and connects to
// it as its owner. A real account needs a sign-in, which arrives with the auth issue; until then a non-demo
// start says so instead of half-starting.
import type { Config } from './config.js';
import { createWorksectionClient, type WorksectionClient } from './worksection/client.js';
import { startSandbox, type RunningSandbox } from './worksection/sandbox/server.js';
import { sandboxTokenProvider } from './worksection/testing/sandbox-tokens.js';

export class NotSignedInError extends Error {
  constructor() {
    super(
      'not signed in to a Worksection account. Signing in to a real account arrives in a later version; ' +
        'for now run `wsmcp serve --demo` to serve the built-in sandbox account',
    );
    this.name = 'NotSignedInError';
  }
}

export interface Upstream {
  client: WorksectionClient;
  /** Admin-key mode: whose "me" the tools use. */
  meEmail: string | undefined;
  sandbox: RunningSandbox | undefined;
  close(): Promise<void>;
}

export async function connectUpstream(config: Config): Promise<Upstream> {
  if (!config.demo) throw new NotSignedInError();
  // Faithful to the real service: the sandbox enforces Worksection's 1 request/second, and the client's
  // scheduler keeps within it, so the demo behaves as a real account would.
  const sandbox = await startSandbox();
  const owner = sandbox.data.users.get(sandbox.data.ownerId);
  // Stand-in for the sign-in flow: tokens minted by the sandbox (OAuth) or its admin key.
  const client = createWorksectionClient({
    accountUrl: sandbox.url,
    auth:
      config.account.authMode === 'admin'
        ? { kind: 'admin', apiKey: sandbox.apiKey }
        : { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
  });
  return {
    client,
    meEmail: owner?.email,
    sandbox,
    async close() {
      client.close();
      await sandbox.close();
    },
  };
}
