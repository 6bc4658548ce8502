import { describe, expect, it } from 'vitest';
import { edgeOf, resolveSpokenDate, resolveSpokenDates } from './spoken-dates.js';

// A Wednesday; every expectation below is on this calendar, whatever day the suite runs.
const TODAY = '2026-03-18';

describe('spoken dates', () => {
  it.each([
    ['today', 'start', '2026-03-18'],
    ['yesterday', 'start', '2026-03-17'],
    ['tomorrow', 'start', '2026-03-19'],
    ['Friday', 'start', '2026-03-20'],
    ['next Friday', 'start', '2026-03-27'],
    ['last Monday', 'start', '2026-03-16'],
    ['this week', 'start', '2026-03-16'],
    ['this week', 'end', '2026-03-22'],
    ['last week', 'start', '2026-03-09'],
    ['last month', 'start', '2026-02-01'],
    ['last month', 'end', '2026-02-28'],
    ['this month', 'end', '2026-03-31'],
    ['2026-04-01', 'start', '2026-04-01'],
    ['01.04.2026', 'end', '2026-04-01'],
  ] as const)('"%s" (%s) is %s', (text, edge, want) => {
    expect(resolveSpokenDate(text, TODAY, edge)).toBe(want);
  });

  it('is undefined for what is not a date, so the argument check says so', () => {
    for (const text of ['soonish', 'the Friday after the launch', '']) {
      expect(resolveSpokenDate(text, TODAY), text).toBeUndefined();
    }
  });

  it('knows the start and end arguments of a range by name', () => {
    expect(['date_from', 'due_after', 'since', 'closed_after', 'start_date'].map(edgeOf)).toEqual(
      Array(5).fill('start'),
    );
    expect(['date_to', 'due_before', 'closed_before', 'due_date'].map(edgeOf)).toEqual(Array(4).fill('end'));
  });

  it('resolves only the date arguments, and says what each was taken to mean', () => {
    const { args, resolved } = resolveSpokenDates(
      { date_from: 'last week', date_to: 'last week', comment: 'yesterday', user: 'me' },
      ['date_from', 'date_to'],
      TODAY,
    );
    expect(args).toEqual({
      date_from: '2026-03-09',
      date_to: '2026-03-15',
      comment: 'yesterday',
      user: 'me',
    });
    expect(resolved).toEqual({ date_from: 'last week = 2026-03-09', date_to: 'last week = 2026-03-15' });
  });
});
