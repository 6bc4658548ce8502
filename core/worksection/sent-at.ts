// When a request really leaves for Worksection. The rate limit counts arrivals, and the scheduler counts
// from the moment it starts an attempt; between the two lie the access-token look-up, the first fetch()'s
// one-time set-up (Node loads its HTTP client lazily, ~30 ms) and a new connection. On a fresh process
// that delay fell on the first request only, so the second arrived ~35 ms less than a second after it and
// was answered 429. Node's fetch announces each request on diagnostics channels when it is created and
// when its headers are written to the socket; the request's owner is known at creation (the caller's async
// context), and the write is the moment the scheduler's rate window should count from.
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';

type OnSent = () => void;

const sender = new AsyncLocalStorage<OnSent>();
const owners = new WeakMap<object, OnSent>();
let listening = false;

function requestOf(message: unknown): object | undefined {
  const request = (message as { request?: unknown } | null)?.request;
  return typeof request === 'object' && request !== null ? request : undefined;
}

function listen(): void {
  if (listening) return;
  listening = true;
  subscribe('undici:request:create', (message) => {
    const onSent = sender.getStore();
    const request = requestOf(message);
    if (onSent && request) owners.set(request, onSent);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = requestOf(message);
    const onSent = request && owners.get(request);
    if (!request || !onSent) return;
    owners.delete(request);
    onSent();
  });
}

/** fetch(), calling `onSent` once when the request's headers are written to the socket. */
export function fetchNotingSend(url: string, init: RequestInit, onSent?: OnSent): Promise<Response> {
  if (!onSent) return fetch(url, init);
  listen();
  return sender.run(onSent, () => fetch(url, init));
}
