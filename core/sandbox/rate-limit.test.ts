import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, SlidingWindowLimiter } from './rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('admits at most N starts in any 1000 ms window, per key', () => {
    const limiter = new SlidingWindowLimiter(2);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 400).ok).toBe(true);
    expect(limiter.take('a', 999)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(limiter.take('b', 999).ok).toBe(true);
    // The window slides: the start at 0 leaves it at 1000, the one at 400 at 1400.
    expect(limiter.take('a', 1000).ok).toBe(true);
    expect(limiter.take('a', 1300)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(limiter.take('a', 1400).ok).toBe(true);
  });

  it('does not count refused requests', () => {
    const limiter = new SlidingWindowLimiter(1);
    expect(limiter.take('a', 0).ok).toBe(true);
    for (let t = 100; t < 1000; t += 100) expect(limiter.take('a', t).ok).toBe(false);
    expect(limiter.take('a', 1000).ok).toBe(true);
  });

  it('is off at 0', () => {
    const limiter = new SlidingWindowLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take('a', 0).ok).toBe(true);
  });

  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });
});
