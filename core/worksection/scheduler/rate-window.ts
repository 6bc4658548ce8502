// The sliding-window limit: at most `limit` requests STARTED in any window of `windowMs`. Worksection (and
// the sandbox) count arrivals, not sends, so each window is stretched by a small margin that absorbs the
// difference between the moment we send and the moment the server stamps the request.
//
// Starts are also paced, at most one per windowMs / limit, instead of `limit` at once: a burst of
// simultaneous requests arrives spread out by connection setup and server-side queueing (measured: ~20 ms
// for 10 cold requests on loopback), so a burst followed one window later by the next burst is exactly
// what trips an arrival-counting limiter. The pacing gap carries no margin, so timer lateness on it does
// not add up; the window (with its margin) stays the one hard rule.
//
// A start is counted from when the scheduler starts the attempt and moved later when the request is seen
// leaving (moveLater): token look-ups, a new connection or the HTTP client's first-use set-up can hold a
// request back by tens of milliseconds, and the next request must keep its distance from the arrival.

/** One counted start; moveLater() shifts it to when the request really left. */
export interface CountedStart {
  at: number;
}

export interface RateConfig {
  /** Requests per second; 0 (or Infinity) turns the limit off. Default 1. */
  ratePerSecond?: number;
  /** Extra milliseconds added to every window. Default 15. */
  marginMs?: number;
}

export class RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  readonly marginMs: number;
  /** Minimum gap between two consecutive starts. */
  readonly intervalMs: number;
  /** The most recent `limit` counted starts, in the order they started. */
  private readonly starts: CountedStart[] = [];

  constructor(config: RateConfig = {}) {
    const rate = config.ratePerSecond ?? 1;
    if (!(rate >= 0)) throw new RangeError(`ratePerSecond must be >= 0, got ${rate}`);
    this.marginMs = config.marginMs ?? 15;
    if (rate === 0 || rate === Infinity) {
      this.limit = Infinity;
      this.windowMs = 1000;
    } else if (Number.isInteger(rate)) {
      this.limit = rate;
      this.windowMs = 1000;
    } else {
      // A fractional rate (0.5/s, 2.5/s) becomes even spacing: one start per 1000/rate ms.
      this.limit = 1;
      this.windowMs = 1000 / rate;
    }
    this.intervalMs = this.unlimited ? 0 : this.windowMs / this.limit;
  }

  get unlimited(): boolean {
    return this.limit === Infinity;
  }

  /** The earliest time a new request may start, given what already started. */
  nextStartAt(now: number): number {
    if (this.starts.length === 0) return now;
    // Moved starts may be out of order: pace from the latest, measure the window from the earliest.
    let latest = -Infinity;
    let earliest = Infinity;
    for (const { at } of this.starts) {
      latest = Math.max(latest, at);
      earliest = Math.min(earliest, at);
    }
    const paced = latest + this.intervalMs;
    const windowed = this.starts.length < this.limit ? -Infinity : earliest + this.windowMs + this.marginMs;
    return Math.max(now, paced, windowed);
  }

  record(startedAt: number): CountedStart {
    const counted = { at: startedAt };
    if (this.unlimited) return counted;
    this.starts.push(counted);
    if (this.starts.length > this.limit) this.starts.shift();
    return counted;
  }

  /** The request counted by `counted` left at `at`: count it from then, if that is later. */
  moveLater(counted: CountedStart, at: number): void {
    counted.at = Math.max(counted.at, at);
  }
}
