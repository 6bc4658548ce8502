import { describe, expect, it } from 'vitest';
import { isoDateIn, isoToday, isTimeZone, zonedWallTimeToMs } from './dates.js';

const at = (wall: string, zone: string) => new Date(zonedWallTimeToMs(wall, zone)).toISOString();

describe('isoDateIn', () => {
  it('gives the date an instant falls on in the zone, not in UTC', () => {
    const lateEvening = new Date('2026-03-31T22:30:00Z');
    expect(isoDateIn(lateEvening, 'Europe/Kyiv')).toBe('2026-04-01');
    expect(isoDateIn(lateEvening, 'UTC')).toBe('2026-03-31');
    expect(isoToday(lateEvening)).toBe('2026-03-31');
    expect(isoDateIn(new Date('2026-03-31T03:59:00Z'), 'America/New_York')).toBe('2026-03-30');
    expect(isoDateIn(new Date('2026-03-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-04-01');
  });

  it('follows DST: midnight moves with the offset', () => {
    // Kyiv is UTC+2 until 2026-03-29 01:00Z, UTC+3 after.
    expect(isoDateIn(new Date('2026-03-28T21:59:00Z'), 'Europe/Kyiv')).toBe('2026-03-28');
    expect(isoDateIn(new Date('2026-03-28T22:00:00Z'), 'Europe/Kyiv')).toBe('2026-03-29');
    expect(isoDateIn(new Date('2026-03-29T20:59:00Z'), 'Europe/Kyiv')).toBe('2026-03-29');
    expect(isoDateIn(new Date('2026-03-29T21:00:00Z'), 'Europe/Kyiv')).toBe('2026-03-30');
  });
});

describe('zonedWallTimeToMs', () => {
  it('reads a wall time in the zone', () => {
    expect(at('2026-03-10T09:00', 'Europe/Kyiv')).toBe('2026-03-10T07:00:00.000Z');
    expect(at('2026-07-10T09:00', 'Europe/Kyiv')).toBe('2026-07-10T06:00:00.000Z');
    expect(at('2026-03-10T09:00:30.500', 'America/New_York')).toBe('2026-03-10T13:00:30.500Z');
    expect(at('2026-03-10T09:00', 'UTC')).toBe('2026-03-10T09:00:00.000Z');
  });

  it('picks the first of a repeated hour and the pre-jump offset for a skipped one', () => {
    expect(at('2026-10-25T03:30', 'Europe/Kyiv')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-03-29T03:30', 'Europe/Kyiv')).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('isTimeZone', () => {
  it('knows IANA names only', () => {
    expect(isTimeZone('Europe/Kyiv')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
