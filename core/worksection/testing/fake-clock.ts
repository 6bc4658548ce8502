// A hand-driven Clock for scheduler unit tests: time moves only when the test calls advance(), and every
// timer due on the way fires in order, with pending promise callbacks run between timers.
import type { Clock } from '../scheduler/clock.js';

interface Timer {
  at: number;
  seq: number;
  fire(): void;
}

export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = this.add(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  timeout(ms: number): AbortSignal {
    const controller = new AbortController();
    this.add(ms, () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')));
    return controller.signal;
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fire();
      await settle();
    }
    this.t = end;
    await settle();
  }

  /** Advances in steps until `done()` holds or `limitMs` passes. */
  async runUntil(done: () => boolean, limitMs = 600_000, stepMs = 5): Promise<void> {
    for (let spent = 0; !done() && spent < limitMs; spent += stepMs) await this.advance(stepMs);
  }

  private add(ms: number, fire: () => void): Timer {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fire };
    this.timers.push(timer);
    return timer;
  }
}

/** Lets every pending promise callback run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
