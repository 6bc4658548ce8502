// client.downloadStream: the bytes as a stream, a limit that ends the transfer early, a stalled body, a
// caller that gives up, and close(). Against the sandbox, and against a bare HTTP server where the test
// needs a body the sandbox would never send (no Content-Length, more bytes than the limit, then silence).
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorksectionClient } from './client.js';
import { FileTooLargeError } from './download-stream.js';
import { CancelledError, UpstreamUnavailableError } from './errors.js';
import type { RunningSandbox } from '../sandbox/server.js';
import { allocateId, insertFile } from '../sandbox/records.js';
import { useSandboxAdminClient } from '../sandbox/testing/admin-client.js';

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('downloadStream against the sandbox', () => {
  let sb: RunningSandbox;
  let client: WorksectionClient;
  useSandboxAdminClient((sandbox, c) => {
    sb = sandbox;
    client = c;
  });

  function addFile(name: string, bytes: Uint8Array): string {
    const project = [...sb.data.projects.values()][0]!;
    const id = allocateId(sb.data);
    insertFile(sb.data, {
      id,
      name,
      kind: 'txt',
      size: bytes.length,
      dateAdded: Date.now(),
      userFromId: sb.data.ownerId,
      projectId: project.id,
      bytes,
    });
    return String(id);
  }

  it('streams the same bytes, name and declared size as download()', async () => {
    const file = [...sb.data.files.values()][0]!;
    const whole = await client.download(file.id);
    const stream = await client.downloadStream(file.id, { maxBytes: 10_000_000 });
    expect(stream.filename).toBe(file.name);
    expect(stream.size).toBe(whole.bytes.length);
    expect((await readAll(stream.body)).equals(Buffer.from(whole.bytes))).toBe(true);
  });

  it('refuses a file whose declared size is over the limit before reading its body', async () => {
    const id = addFile('big.bin', new Uint8Array(300_000).fill(1));
    const err = await client.downloadStream(id, { maxBytes: 100_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect(err).toMatchObject({ fileId: id, limitBytes: 100_000, declaredBytes: 300_000 });
  });

  it('reports a missing file as the API error it is', async () => {
    const err = await client.downloadStream('99999999').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'api_error', statusCode: 4 });
  });
});

describe('downloadStream against a server that streams without a length', () => {
  let server: Server;
  let url: string;
  let behave: (res: ServerResponse) => void;
  const closed: Promise<void>[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      closed.push(once(res, 'close').then(() => undefined));
      res.writeHead(200, {
        'content-type': 'application/x-download',
        'content-disposition': 'attachment; filename="stream.bin"',
      });
      behave(res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => server.closeAllConnections());
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });
  const newClient = () =>
    new WorksectionClient({
      accountUrl: url,
      auth: { kind: 'admin', apiKey: 'key' },
      scheduler: { ratePerSecond: 0 },
    });

  // 64 KiB chunks until told to stop, then silence: a client that waited for the end would hang.
  const flood = (chunks: number) => (res: ServerResponse) => {
    for (let i = 0; i < chunks; i++) res.write(Buffer.alloc(65_536, i));
  };

  it('stops the transfer as soon as the body passes the limit', async () => {
    behave = flood(40);
    const client = newClient();
    const stream = await client.downloadStream('1', { maxBytes: 200_000 });
    expect(stream.size).toBeUndefined();
    let seen = 0;
    const err = await (async () => {
      for await (const chunk of stream.body) seen += chunk.byteLength;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect(seen).toBeLessThanOrEqual(200_000);
    // The server sees its response end: the connection was closed, not drained.
    await closed.at(-1);
    client.close();
  });

  it('fails a body that stalls as a timeout', async () => {
    behave = flood(1);
    const client = newClient();
    const stream = await client.downloadStream('1', { idleTimeoutMs: 200 });
    const err = await readAll(stream.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err).toMatchObject({ reason: 'timeout' });
    client.close();
  });

  it('ends the transfer when the caller gives up or the client closes', async () => {
    behave = flood(1);
    const client = newClient();
    const caller = new AbortController();
    const stream = await client.downloadStream('1', { signal: caller.signal });
    const reading = readAll(stream.body).catch((e: unknown) => e);
    caller.abort();
    expect(await reading).toBeInstanceOf(CancelledError);

    const other = await client.downloadStream('2');
    const second = readAll(other.body).catch((e: unknown) => e);
    client.close();
    expect(await second).toBeInstanceOf(Error);
    await Promise.all(closed);
  });
});
