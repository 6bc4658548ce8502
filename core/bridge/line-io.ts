// Newline-delimited messages on stdin, the framing of MCP's stdio transport.
import type { Readable } from 'node:stream';

export function readLines(input: Readable, on: { line(text: string): void; end(): void }): void {
  let buffer = '';
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (text.trim()) on.line(text);
    }
  });
  input.once('end', on.end);
  input.once('close', on.end);
  input.once('error', on.end);
}
