// MCP sessions of the Streamable HTTP endpoint (spec 2025-11-25): each initialize gets its own transport
// and server, a random session id (crypto UUID), and belongs to the exact token that opened it (its hash,
// so a token revoked and re-created under the same name cannot reuse old sessions). Clients often vanish
// without DELETE, so the table is capped per token: a token's new session past its cap closes that token's
// least recently used one, whose client simply re-initializes after its next 404. The global cap is a
// backstop that takes from the token holding the most sessions, so no client can evict the others.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ClientIdentity } from '../../store/client-tokens.js';
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
    private readonly maxPerToken = max,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The session, when it exists and was opened with this very token. */
  find(id: string, client: ClientIdentity): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || session.client.tokenId !== client.tokenId) return undefined;
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
        this.evictOverCap(client.tokenId);
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
    let res: Response;
    try {
      res = await transport.handleRequest(req, { parsedBody: body });
    } catch (err) {
      await connected.close().catch(() => undefined);
      throw err;
    }
    // The SDK refused the initialize (a malformed message): nothing will ever use this server.
    if (transport.sessionId === undefined || !this.sessions.has(transport.sessionId)) {
      await connected.close();
    }
    return res;
  }

  /** Makes room for one more session of `tokenId`. */
  private evictOverCap(tokenId: string): void {
    while (this.count(tokenId) >= this.maxPerToken) this.evictOldest(tokenId);
    while (this.sessions.size >= this.max) this.evictOldest(this.busiestToken(tokenId));
  }

  private count(tokenId: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.client.tokenId === tokenId) n++;
    return n;
  }

  /** The token with the most sessions; ties go to `own`, so a client evicts its own first. */
  private busiestToken(own: string): string {
    const counts = new Map<string, number>();
    for (const s of this.sessions.values()) {
      counts.set(s.client.tokenId, (counts.get(s.client.tokenId) ?? 0) + 1);
    }
    let busiest = own;
    let most = counts.get(own) ?? 0;
    for (const [id, n] of counts) {
      if (n > most) [busiest, most] = [id, n];
    }
    return busiest;
  }

  private evictOldest(tokenId: string): void {
    for (const [id, s] of this.sessions) {
      if (s.client.tokenId !== tokenId) continue;
      this.sessions.delete(id);
      void s.close().catch(() => undefined);
      return;
    }
    // Unreachable while the callers' counts hold; guards the loops above against spinning.
    throw new Error('no session of that token to evict');
  }

  /** Closes at once every session (and so its streams) whose token `valid` no longer accepts. */
  closeRevoked(valid: (tokenId: string) => boolean): void {
    const verdicts = new Map<string, boolean>();
    for (const [id, s] of this.sessions) {
      const ok = verdicts.get(s.client.tokenId) ?? valid(s.client.tokenId);
      verdicts.set(s.client.tokenId, ok);
      if (ok) continue;
      this.sessions.delete(id);
      void s.close().catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    this.closing = true;
    await this.endAll();
  }

  /** Ends every session; new ones may start (the endpoint was stopped from the app, not shut down). */
  async endAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(all.map((s) => s.close()));
  }
}
