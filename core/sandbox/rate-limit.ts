// SYNTHETIC: Worksection publishes no rate limit. The sandbox enforces one
// so the product's scheduler is tested against a server that pushes back: at most `limit` requests may
// START in any window of `windowMs`, per token, counted over arrival times (a sliding window log).

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

export class SlidingWindowLimiter {
  private readonly arrivals = new Map<string, number[]>();

  /** `limit` 0 turns the limiter off. */
  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  /** Admits the request (and records it) or says how long until a slot frees up. Refusals are not recorded. */
  take(key: string, now: number): TakeResult {
    if (this.limit <= 0) return { ok: true };
    let log = this.arrivals.get(key);
    if (!log) {
      log = [];
      this.arrivals.set(key, log);
    }
    while (log.length > 0 && (log[0] as number) <= now - this.windowMs) log.shift();
    if (log.length >= this.limit) {
      return { ok: false, retryAfterMs: Math.max(1, (log[0] as number) + this.windowMs - now) };
    }
    log.push(now);
    return { ok: true };
  }
}

/** Retry-After is whole seconds; round up so a client that obeys it never hits the limit again at once. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
