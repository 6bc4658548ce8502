// Time as the scheduler sees it. Injectable so unit tests can drive time by hand; production and the
// integration tests use the real clock.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Monotonic milliseconds (never jumps with the wall clock). */
  now(): number;
  /** Resolves after `ms`; rejects early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts with a TimeoutError DOMException after `ms`. */
  timeout(ms: number): AbortSignal;
}

export const realClock: Clock = {
  now: () => performance.now(),
  // Timers fire on whole milliseconds; rounding up keeps "not before" promises true.
  sleep: (ms, signal) => delay(Math.max(0, Math.ceil(ms)), undefined, signal ? { signal } : undefined),
  // Node's timeout signals use unref'd timers, so a pending one never keeps the process alive.
  timeout: (ms) => AbortSignal.timeout(ms),
};
