// A small seeded PRNG (sfc32, seeded through a murmur3-style mixer). Generated accounts must be identical
// for the same seed on every machine and Node version, so nothing here may touch Math.random.

/** Mixes two 32-bit values into one well-spread 32-bit value (murmur3 finaliser). */
export function mix32(a: number, b = 0): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly seed: number;

  constructor(seed: number) {
    const s = seed >>> 0;
    this.seed = s;
    this.a = mix32(s, 1);
    this.b = mix32(s, 2);
    this.c = mix32(s, 3);
    this.d = mix32(s, 4);
    // sfc32's first outputs are weakly mixed; the reference implementation discards a dozen.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** k distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** A count with a geometric distribution of the given mean (many zeros, a long tail), capped. */
  geometric(mean: number, cap: number): number {
    const p = mean / (mean + 1);
    let n = 0;
    while (n < cap && this.next() < p) n++;
    return n;
  }

  /** An index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * An independent stream for one part of the generator, so that changing how much one part draws does
   * not reshuffle everything generated after it. Depends on the seed and label only, not on draws so far.
   */
  derive(label: number): Rng {
    return new Rng(mix32(this.seed, label));
  }
}
