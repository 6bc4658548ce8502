// The bridge against a scripted MCP endpoint on loopback, for the failures a real app shows only by
// accident: dying in the middle of a streamed answer, refusing the token, and forgetting the session after
// a restart. The bridge runs in-process on stream pairs; the endpoint is a real HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runBridge } from './bridge.js';
import type { Message } from './messages.js';

type Script = (msg: Message, req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
let inits = 0;

async function endpoint(script: Script): Promise<string> {
  inits = 0;
  server = createServer((req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const msg = JSON.parse(body) as Message;
      if (msg.method === 'initialize') inits++;
      if (msg.method?.startsWith('notifications/')) return void res.writeHead(202).end();
      script(msg, req, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/mcp`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const json = (res: ServerResponse, msg: unknown, headers: Record<string, string> = {}): void =>
  void res.writeHead(200, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(msg));

const initialized = (msg: Message, res: ServerResponse, session = 's1'): void =>
  json(
    res,
    {
      jsonrpc: '2.0',
      id: msg.id,
      result: {
        protocolVersion: '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: { name: 'fake', version: '1' },
      },
    },
    { 'Mcp-Session-Id': session },
  );

/** Starts the bridge and answers a function that sends a request and resolves with its answer. */
function bridge(url: string): {
  ask(method: string, params?: object): Promise<Message>;
  close(): Promise<void>;
} {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const waiting = new Map<number, (m: Message) => void>();
  let buffer = '';
  stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const m = JSON.parse(buffer.slice(0, nl)) as Message;
      buffer = buffer.slice(nl + 1);
      if (typeof m.id === 'number') waiting.get(m.id)?.(m);
    }
  });
  const done = runBridge({ url, token: 'wsmcp_test', stdin, stdout, log: () => undefined, probeMs: 60_000 });
  let id = 0;
  return {
    ask: (method, params = {}) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      }),
    close: async () => {
      stdin.end();
      await done;
    },
  };
}

const INIT = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } };

describe('the bridge when the app misbehaves', () => {
  it('answers a call the app died in the middle of with "may or may not have been carried out"', async () => {
    const url = await endpoint((msg, req, res) => {
      if (msg.method === 'initialize') return initialized(msg, res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': working\n\n');
      setTimeout(() => req.socket.destroy(), 50);
    });
    const b = bridge(url);
    await b.ask('initialize', INIT);
    const answer = await b.ask('tools/call', { name: 'post_comment', arguments: {} });
    expect(answer.result).toMatchObject({ isError: true });
    expect(JSON.stringify(answer.result)).toContain('may or may not have been carried out');
    await b.close();
  });

  it('tells the model the token was refused, and stops asking the app', async () => {
    const url = await endpoint((_msg, _req, res) => void res.writeHead(401).end());
    const b = bridge(url);
    const init = await b.ask('initialize', INIT);
    expect((init.result as { instructions: string }).instructions).toContain("refused this client's token");
    const call = await b.ask('tools/call', { name: 'get_me', arguments: {} });
    expect(JSON.stringify(call.result)).toContain('connect this client again');
    expect(inits).toBe(1);
    await b.close();
  });

  it('starts a new session when the app forgot the old one (restart), and sends the request again', async () => {
    let calls = 0;
    const url = await endpoint((msg, req, res) => {
      if (msg.method === 'initialize') return initialized(msg, res, `s${inits}`);
      calls++;
      if (req.headers['mcp-session-id'] === 's1') return void res.writeHead(404).end();
      json(res, {
        jsonrpc: '2.0',
        id: msg.id,
        result: { tools: [{ name: 'get_me', inputSchema: { type: 'object' } }] },
      });
    });
    const b = bridge(url);
    await b.ask('initialize', INIT);
    const list = await b.ask('tools/list');
    expect(list.result).toEqual({ tools: [{ name: 'get_me', inputSchema: { type: 'object' } }] });
    expect([inits, calls]).toEqual([2, 2]);
    await b.close();
  });
});
