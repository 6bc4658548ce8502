// The HTTPS server that receives the OAuth redirect. It listens on exactly the host, port and path of
// the redirect URI, only while one sign-in waits (never as a standing service), answers the browser with
// a page, and is closed when the sign-in is decided, fails, times out or is cancelled: afterwards the
// port refuses connections. The pbv7 server ignored the configured path and echoed
// error text unescaped.
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAGE_HEADERS, renderPage, type CallbackPage } from './callback-pages.js';
import { SignInError } from './errors.js';
import { callbackAddress } from './settings.js';

export interface CallbackReply<T> {
  status: number;
  page: CallbackPage;
  /** Present when this request decides the sign-in; the server then closes. */
  outcome?: { ok: true; value: T } | { ok: false; error: Error };
}

export interface CallbackServerOptions<T> {
  redirectUri: string;
  tls: { cert: string; key: string };
  timeoutMs: number;
  /** Called for each request to the callback path with its query; one at a time. */
  handle(query: URLSearchParams, redirectUri: string): Promise<CallbackReply<T>>;
  signal?: AbortSignal;
}

export interface CallbackServer<T> {
  /** The redirect URI with the port actually bound (differs only when the configured port was 0). */
  redirectUri: string;
  /** Settles once the sign-in is decided; the server is closed by then. */
  result: Promise<T>;
  /** Stops waiting (the result becomes "cancelled" unless already decided) and closes the port. */
  close(): Promise<void>;
}

const minutes = (ms: number): string =>
  ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${Math.ceil(ms / 1000)} s`;

export async function startCallbackServer<T>(opts: CallbackServerOptions<T>): Promise<CallbackServer<T>> {
  const address = callbackAddress(opts.redirectUri);
  const servers: Server[] = [];
  let busy = false;
  let settled = false;
  let resolveResult!: (value: T) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<T>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // Callers may only look at `result` after close(); never let it count as unhandled meanwhile.
  result.catch(() => {});

  let timer: NodeJS.Timeout | undefined = undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      await Promise.all(servers.map(stop));
    })());

  const finish = (outcome: NonNullable<CallbackReply<T>['outcome']>): void => {
    if (settled) return;
    settled = true;
    void close().then(() => (outcome.ok ? resolveResult(outcome.value) : rejectResult(outcome.error)));
  };

  const onAbort = () =>
    finish({ ok: false, error: new SignInError('cancelled', 'The sign-in was cancelled.') });

  let effectiveUri = opts.redirectUri;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const send = (status: number, page: CallbackPage, after?: () => void) => {
      res.writeHead(status, PAGE_HEADERS);
      res.end(renderPage(page), after);
    };
    const url = new URL(req.url ?? '/', 'https://callback.invalid');
    // GET only: a HEAD from a link previewer must not spend the one-time code.
    if (url.pathname !== address.path || req.method !== 'GET') {
      return send(404, { ok: false, title: 'Not found', message: 'This address only receives the sign-in.' });
    }
    if (busy || settled) {
      return send(409, {
        ok: false,
        title: 'Already answered',
        message: 'This sign-in has already been answered.',
      });
    }
    busy = true;
    opts.handle(url.searchParams, effectiveUri).then(
      (reply) => {
        busy = false;
        const outcome = reply.outcome;
        send(reply.status, reply.page, outcome ? () => finish(outcome) : undefined);
      },
      (err: unknown) => {
        busy = false;
        const error = err instanceof Error ? err : new Error(String(err));
        send(500, { ok: false, title: 'Sign-in failed', message: error.message }, () =>
          finish({ ok: false, error }),
        );
      },
    );
  };

  try {
    let port = address.port;
    for (const host of address.hosts) {
      const server = createServer({ ...opts.tls, minVersion: 'TLSv1.2' }, onRequest);
      const bound = await listen(server, port, host, address.hosts.length > 1 && host === '::1');
      if (!bound) continue;
      servers.push(server);
      port = (server.address() as AddressInfo).port;
    }
    const uri = new URL(opts.redirectUri);
    uri.port = String(port);
    effectiveUri = address.port === 0 ? uri.toString() : opts.redirectUri;
  } catch (err) {
    await close();
    throw err;
  }
  // Armed only once every socket is bound, so nothing can settle (and close) half-way through binding.
  timer = setTimeout(() => {
    const text = `No answer came back from the browser within ${minutes(opts.timeoutMs)}; start the sign-in again.`;
    finish({ ok: false, error: new SignInError('timeout', text) });
  }, opts.timeoutMs);
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  if (opts.signal?.aborted) onAbort();
  const cancel = (): Promise<void> => {
    onAbort();
    return close();
  };
  return { redirectUri: effectiveUri, result, close: cancel };
}

/** Binds, or explains why not. `optional`: a missing IPv6 loopback is not an error for "localhost". */
function listen(server: Server, port: number, host: string, optional: boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (optional && (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT')) return resolve(false);
      if (err.code === 'EADDRINUSE') {
        return reject(
          new SignInError(
            'port_in_use',
            `Port ${port} is in use by another program, so the sign-in cannot receive Worksection's answer; close that program or change the redirect URI.`,
            { cause: err },
          ),
        );
      }
      if (err.code === 'EACCES') {
        return reject(
          new SignInError(
            'port_forbidden',
            `This computer does not let the app listen on port ${port}; use a redirect URI with a port above 1023.`,
            { cause: err },
          ),
        );
      }
      reject(err);
    });
    server.listen(port, host, () => resolve(true));
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
