// The app's /mcp endpoint as the bridge talks to it: one POST per message with the client's token, the
// session id and negotiated protocol version the spec asks for, answers read as JSON or as an SSE stream,
// a GET stream for what the app sends unasked, and a DELETE when the client leaves.
import { asMessage, type Message } from './messages.js';
import { sseData } from './sse.js';

export interface Session {
  id?: string;
  protocolVersion?: string;
}

/** Nothing answered at the address: the app is not running (or stopped). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export interface Upstream {
  post(message: Message, session: Session | undefined, signal?: AbortSignal): Promise<Response>;
  listen(session: Session, signal: AbortSignal): Promise<Response>;
  end(session: Session): Promise<void>;
}

export function createUpstream(url: string, token: string, fetchImpl: typeof fetch = fetch): Upstream {
  const headers = (session: Session | undefined, extra: Record<string, string>): Record<string, string> => ({
    Authorization: `Bearer ${token}`,
    ...(session?.id ? { 'Mcp-Session-Id': session.id } : {}),
    ...(session?.protocolVersion ? { 'MCP-Protocol-Version': session.protocolVersion } : {}),
    ...extra,
  });
  const call = async (init: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(url, init);
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new UnreachableError(`nothing answers at ${url}`, { cause: err });
    }
  };
  return {
    post: (message, session, signal) =>
      call({
        method: 'POST',
        headers: headers(session, {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
        }),
        body: JSON.stringify(message),
        signal,
      }),
    listen: (session, signal) =>
      call({ method: 'GET', headers: headers(session, { Accept: 'text/event-stream' }), signal }),
    async end(session) {
      if (!session.id) return;
      await call({ method: 'DELETE', headers: headers(session, {}), signal: AbortSignal.timeout(1_000) })
        .then((r) => r.body?.cancel())
        .catch(() => undefined);
    },
  };
}

/** The JSON-RPC messages in an answer, whether it came as one JSON body or as an event stream. */
export async function* messagesOf(res: Response): AsyncGenerator<Message> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream') && res.body) {
    for await (const data of sseData(res.body)) {
      const m = parse(data);
      if (m) yield m;
    }
    return;
  }
  const text = await res.text();
  if (!text.trim()) return;
  const value: unknown = JSON.parse(text);
  for (const item of Array.isArray(value) ? value : [value]) {
    const m = asMessage(item);
    if (m) yield m;
  }
}

function parse(data: string): Message | undefined {
  try {
    return asMessage(JSON.parse(data));
  } catch {
    return undefined;
  }
}
