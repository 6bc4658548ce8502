// Sockets of the app's port, kept within what the process can hold. Each open socket costs a file
// descriptor (commonly 1,024 per process), so a page or a buggy client opening idle connections could
// starve every real client until its sockets timed out (60–90 s). Three rules keep it serving:
// - a connection must send its request headers within `headersTimeoutMs`, or it is closed;
// - at the cap, a new connection takes the place of the longest-idle one (nothing in flight on it: a
//   socket that never sent a request, or a keep-alive between requests), so open streams and requests
//   in progress, which are the authenticated clients at work, are never cut for an idle one;
// - only when every connection is busy is the new one answered 503 at once, saying why.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections at most (default 256). */
  maxConnections?: number;
  /** How long a connection may take to send a request's headers (default 10 s). */
  headersTimeoutMs?: number;
}

interface Tracked {
  inFlight: number;
  /** When it last started or finished a request, or connected. */
  since: number;
}

function refuse(socket: Socket, max: number): void {
  const body =
    `Service unavailable: this server already has ${max} connections in use, its limit. ` +
    'Close connections you do not need, or retry shortly.\n';
  socket.end(
    'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n' +
      `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroySoon();
}

/** Applies the limits to `server` (before it listens). */
export function guardConnections(server: Server, limits: ConnectionLimits = {}): void {
  const max = limits.maxConnections ?? 256;
  const headersTimeout = limits.headersTimeoutMs ?? 10_000;
  server.headersTimeout = headersTimeout;
  // Bodies (capped at a few MB) have until then too; streams are responses and are not bound by it.
  server.requestTimeout = Math.max(headersTimeout, 30_000);
  const sockets = new Map<Socket, Tracked>();

  const oldestIdle = (): Socket | undefined => {
    let found: Socket | undefined;
    let since = Infinity;
    for (const [socket, t] of sockets) {
      if (t.inFlight === 0 && t.since < since) [found, since] = [socket, t.since];
    }
    return found;
  };

  server.on('connection', (socket: Socket) => {
    if (sockets.size >= max) {
      const idle = oldestIdle();
      if (!idle) return refuse(socket, max);
      sockets.delete(idle);
      idle.destroy();
    }
    sockets.set(socket, { inFlight: 0, since: performance.now() });
    socket.once('close', () => sockets.delete(socket));
    // Node checks headersTimeout only every 30 s; a silent socket is cut on time here.
    socket.setTimeout(headersTimeout, () => socket.destroy());
  });

  server.on('request', (req, res) => {
    const t = sockets.get(req.socket);
    if (!t) return;
    t.inFlight += 1;
    t.since = performance.now();
    // A stream (SSE) keeps the socket quiet for long stretches while in flight: no idle timeout then.
    req.socket.setTimeout(0);
    // Between requests Node's keepAliveTimeout (5 s) closes the socket.
    res.once('close', () => {
      t.inFlight -= 1;
      t.since = performance.now();
    });
  });
}
