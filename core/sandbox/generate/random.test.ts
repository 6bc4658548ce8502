import { describe, expect, it } from 'vitest';
import { Rng, mix32 } from './random.js';

describe('Rng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seq = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seq);
    expect(Array.from({ length: 20 }, () => new Rng(43).next())).not.toEqual(seq);
  });

  it('draws uniformly in range', () => {
    const rng = new Rng(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('samples distinct items and keeps geometric means', () => {
    const rng = new Rng(9);
    const s = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
    expect(rng.sample([1, 2], 5)).toHaveLength(2);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.geometric(3, 1000);
    expect(sum / 20_000).toBeGreaterThan(2.8);
    expect(sum / 20_000).toBeLessThan(3.2);
    expect(() => rng.pick([])).toThrow();
  });

  it('derives streams from the seed alone, not from draws so far', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    b.next();
    expect(a.derive(3).next()).toBe(b.derive(3).next());
    expect(a.derive(3).next()).not.toBe(a.derive(4).next());
    expect(mix32(1, 2)).not.toBe(mix32(2, 1));
  });
});
