// get_events' period grammar, at its edges: what Worksection accepts, and the shortest period covering a span.
import { describe, expect, it } from 'vitest';
import { periodCovering, periodMs } from './activity-period.js';

const MIN = 60_000;

describe('get_events period', () => {
  it('accepts Nm to 360, Nh to 72, Nd to 30, and nothing else', () => {
    expect(periodMs('360m')).toBe(360 * MIN);
    expect(periodMs('72h')).toBe(72 * 60 * MIN);
    expect(periodMs('30d')).toBe(30 * 1440 * MIN);
    for (const refused of ['361m', '73h', '31d', '0m', '2w', ' 5m', '5M', '', undefined, 5])
      expect(periodMs(refused), String(refused)).toBeUndefined();
  });

  it('covers a span with the shortest period, in the smallest unit that can', () => {
    expect(periodCovering(0)).toBe('1m');
    expect(periodCovering(90_000)).toBe('2m');
    expect(periodCovering(360 * MIN)).toBe('360m');
    expect(periodCovering(360 * MIN + 1)).toBe('7h');
    expect(periodCovering(72 * 60 * MIN + 1)).toBe('4d');
    expect(periodCovering(30 * 1440 * MIN)).toBe('30d');
    expect(periodCovering(30 * 1440 * MIN + 1)).toBeUndefined();
  });
});
