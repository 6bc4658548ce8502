// The stdio bridge: MCP on stdin/stdout for clients that only launch commands, forwarded to the running
// app's /mcp with this client's token. Decision (docs/clients.md): when the app is not running the bridge
// does not start an engine of its own (the vault key may live where only the app can read it, and two
// engines would fight over the data dir); it answers by itself that the app must be started, keeps
// checking, and switches over (telling the client its lists changed) as soon as the app answers. A crash
// of the app mid-call ends that call with an error instead of a hang. stdout carries only protocol.
import type { Readable, Writable } from 'node:stream';
import { failure, INTERNAL_ERROR, isRequest, PARSE_ERROR, result, type Message } from './messages.js';
import { explain, offlineAnswer, type OfflineReason } from './offline.js';
import { readLines } from './line-io.js';
import { createUpstream, messagesOf, UnreachableError, type Session } from './upstream.js';

export interface BridgeOptions {
  /** The app's MCP endpoint; only loopback addresses are accepted (the token never leaves the machine). */
  url: string;
  token: string;
  stdin: Readable;
  stdout: Writable;
  /** One diagnostic line (stderr). */
  log(line: string): void;
  fetch?: typeof fetch;
  /** How often to look for the app while it is away (ms). */
  probeMs?: number;
  /** What to tell the user when the app refuses the token (the extension's token lives in its settings). */
  tokenAdvice?: string;
  /** How long an initialize may take before the app counts as not answering (ms). */
  connectTimeoutMs?: number;
  /**
   * Starts the app when nothing answers at the first connect (the desktop app launches itself into the
   * tray); the bridge then waits up to `startWaitMs` for it before answering that the app is not running.
   */
  startApp?(): void;
  startWaitMs?: number;
}

export function checkBridgeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; pass the app's address, like http://127.0.0.1:7341/mcp`;
  }
  if (parsed.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) {
    return `the bridge only talks to the app on this computer (http://127.0.0.1:PORT/mcp), not ${url}`;
  }
  return undefined;
}

class RefusedError extends Error {
  constructor(
    readonly reason: OfflineReason,
    message: string,
  ) {
    super(message);
  }
}

const LIST_CHANGES = ['tools', 'resources', 'prompts'].map((k) => `notifications/${k}/list_changed`);

/** Runs until stdin closes (or stdout breaks). */
export function runBridge(opts: BridgeOptions): Promise<void> {
  const upstream = createUpstream(opts.url, opts.token, opts.fetch);
  const closing = new AbortController();
  let initParams: Record<string, unknown> | undefined;
  let session: Session | undefined;
  let reason: OfflineReason = 'not-running';
  let reasonDetail = '';
  let connecting: Promise<unknown> | undefined;
  let probe: ReturnType<typeof setInterval> | undefined;
  let seq = 0;

  const send = (m: Message): void => {
    if (!closing.signal.aborted) opts.stdout.write(`${JSON.stringify(m)}\n`);
  };
  const why = (): string => explain(reason, opts.url, reasonDetail, opts.tokenAdvice);

  function goOffline(next: OfflineReason, detail = ''): void {
    if (session)
      opts.log(`lost the app at ${opts.url}: ${explain(next, opts.url, detail, opts.tokenAdvice)}`);
    session = undefined;
    [reason, reasonDetail] = [next === 'stopped' ? 'not-running' : next, detail];
    if (next !== 'token' && !probe && !closing.signal.aborted) {
      probe = setInterval(() => void reconnect(), opts.probeMs ?? 3_000);
      probe.unref();
    }
  }

  async function initialize(): Promise<unknown> {
    const id = `wsmcp-bridge-${++seq}`;
    const timeout = AbortSignal.timeout(opts.connectTimeoutMs ?? 10_000);
    const res = await upstream.post(
      { jsonrpc: '2.0', id, method: 'initialize', params: initParams },
      undefined,
      timeout,
    );
    if (res.status === 401 || res.status === 403) throw new RefusedError('token', `HTTP ${res.status}`);
    if (!res.ok) throw new RefusedError('failed', `HTTP ${res.status} ${res.statusText}`);
    const sessionId = res.headers.get('mcp-session-id') ?? undefined;
    let answer: Message | undefined;
    for await (const m of messagesOf(res)) if (m.id === id) answer = m;
    if (!answer || answer.error)
      throw new RefusedError('failed', answer?.error?.message ?? 'no answer to initialize');
    const version = (answer.result as { protocolVersion?: string }).protocolVersion;
    const next: Session = { id: sessionId, protocolVersion: version };
    const done = await upstream.post({ jsonrpc: '2.0', method: 'notifications/initialized' }, next);
    await done.body?.cancel();
    session = next;
    if (probe) clearInterval(probe);
    probe = undefined;
    opts.log(`connected to ${opts.url}`);
    void listen(next);
    return answer.result;
  }

  /** Connects once for everyone who asks at the same time; undefined when the app cannot be used. */
  function connect(): Promise<unknown> {
    connecting ??= initialize()
      .catch((err: unknown) => {
        if (err instanceof RefusedError) goOffline(err.reason, err.message);
        else if (err instanceof UnreachableError || (err as Error).name === 'TimeoutError')
          goOffline('not-running');
        else goOffline('failed', (err as Error).message);
        return undefined;
      })
      .finally(() => (connecting = undefined));
    return connecting;
  }

  async function reconnect(): Promise<boolean> {
    if (session || !initParams || closing.signal.aborted) return !!session;
    const ok = (await connect()) !== undefined;
    if (ok) for (const method of LIST_CHANGES) send({ jsonrpc: '2.0', method });
    return ok;
  }

  // What the app sends unasked (list changes, progress) arrives on a GET stream while the session lasts.
  async function listen(s: Session): Promise<void> {
    while (session === s && !closing.signal.aborted) {
      try {
        const res = await upstream.listen(s, closing.signal);
        if (!res.ok) return void (await res.body?.cancel());
        for await (const m of messagesOf(res)) send(m);
      } catch {
        // The app went away or the stream broke: the next request finds out which.
      }
      await new Promise((r) => setTimeout(r, 1_000).unref());
    }
  }

  async function forward(msg: Message, s: Session, retried = false): Promise<void> {
    let res: Response;
    try {
      res = await upstream.post(msg, s, closing.signal);
    } catch (err) {
      if (closing.signal.aborted) return;
      goOffline('not-running');
      if (isRequest(msg)) send(offlineAnswer(msg, why()));
      return void err;
    }
    if (res.status === 404 && !retried) {
      // The app restarted and forgot the session: start a new one and send the message again.
      await res.body?.cancel();
      if (session === s) session = undefined;
      if (await reconnect()) return forward(msg, session!, true);
      if (isRequest(msg)) send(offlineAnswer(msg, why()));
      return;
    }
    if (res.status === 401) {
      await res.body?.cancel();
      goOffline('token');
      if (isRequest(msg)) send(offlineAnswer(msg, why()));
      return;
    }
    let answered = false;
    try {
      for await (const m of messagesOf(res)) {
        if (isRequest(msg) && m.id === msg.id) answered = true;
        send(m);
      }
    } catch {
      if (closing.signal.aborted) return;
      if (isRequest(msg) && !answered) send(offlineAnswer(msg, explain('stopped', opts.url)));
      goOffline('stopped');
      return;
    }
    if (isRequest(msg) && !answered) {
      send(
        failure(
          msg.id,
          INTERNAL_ERROR,
          `the app answered HTTP ${res.status} without a result for ${msg.method}`,
        ),
      );
    }
  }

  // Once per bridge: a client launching us is the user's wish to use the app, so the app may be started.
  let startAsked = false;
  async function connectOrStart(): Promise<unknown> {
    const answer = await connect();
    if (answer !== undefined || reason !== 'not-running' || !opts.startApp || startAsked) return answer;
    startAsked = true;
    opts.log(`nothing answers at ${opts.url}: starting the app`);
    opts.startApp();
    const until = Date.now() + (opts.startWaitMs ?? 20_000);
    while (Date.now() < until && !closing.signal.aborted) {
      await new Promise((r) => setTimeout(r, 300));
      const next = await connect();
      if (next !== undefined || reason !== 'not-running') return next;
    }
    return undefined;
  }

  async function handle(msg: Message): Promise<void> {
    if (msg.method === 'initialize' && isRequest(msg)) {
      initParams = msg.params;
      const answer = await connectOrStart();
      if (answer !== undefined) send(result(msg.id, answer));
      else {
        opts.log(why());
        send(offlineAnswer(msg, why()));
      }
      return;
    }
    // We sent our own to the app when we connected.
    if (msg.method === 'notifications/initialized') return;
    if (!session && isRequest(msg) && reason !== 'token') await reconnect();
    if (session) return forward(msg, session);
    if (isRequest(msg)) send(offlineAnswer(msg, why()));
  }

  return new Promise((resolve) => {
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      const last = session;
      closing.abort();
      if (probe) clearInterval(probe);
      session = undefined;
      void (last ? upstream.end(last) : Promise.resolve()).then(() => resolve());
    };
    opts.stdout.on('error', end);
    readLines(opts.stdin, {
      line(text) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return send(failure(null, PARSE_ERROR, 'Parse error: not JSON'));
        }
        handle(parsed as Message).catch((err: unknown) => {
          opts.log(
            `error while relaying ${(parsed as Message).method ?? 'a message'}: ${(err as Error).stack ?? String(err)}`,
          );
          const m = parsed as Message;
          if (isRequest(m))
            send(failure(m.id, INTERNAL_ERROR, `the bridge failed: ${(err as Error).message}`));
        });
      },
      end,
    });
  });
}
