// The `filter` query language of search_tasks and get_costs:
//
//   expr      := and ('or' and)*
//   and       := primary ('and' primary)*
//   primary   := '(' expr ')' | condition
//   condition := INT_FIELD '=' number | INT_FIELD 'in' '(' number (',' number)* ')'
//              | STR_FIELD ('=' | 'has') string
//              | DATE_FIELD ('>' | '<' | '>=' | '<=' | '!=' | '=') 'DD.MM.YYYY'
//
// `and` binds tighter than `or`; keywords are lowercase only, as documented. Strings are single-quoted;
// the docs define no escape, so a backslash escapes the next character (MySQL style) [INFERRED]. The
// docs print "! =" with a space, so the tokenizer accepts blanks between ! and =.
import { parseWsDate } from './ws-date.js';

type FieldKind = 'int' | 'string' | 'date';
export type FilterSchema = Readonly<Record<string, FieldKind>>;

type CmpOp = '=' | '!=' | '>' | '<' | '>=' | '<=' | 'has';
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'cmp'; field: string; op: CmpOp; value: string | number }
  | { kind: 'in'; field: string; values: number[] };

export class FilterError extends Error {}

type TokenType = 'ident' | 'num' | 'str' | 'op' | 'punct' | 'end';
interface Token {
  type: TokenType;
  value: string;
  pos: number;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ type: 'punct', value: ch, pos: i++ });
    } else if (ch === '!') {
      i++;
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src[i] !== '=') throw new FilterError(`expected "=" after "!" at ${start}`);
      out.push({ type: 'op', value: '!=', pos: start });
      i++;
    } else if (ch === '<' || ch === '>' || ch === '=') {
      const two = src[i + 1] === '=' && ch !== '=';
      out.push({ type: 'op', value: two ? `${ch}=` : ch, pos: start });
      i += two ? 2 : 1;
    } else if (ch === "'") {
      let value = '';
      for (i++; ; i++) {
        if (i >= src.length) throw new FilterError(`unterminated string at ${start}`);
        const c = src[i]!;
        if (c === "'") break;
        if (c === '\\' && i + 1 < src.length) value += src[++i]!;
        else value += c;
      }
      i++;
      out.push({ type: 'str', value, pos: start });
    } else if (/\d/.test(ch)) {
      while (i < src.length && /\d/.test(src[i]!)) i++;
      out.push({ type: 'num', value: src.slice(start, i), pos: start });
    } else if (/[A-Za-z_]/.test(ch)) {
      while (i < src.length && /\w/.test(src[i]!)) i++;
      out.push({ type: 'ident', value: src.slice(start, i), pos: start });
    } else {
      throw new FilterError(`unexpected "${ch}" at ${start}`);
    }
  }
  out.push({ type: 'end', value: '', pos: src.length });
  return out;
}

const DATE_OPS = new Set(['=', '!=', '>', '<', '>=', '<=']);

export function parseFilter(src: string, schema: FilterSchema): FilterNode {
  const tokens = tokenize(src);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const is = (type: TokenType, value?: string): boolean =>
    peek().type === type && (value === undefined || peek().value === value);
  const describe = (t: Token): string => (t.type === 'end' ? 'end of filter' : `"${t.value}" at ${t.pos}`);
  const expect = (type: TokenType, value: string): Token => {
    if (!is(type, value)) throw new FilterError(`expected "${value}" but found ${describe(peek())}`);
    return next();
  };

  const number = (): number => {
    const t = next();
    if (t.type === 'num' || (t.type === 'str' && /^\d+$/.test(t.value))) return Number(t.value);
    throw new FilterError(`expected a number but found ${describe(t)}`);
  };

  const condition = (): FilterNode => {
    const f = next();
    if (f.type !== 'ident') throw new FilterError(`expected a field name but found ${describe(f)}`);
    const kind = schema[f.value];
    if (!kind) throw new FilterError(`unsupported field "${f.value}"; use ${Object.keys(schema).join(', ')}`);
    const field = f.value;
    const op = next();
    if (kind === 'int') {
      if (op.type === 'op' && op.value === '=') return { kind: 'cmp', field, op: '=', value: number() };
      if (op.type === 'ident' && op.value === 'in') {
        expect('punct', '(');
        const values = [number()];
        while (is('punct', ',')) {
          next();
          values.push(number());
        }
        expect('punct', ')');
        return { kind: 'in', field, values };
      }
      throw new FilterError(`"${field}" takes = or in, not ${describe(op)}`);
    }
    const isStrOp =
      kind === 'string' &&
      ((op.type === 'op' && op.value === '=') || (op.type === 'ident' && op.value === 'has'));
    const isDateOp = kind === 'date' && op.type === 'op' && DATE_OPS.has(op.value);
    if (!isStrOp && !isDateOp) {
      throw new FilterError(
        `"${field}" takes ${kind === 'string' ? '= or has' : '> < >= <= != ='}, not ${describe(op)}`,
      );
    }
    const v = next();
    if (v.type !== 'str') throw new FilterError(`expected a quoted value but found ${describe(v)}`);
    if (kind === 'string') return { kind: 'cmp', field, op: op.value as CmpOp, value: v.value };
    const date = parseWsDate(v.value);
    if (!date) throw new FilterError(`"${v.value}" is not a DD.MM.YYYY date`);
    return { kind: 'cmp', field, op: op.value as CmpOp, value: date };
  };

  const primary = (): FilterNode => {
    if (!is('punct', '(')) return condition();
    next();
    const inner = orExpr();
    expect('punct', ')');
    return inner;
  };
  const andExpr = (): FilterNode => {
    let left = primary();
    while (is('ident', 'and')) {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  function orExpr(): FilterNode {
    let left = andExpr();
    while (is('ident', 'or')) {
      next();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  }

  const tree = orExpr();
  if (!is('end'))
    throw new FilterError(`expected "and", "or" or end of filter but found ${describe(peek())}`);
  return tree;
}

/** A record's value of a filter field: numbers for int fields, strings (dates as YYYY-MM-DD) otherwise. */
export type FieldGetter = (field: string) => string | number | undefined;

export function evaluate(node: FilterNode, get: FieldGetter): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, get) && evaluate(node.right, get);
    case 'or':
      return evaluate(node.left, get) || evaluate(node.right, get);
    case 'in':
      return node.values.includes(get(node.field) as number);
    case 'cmp':
      return compare(get(node.field), node.op, node.value);
  }
}

// Worksection's MySQL collations compare names case-insensitively [INFERRED]; an unset date matches nothing.
function compare(actual: string | number | undefined, op: CmpOp, expected: string | number): boolean {
  if (actual === undefined) return false;
  if (typeof actual === 'number') return actual === expected;
  const a = actual.toLowerCase();
  const e = String(expected).toLowerCase();
  switch (op) {
    case 'has':
      return a.includes(e);
    case '=':
      return a === e;
    case '!=':
      return a !== e;
    case '>':
      return a > e;
    case '<':
      return a < e;
    case '>=':
      return a >= e;
    case '<=':
      return a <= e;
  }
}

export const TASK_FILTER_FIELDS: FilterSchema = {
  id: 'int',
  project: 'int',
  parent: 'int',
  name: 'string',
  dateadd: 'date',
  datestart: 'date',
  dateend: 'date',
  dateclose: 'date',
};

export const COST_FILTER_FIELDS: FilterSchema = {
  id: 'int',
  project: 'int',
  comment: 'string',
  dateadd: 'date',
};
