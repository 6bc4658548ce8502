import { describe, expect, it } from 'vitest';
import { durationArg, hmm, minutesOf, parseDurationInput, sumMoney, wsMoney } from './time.js';

describe('time shapes', () => {
  it('reads Worksection "H:MM" and writes it back', () => {
    expect(minutesOf('6:50')).toBe(410);
    expect(minutesOf('103:39')).toBe(6219);
    expect(minutesOf('0:00')).toBe(0);
    expect(hmm(410)).toBe('6:50');
    expect(hmm(6219)).toBe('103:39');
    expect(hmm(5)).toBe('0:05');
    expect(() => minutesOf('1.5')).toThrow(TypeError);
  });

  it('accepts the durations people type', () => {
    const cases: [string | number, number | undefined][] = [
      ['1:30', 90],
      ['0:09', 9],
      ['1.5', 90],
      ['1,25h', 75],
      ['2 hours', 120],
      [1.5, 90],
      ['90m', 90],
      ['45 min', 45],
      ['1h 30m', 90],
      ['2h15min', 135],
      ['1:75', undefined],
      ['soon', undefined],
      [-1, undefined],
    ];
    for (const [input, minutes] of cases) expect(parseDurationInput(input), String(input)).toBe(minutes);
    expect(durationArg('How long.').parse('1h 30m')).toBe(90);
    expect(() => durationArg('How long.').parse('0m')).toThrow(/at least a minute/);
  });

  it('adds money exactly and formats it for Worksection', () => {
    expect(sumMoney([0.1, 0.2, 75.17])).toBe(75.47);
    expect(wsMoney(120.5)).toBe('120.50');
  });
});
