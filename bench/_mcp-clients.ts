// SDK clients for the benchmarks: n sessions over Streamable HTTP to one endpoint.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * Node's fetch hangs an abort listener per request on the transport's one AbortSignal and drops it only
 * when the request is garbage-collected, so thousands of back-to-back calls trip its leak warning. A
 * signal of its own per request (still following the transport's) keeps the output clean.
 */
const ownSignalFetch: typeof fetch = (input, init) =>
  fetch(input, init?.signal ? { ...init, signal: AbortSignal.any([init.signal]) } : init);

export async function connectClients(
  url: string,
  headers: Record<string, string>,
  n: number,
  name = 'bench',
): Promise<Client[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const client = new Client({ name: `${name}-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers },
          fetch: ownSignalFetch,
        }),
      );
      return client;
    }),
  );
}
