// The stdio transport's reading side, answering every line per JSON-RPC 2.0 instead of dropping it: a
// line that is not JSON gets -32700, a message that is neither request, notification nor response gets
// -32600 (with its id when it has one, so a client waiting on that id is released), and a line over the
// size cap is skipped to its end and answered -32600. Each such line is named on stderr (through `note`);
// serving goes on. The SDK's own StdioServerTransport closed the whole session on an over-long line and
// dropped the others silently.
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** What a client may send in one line: the HTTP endpoint's body cap is 1 MiB; stdio allows more. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

type Id = string | number | null;

function idOf(value: unknown): Id {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id } = value as { id?: unknown };
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** True while skipping the rest of an over-long line. */
  private skipping = false;
  private closed = false;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    private readonly note: (what: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer): void => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  };

  private take(part: Buffer): void {
    if (this.skipping) return;
    this.size += part.length;
    if (this.size > this.maxLineBytes) {
      this.skipping = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(part);
  }

  private endLine(): void {
    if (this.skipping) {
      this.skipping = false;
      this.reset();
      this.note(`dropped a line over ${this.maxLineBytes} bytes (answered -32600)`);
      this.fail(null, -32600, `Invalid Request: a message may be at most ${this.maxLineBytes} bytes`);
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.reset();
    if (line.trim() === '') return;
    this.handle(line);
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
  }

  private handle(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.note(`dropped a line that is not JSON (${line.length} characters; answered -32700)`);
      this.fail(null, -32700, 'Parse error: the line is not valid JSON');
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (parsed.success) {
      this.onmessage?.(parsed.data);
      return;
    }
    const id = idOf(value);
    // A broken notification has nobody waiting for it; a broken message with an id does.
    this.note(
      `dropped a message that is not JSON-RPC 2.0${id === null ? '' : ` (id ${JSON.stringify(id)})`}`,
    );
    this.fail(
      id,
      -32600,
      'Invalid Request: expected a JSON-RPC 2.0 request ("jsonrpc": "2.0", "method", optional "id" and "params")',
    );
  }

  private fail(id: Id, code: number, message: string): void {
    void this.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  }

  private readonly onError = (err: Error): void => this.onerror?.(err);

  start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(`${JSON.stringify(message)}\n`);
  }

  private write(text: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.stdout.write(text)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.reset();
    this.onclose?.();
    return Promise.resolve();
  }
}
