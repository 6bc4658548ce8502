// MCP sessions of the Streamable HTTP endpoint (spec 2025-11-25): each initialize gets its own transport
// and server, a random session id (crypto UUID), and belongs to the client token that opened it. Clients
// often vanish without DELETE, so the table is capped: a new session past the cap closes the least
// recently used one, whose client simply re-initializes after its next 404.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ClientIdentity } from './client-tokens.js';
import { jsonRpcError } from './http-guards.js';

/** Connects a new MCP server session for `client` to the transport (createMcpServer().connect). */
export type ConnectSession = (
  transport: Transport,
  client: ClientIdentity,
) => Promise<{ close(): Promise<void> }>;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  client: ClientIdentity;
  close(): Promise<void>;
}

export class SessionTable {
  // Map order is recency order: a used session is moved to the end.
  private readonly sessions = new Map<string, Session>();
  private closing = false;

  constructor(
    private readonly connect: ConnectSession,
    private readonly max: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The session, when it exists and belongs to this client (token name and scope). */
  find(id: string, client: ClientIdentity): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || session.client.name !== client.name || session.client.scope !== client.scope) {
      return undefined;
    }
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  /** Handles an initialize request: a new transport and server, registered once the SDK accepts it. */
  async initialize(req: Request, body: unknown, client: ClientIdentity): Promise<Response> {
    if (this.closing) return jsonRpcError(503, 'Service unavailable: the server is shutting down');
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        this.evictOverCap();
        // Runs inside handleRequest below, so `connected` is set by then.
        this.sessions.set(id, { transport, client, close: () => connected.close() });
      },
    });
    // DELETE, eviction and shutdown all end in transport.close(); the server chains onto this handler.
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined && this.sessions.get(id)?.transport === transport) this.sessions.delete(id);
    };
    const connected = await this.connect(transport, client);
    const res = await transport.handleRequest(req, { parsedBody: body });
    // The SDK refused the initialize (a malformed message): nothing will ever use this server.
    if (transport.sessionId === undefined || !this.sessions.has(transport.sessionId)) {
      await connected.close();
    }
    return res;
  }

  private evictOverCap(): void {
    while (this.sessions.size >= this.max) {
      const oldest = this.sessions.entries().next().value;
      if (!oldest) return;
      this.sessions.delete(oldest[0]);
      void oldest[1].close().catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    this.closing = true;
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(all.map((s) => s.close()));
  }
}
