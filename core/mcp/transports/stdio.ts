// The same MCP server over stdio, for clients that only launch commands. The launching client is the
// only peer and the user configured it, so it gets no token check; its scope is decided by the caller
// (write unless `wsmcp stdio --read-only`). stdout carries nothing but protocol messages.
import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '../server/server.js';
import type { TokenScope } from '../../store/client-tokens.js';
import { LineTransport } from './stdio-lines.js';

const STDIO_CALLER = 'stdio';

export interface StdioServing {
  /** Settles when the client closes stdin (or stdout breaks) and the session has ended. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(
  mcp: Pick<McpServer, 'connect'>,
  opts: {
    stdin: Readable;
    stdout: Writable;
    scope: TokenScope;
    /** Told about each line dropped (answered with a JSON-RPC error); the stdio command prints it on stderr. */
    onDropped?: (what: string) => void;
  },
): Promise<StdioServing> {
  const transport = new LineTransport(opts.stdin, opts.stdout, opts.onDropped ?? (() => undefined));
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  // Set before connect: the SDK chains its own close handling onto it.
  transport.onclose = () => markClosed();
  const session = await mcp.connect(transport, { caller: STDIO_CALLER, scope: opts.scope });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= session.close().then(markClosed));
  // A client that exits closes our stdin; a broken stdout (EPIPE) means the same. The listeners stay: a
  // late EPIPE after closing must not become an unhandled 'error'.
  const onGone = (): void => void close();
  opts.stdin.once('end', onGone);
  opts.stdin.once('close', onGone);
  opts.stdout.on('error', onGone);
  return { closed, close };
}
