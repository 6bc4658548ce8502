// A loopback reverse proxy that adds the bearer token: for test tools that cannot send headers (the
// conformance suite). It is otherwise transparent: bodies and SSE streams are piped as they come, and a
// loopback Host or Origin naming the proxy's port gets the server's port instead, while any other value
// (the suite's DNS-rebinding probe sends a foreign one) passes through untouched for the server to judge.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthProxy {
  /** The target URL with the proxy's origin, e.g. http://127.0.0.1:PORT/mcp. */
  url: string;
  close(): Promise<void>;
}

export async function startAuthProxy(target: string, token: string): Promise<AuthProxy> {
  const upstream = new URL(target);
  let port = '';
  const retarget = (authority: string): string => {
    const at = authority.lastIndexOf(':');
    const name = authority.slice(0, at);
    const loopback = name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
    return loopback && authority.slice(at + 1) === port ? `${name}:${upstream.port}` : authority;
  };

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const headers = { ...req.headers, authorization: `Bearer ${token}` };
    if (headers.host) headers.host = retarget(headers.host);
    if (headers.origin?.startsWith('http://'))
      headers.origin = `http://${retarget(headers.origin.slice('http://'.length))}`;
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client that hangs up (e.g. closing an SSE stream) ends the upstream request too.
    res.on('close', () => out.destroy());
    req.pipe(out);
  }

  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = String((server.address() as AddressInfo).port);
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
