// The low-priority lane: requests the account's own upkeep makes (the local mirror's sync) rather than a
// user's assistant. They take only the slots foreground calls leave: none while a foreground request is
// queued, running or was just answered (a tool's next request usually follows within milliseconds), and
// at most `share` of the rate even when the foreground is idle. The rate window is shared, so the total
// never passes the rate, and a foreground call arriving behind a background start waits at most one
// interval for its slot.
import { FairQueue } from './fair-queue.js';
import type { Job } from './types.js';

export interface BackgroundOptions {
  /** Largest share of the rate background work may use, 0..1. Default 0.5. */
  backgroundShare?: number;
  /** Background waits this long after the last foreground request ended. Default 250 ms. */
  foregroundQuietMs?: number;
}

export class BackgroundLane {
  readonly queue = new FairQueue<Job>();
  share: number;
  private readonly quietMs: number;
  private lastStart = -Infinity;
  /** Foreground jobs submitted and not yet done. */
  private foregroundBusy = 0;
  private foregroundEndedAt = -Infinity;
  started = 0;

  constructor(options: BackgroundOptions) {
    this.share = checkedShare(options.backgroundShare ?? 0.5);
    this.quietMs = options.foregroundQuietMs ?? 250;
  }

  foregroundStarted(): void {
    this.foregroundBusy++;
  }

  foregroundEnded(now: number): void {
    this.foregroundBusy = Math.max(0, this.foregroundBusy - 1);
    this.foregroundEndedAt = now;
  }

  get paused(): boolean {
    return this.foregroundBusy > 0 || this.share === 0;
  }

  /**
   * When the next background request may start (given the window's own earliest start `windowAt`), or
   * undefined while foreground work is busy: then only a foreground change can let it go.
   */
  nextStartAt(windowAt: number, intervalMs: number): number | undefined {
    if (this.paused || this.queue.size === 0) return undefined;
    const shared = intervalMs / this.share;
    return Math.max(windowAt, this.lastStart + shared, this.foregroundEndedAt + this.quietMs);
  }

  recordStart(now: number): void {
    this.lastStart = now;
    this.started++;
  }
}

export function checkedShare(share: number): number {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`backgroundShare must be 0..1, got ${share}`);
  return share;
}
