// Test support: the client's end of a bridge's stdin/stdout as in-memory pipes, driven the way the SDK's
// stdio transport drives a child process (one JSON-RPC message per line).
import { PassThrough } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The client's end of the bridge's stdin/stdout, as the SDK's stdio transport would drive it. */
export function pipes(): { transport: Transport; stdin: PassThrough; stdout: PassThrough } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let buffered = '';
  const transport: Transport = {
    start: () => Promise.resolve(),
    send: (m: JSONRPCMessage) => Promise.resolve(void stdin.write(`${JSON.stringify(m)}\n`)),
    close: () => Promise.resolve(void stdin.end()),
  };
  stdout.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      if (line) transport.onmessage?.(JSON.parse(line) as JSONRPCMessage);
    }
  });
  return { transport, stdin, stdout };
}
