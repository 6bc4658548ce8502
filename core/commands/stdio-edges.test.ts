// `wsmcp stdio` at the edges of JSON-RPC, as a raw client would hit them: lines that are not JSON, a
// message with an id and no method, a line over the size cap, arguments of the wrong kind. Each is
// answered per JSON-RPC 2.0, named on stderr, and the server keeps serving the next request.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanEnv, cleanUp, CLI, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

interface Answer {
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
}

function stdio(): {
  child: ChildProcessWithoutNullStreams;
  send: (line: string) => void;
  next: () => Promise<Answer>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [CLI, 'stdio', '--demo', '--data-dir', tempDir()], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const next = async (): Promise<Answer> => {
    while (!out.includes('\n')) await once(child.stdout, 'data');
    const at = out.indexOf('\n');
    const line = out.slice(0, at);
    out = out.slice(at + 1);
    return JSON.parse(line) as Answer;
  };
  return { child, send: (line) => child.stdin.write(`${line}\n`), next, stderr: () => err };
}

const rpc = (id: number, method: string, params?: object) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params && { params }) });

describe('wsmcp stdio edges', () => {
  it('answers bad lines per JSON-RPC, says on stderr what was dropped, and keeps serving', async () => {
    const { child, send, next, stderr } = stdio();
    send(
      rpc(1, 'initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      }),
    );
    expect((await next()).id).toBe(1);
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));

    send('this is not json');
    expect(await next()).toMatchObject({ id: null, error: { code: -32700 } });

    send(JSON.stringify({ jsonrpc: '2.0', id: 7 }));
    expect(await next()).toMatchObject({ id: 7, error: { code: -32600 } });

    // Over the 16 MiB cap: skipped to its end, answered, and the process lives on.
    child.stdin.write(
      `{"jsonrpc":"2.0","id":8,"method":"ping","params":{"pad":"${'x'.repeat(17 * 1024 * 1024)}"}}\n`,
    );
    expect(await next()).toMatchObject({ id: null, error: { code: -32600 } });

    for (const [id, args] of [
      [9, null],
      [10, [1, 2]],
      [11, 'a string'],
    ] as const) {
      send(rpc(id, 'tools/call', { name: 'list_projects', arguments: args }));
      const answer = await next();
      expect(answer).toMatchObject({ id, error: { code: -32602 } });
      expect(answer.error?.message).toMatch(/^Invalid params for tools\/call: `params\.arguments`: [^\n]+$/);
    }

    send(rpc(12, 'tools/list'));
    const list = await next();
    expect(list.id).toBe(12);
    expect(list.result).toHaveProperty('tools');

    expect(stderr()).toContain('stdio: dropped a line that is not JSON');
    expect(stderr()).toContain('stdio: dropped a message that is not JSON-RPC 2.0 (id 7)');
    expect(stderr()).toContain('stdio: dropped a line over 16777216 bytes');
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 60_000);
});
