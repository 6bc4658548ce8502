// The scheduler's building blocks on their own: window arithmetic, backoff, Retry-After, the fair queue
// and percentiles.
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from './backoff.js';
import { FairQueue } from './fair-queue.js';
import { RateWindow } from './rate-window.js';
import { percentile } from './stats.js';

describe('RateWindow', () => {
  it('allows limit starts per window plus margin, paced evenly', () => {
    const w = new RateWindow({ ratePerSecond: 2, marginMs: 10 });
    expect(w.nextStartAt(0)).toBe(0);
    w.record(0);
    expect(w.nextStartAt(0)).toBe(500);
    w.record(500);
    expect(w.nextStartAt(600)).toBe(1010);
    w.record(1010);
    expect(w.nextStartAt(1010)).toBe(1510);
  });

  it('turns fractional rates into spacing and 0 into no limit', () => {
    const half = new RateWindow({ ratePerSecond: 0.5, marginMs: 0 });
    half.record(0);
    expect(half.nextStartAt(0)).toBe(2000);
    const off = new RateWindow({ ratePerSecond: 0 });
    off.record(0);
    expect(off.unlimited).toBe(true);
    expect(off.nextStartAt(0)).toBe(0);
    expect(() => new RateWindow({ ratePerSecond: -1 })).toThrow(RangeError);
  });
});

describe('backoff', () => {
  it('grows exponentially under the cap with full jitter', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.9999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('FairQueue', () => {
  it('rotates callers, keeps FIFO per caller, and lets a retry go next', () => {
    const q = new FairQueue<string>();
    for (const [c, v] of [
      ['A', 'a1'],
      ['A', 'a2'],
      ['B', 'b1'],
      ['C', 'c1'],
      ['C', 'c2'],
    ] as const)
      q.push(c, v);
    expect(q.shift()).toBe('a1');
    expect(q.remove('C', 'c1')).toBe(true);
    expect(q.shift()).toBe('b1');
    q.unshift('B', 'b-retry');
    expect([q.shift(), q.shift(), q.shift()]).toEqual(['b-retry', 'c2', 'a2']);
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });
});

describe('percentile', () => {
  it('uses nearest rank', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
  });
});
