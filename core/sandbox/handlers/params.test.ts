import { describe, expect, it } from 'vitest';
import { WsFail } from './errors.js';
import {
  dateParam,
  extraSet,
  isEmail,
  listParam,
  numberParam,
  parseDuration,
  parseMoney,
  parseWsDate,
  priorityParam,
  requireId,
  requireStr,
  values,
} from './params.js';

/** The error envelope a param reader threw. */
function failure(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    if (e instanceof WsFail && e.result.kind === 'json') return e.result.body;
    throw e;
  }
  throw new Error('did not fail');
}

const required = (field: string) => ({
  status: 'error',
  status_code: 10,
  message: 'Field is required',
  message_details: field,
});

describe('params', () => {
  it('reads extra as a lower-case set with spaces tolerated', () => {
    expect([...extraSet({ extra: 'text, Files ,comments,' })]).toEqual(['text', 'files', 'comments']);
    expect(extraSet({}).size).toBe(0);
  });

  it('splits comma lists of emails', () => {
    expect(listParam({ members: 'a@x.io, b@x.io,,' }, 'members')).toEqual(['a@x.io', 'b@x.io']);
    expect(isEmail('a@x.io')).toBe(true);
    expect(isEmail('a@x.io,b@x.io')).toBe(false);
    expect(isEmail('nobody')).toBe(false);
  });

  it('treats empty required values as missing (error 10 naming the field)', () => {
    expect(failure(() => requireStr({ email: '  ' }, 'email'))).toEqual(required('email'));
    expect(failure(() => requireId({}, 'id_task'))).toEqual(required('id_task'));
    expect(requireId({ id_task: 'abc' }, 'id_task')).toBeNaN();
    expect(requireId({ id_task: ['1', '42'] }, 'id_task')).toBe(42);
  });

  it('accepts todo[] and todo spellings', () => {
    expect(values({ todo: ['a', 'b'] }, 'todo')).toEqual(['a', 'b']);
    expect(values({ 'todo[]': 'c' }, 'todo')).toEqual(['c']);
  });

  it('converts DD.MM.YYYY dates and rejects impossible ones', () => {
    expect(parseWsDate('15.01.2021')).toBe('2021-01-15');
    expect(parseWsDate('1.2.2021')).toBe('2021-02-01');
    expect(parseWsDate('29.02.2021')).toBeUndefined();
    expect(parseWsDate('2021-01-15')).toBeUndefined();
    expect(dateParam({ datestart: '' }, 'datestart')).toBeUndefined();
    expect(failure(() => dateParam({ dateend: '32.01.2021' }, 'dateend'))).toEqual(required('dateend'));
  });

  it.each([
    ['0.15', 9],
    ['0,15', 9],
    ['0:09', 9],
    ['1,5', 90],
    ['2:15', 135],
    ['3', 180],
  ])('cost time %s is %i minutes', (input, minutes) => {
    expect(parseDuration(input)).toBe(minutes);
  });

  it('rejects unreadable times, money, numbers and priorities', () => {
    expect(parseDuration('1h')).toBeUndefined();
    expect(parseDuration('1:75')).toBeUndefined();
    expect(parseMoney('12,50')).toBe(1250);
    expect(parseMoney('-3')).toBeUndefined();
    expect(numberParam({ max_time: '1,5' }, 'max_time')).toBe(1.5);
    expect(failure(() => numberParam({ max_money: 'lots' }, 'max_money'))).toEqual(required('max_money'));
    expect(priorityParam({ priority: '10' })).toBe(10);
    expect(failure(() => priorityParam({ priority: '11' }))).toEqual(required('priority'));
  });
});
