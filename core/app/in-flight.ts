// Requests in flight on the MCP sessions, so that stopping the app (Quit in the tray, Ctrl+C) never cuts a
// call off mid-way: stop() first drains. From then on a new request is answered at once that the server
// is stopping (it was not run, so retrying later is safe); the calls already running get a grace period to
// finish and answer normally; any still running after it are answered with a clear error, because a
// dropped connection tells the model nothing, and it may have been a write. Both kinds of request that got
// no real answer are reported, so the call log still has one row per request.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** JSON-RPC's implementation-defined server error range; the MCP SDK uses -32000 for a closed connection. */
const STOPPING_CODE = -32000;

export const STOPPING_MESSAGE =
  'Worksection MCP is stopping, so this request was not run. Retry when the app is running again.';
export const ABANDONED_MESSAGE =
  'Worksection MCP was stopped before this request finished. If it was changing something in ' +
  'Worksection, the change may or may not have been made: check before retrying.';

export interface UnservedRequest {
  /** When the request arrived (epoch ms). */
  time: number;
  caller: string;
  method: string;
  params: unknown;
  /** What the client was told. */
  error: string;
}

/** A call made outside an MCP session (the OpenAPI routes), counted until done(). */
interface HeldCall {
  /** Settles with what to tell the caller if the app stops before the call finishes. */
  abandoned: Promise<string>;
  done(): void;
}

export interface InFlight {
  /** Wraps one session's transport so its requests are counted (and refused once draining). */
  track(transport: Transport, caller: string): Transport;
  /** Counts one call from outside a session; once draining it is refused (and reported) with this text. */
  hold(caller: string, method: string, params: unknown): HeldCall | { refused: string };
  readonly count: number;
  /** True once drain() has settled: answers still coming from the server are no longer sent. */
  readonly settled: boolean;
  /** Refuses new requests, waits up to graceMs for the running ones, then answers the rest with an error. */
  drain(graceMs: number): Promise<{ finished: number; abandoned: number }>;
}

interface Running {
  request: JSONRPCRequest;
  time: number;
  caller: string;
  answer(message: JSONRPCMessage): Promise<void>;
  done(): void;
}

export function createInFlight(report: (request: UnservedRequest) => void): InFlight {
  const running = new Set<Running>();
  let draining = false;
  let settled = false;
  let wake: (() => void) | undefined;

  const errorFor = (id: RequestId, message: string): JSONRPCMessage => ({
    jsonrpc: '2.0',
    id,
    error: { code: STOPPING_CODE, message },
  });
  const unserved = (r: Pick<Running, 'request' | 'time' | 'caller'>, error: string) =>
    report({ time: r.time, caller: r.caller, method: r.request.method, params: r.request.params, error });

  function track(inner: Transport, caller: string): Transport {
    const mine = new Map<RequestId, Running>();
    const finish = (id: RequestId) => {
      const r = mine.get(id);
      if (!r) return;
      mine.delete(id);
      running.delete(r);
      if (running.size === 0) wake?.();
    };
    const send = inner.send.bind(inner);
    const wrapHandler = (handler: NonNullable<Transport['onmessage']>): Transport['onmessage'] =>
      function onmessage(message, extra) {
        if (isJSONRPCRequest(message)) {
          const entry = { request: message, time: Date.now(), caller };
          if (draining) {
            unserved(entry, STOPPING_MESSAGE);
            void send(errorFor(message.id, STOPPING_MESSAGE)).catch(() => undefined);
            return;
          }
          const r: Running = { ...entry, answer: send, done: () => finish(message.id) };
          mine.set(message.id, r);
          running.add(r);
        } else if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
          // The SDK sends no answer to a cancelled request, so it stops counting here.
          const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
          if (id !== undefined) finish(id);
        }
        handler(message, extra);
      };
    return new Proxy(inner, {
      get(target, key) {
        if (key === 'send') {
          return async (message: JSONRPCMessage, options?: Parameters<Transport['send']>[1]) => {
            const answer = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
            // Once settled every request has had its answer; a late one would contradict "abandoned".
            if (answer && settled) return;
            await send(message, options);
            if (answer && message.id !== undefined) finish(message.id);
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
      set(target, key, value: unknown) {
        if (key === 'onmessage' && typeof value === 'function')
          return Reflect.set(target, key, wrapHandler(value as NonNullable<Transport['onmessage']>));
        if (key === 'onclose' && typeof value === 'function') {
          // A session that ends takes its requests with it: nothing will answer them.
          const onclose = value as () => void;
          return Reflect.set(target, key, () => {
            for (const id of [...mine.keys()]) finish(id);
            onclose();
          });
        }
        return Reflect.set(target, key, value);
      },
    });
  }

  let held = 0;
  function hold(caller: string, method: string, params: unknown): HeldCall | { refused: string } {
    const request: JSONRPCRequest = { jsonrpc: '2.0', id: `held-${++held}`, method, params: params as never };
    if (draining) {
      unserved({ request, time: Date.now(), caller }, STOPPING_MESSAGE);
      return { refused: STOPPING_MESSAGE };
    }
    let abandon: (message: string) => void = () => undefined;
    const abandoned = new Promise<string>((resolve) => (abandon = resolve));
    const r: Running = {
      request,
      time: Date.now(),
      caller,
      answer: async () => abandon(ABANDONED_MESSAGE),
      done: () => {
        if (running.delete(r) && running.size === 0) wake?.();
      },
    };
    running.add(r);
    return { abandoned, done: r.done };
  }

  async function drain(graceMs: number): Promise<{ finished: number; abandoned: number }> {
    draining = true;
    const before = running.size;
    if (running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
    }
    const left = [...running];
    settled = true;
    running.clear();
    for (const r of left) {
      unserved(r, ABANDONED_MESSAGE);
      await r.answer(errorFor(r.request.id, ABANDONED_MESSAGE)).catch(() => undefined);
    }
    return { finished: before - left.length, abandoned: left.length };
  }

  return {
    track,
    hold,
    drain,
    get count() {
      return running.size;
    },
    get settled() {
      return settled;
    },
  };
}
