import { describe, expect, it } from 'vitest';
import type { FieldGetter } from './filter-grammar.js';
import {
  COST_FILTER_FIELDS,
  FilterError,
  TASK_FILTER_FIELDS,
  evaluate,
  parseFilter,
  tokenize,
} from './filter-grammar.js';

const task =
  (o: Record<string, string | number>): FieldGetter =>
  (f) =>
    o[f];
const matches = (src: string, o: Record<string, string | number>) =>
  evaluate(parseFilter(src, TASK_FILTER_FIELDS), task(o));

describe('tokenize', () => {
  it('splits operators, strings, numbers and words', () => {
    expect(tokenize("dateend>='25.05.2021' and id in (1,2)").map((t) => `${t.type}:${t.value}`)).toEqual([
      'ident:dateend',
      'op:>=',
      'str:25.05.2021',
      'ident:and',
      'ident:id',
      'ident:in',
      'punct:(',
      'num:1',
      'punct:,',
      'num:2',
      'punct:)',
      'end:',
    ]);
  });

  it('reads the documented "! =" as !=, and backslash escapes in strings', () => {
    expect(tokenize("dateadd ! = '01.05.2021'")[1]).toMatchObject({ type: 'op', value: '!=' });
    expect(tokenize("name = 'Bob\\'s'")[2]).toMatchObject({ type: 'str', value: "Bob's" });
  });

  it('rejects stray characters and open strings', () => {
    expect(() => tokenize('name = "x"')).toThrow(FilterError);
    expect(() => tokenize("name = 'x")).toThrow(/unterminated/);
    expect(() => tokenize('id ! 5')).toThrow(/expected "="/);
  });
});

describe('parseFilter', () => {
  it('parses the documented example into the expected tree', () => {
    const tree = parseFilter(
      "(name has 'Report' or name has 'Approval') and (dateend>'25.05.2021' and dateend<'31.05.2021')",
      TASK_FILTER_FIELDS,
    );
    expect(tree).toEqual({
      kind: 'and',
      left: {
        kind: 'or',
        left: { kind: 'cmp', field: 'name', op: 'has', value: 'Report' },
        right: { kind: 'cmp', field: 'name', op: 'has', value: 'Approval' },
      },
      right: {
        kind: 'and',
        left: { kind: 'cmp', field: 'dateend', op: '>', value: '2021-05-25' },
        right: { kind: 'cmp', field: 'dateend', op: '<', value: '2021-05-31' },
      },
    });
  });

  it('binds and tighter than or', () => {
    expect(parseFilter('id = 1 or id = 2 and project = 3', TASK_FILTER_FIELDS)).toMatchObject({
      kind: 'or',
      left: { kind: 'cmp', field: 'id' },
      right: { kind: 'and' },
    });
    expect(matches('id = 1 or id = 2 and project = 3', { id: 1, project: 9 })).toBe(true);
    expect(matches('(id = 1 or id = 2) and project = 3', { id: 1, project: 9 })).toBe(false);
  });

  it.each([
    ['priority >= 7', /unsupported field "priority"/],
    ["name has 'Bug' AND id = 1", /expected "and", "or" or end/],
    ['id > 5', /"id" takes = or in/],
    ["name > 'a'", /"name" takes = or has/],
    ["dateadd has '01.01.2021'", /"dateadd" takes/],
    ["dateadd = '2021-01-01'", /not a DD.MM.YYYY date/],
    ["dateadd = '31.02.2021'", /not a DD.MM.YYYY date/],
    ['id in (1, 2', /expected "\)"/],
    ['(id = 1', /expected "\)"/],
    ['', /expected a field name/],
    ['name = Bob', /expected a quoted value/],
    ["comment has 'x'", /unsupported field "comment"/],
  ])('rejects %j', (src, message) => {
    expect(() => parseFilter(src, TASK_FILTER_FIELDS)).toThrow(message);
  });

  it('knows the cost fields apart from the task fields', () => {
    expect(() => parseFilter("comment has 'report'", COST_FILTER_FIELDS)).not.toThrow();
    expect(() => parseFilter("name has 'report'", COST_FILTER_FIELDS)).toThrow(/unsupported field "name"/);
  });
});

describe('evaluate', () => {
  const t = { id: 7, project: 3, name: 'Weekly Report', dateadd: '2021-05-26', dateend: '2021-05-30' };

  it.each([
    ["name has 'report'", true],
    ["name = 'weekly report'", true],
    ["name = 'Weekly'", false],
    ['id in (1, 7, 9)', true],
    ['id in (1, 9)', false],
    ["project = '3'", true],
    ["dateadd = '26.05.2021'", true],
    ["dateadd != '26.05.2021'", false],
    ["dateadd >= '26.05.2021' and dateadd <= '26.05.2021'", true],
    ["dateend > '30.05.2021'", false],
    ["dateclose < '01.01.2030'", false], // unset dates match nothing
    ['parent = 7', false],
  ])('%s → %s', (src, expected) => {
    expect(matches(src, t)).toBe(expected);
  });
});
