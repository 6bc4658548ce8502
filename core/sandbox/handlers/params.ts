// Reading request parameters the way Worksection does: everything arrives
// as strings, `extra` and email lists are comma lists with spaces tolerated, dates are DD.MM.YYYY, cost
// times are decimal hours ("0.15", "0,15") or "H:MM". A missing or unreadable required value is error
// 10 "Field is required" naming the field, which is also how Worksection answers an out-of-range value
// (get_events period=60d), so unreadable optional values are answered the same way.
import type { Params } from '../handler.js';
import { requiredField } from './errors.js';
import { parseWsDate } from '../../worksection/ws-date.js';

export { parseWsDate };

/** The last value of a key (repeated keys arrive as arrays), or undefined when absent. */
function raw(p: Params, key: string): string | undefined {
  const v = p[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** A trimmed value; empty counts as absent, like Worksection's `email=` examples. */
export function str(p: Params, key: string): string | undefined {
  const v = raw(p, key)?.trim();
  return v ? v : undefined;
}

export function requireStr(p: Params, key: string, details = key): string {
  return str(p, key) ?? requiredField(details);
}

/** All values of a repeated key, accepting both `todo[]` and `todo` spellings. */
export function values(p: Params, key: string): string[] {
  return [key, `${key}[]`].flatMap((k) => {
    const v = p[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
}

export function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function listParam(p: Params, key: string): string[] {
  return commaList(raw(p, key));
}

/** `extra=text, files` as a lower-case set. */
export function extraSet(p: Params): Set<string> {
  return new Set(listParam(p, 'extra').map((s) => s.toLowerCase()));
}

/** A numeric id; NaN when present but not a number, so callers answer their own "is invalid" error. */
function idValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

export function optionalId(p: Params, key: string): number | undefined {
  return idValue(str(p, key));
}

export function requireId(p: Params, key: string): number {
  return idValue(requireStr(p, key)) ?? requiredField(key);
}

/** 'DD.MM.YYYY' → 'YYYY-MM-DD', or undefined when it is not a real calendar date. */
export function dateParam(p: Params, key: string): string | undefined {
  const v = str(p, key);
  return v === undefined ? undefined : (parseWsDate(v) ?? requiredField(key));
}

export function numberParam(p: Params, key: string): number | undefined {
  const v = str(p, key);
  if (v === undefined) return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 ? n : requiredField(key);
}

/** Priority 0..10; anything else is treated as unreadable. */
export function priorityParam(p: Params): number | undefined {
  const v = str(p, 'priority');
  if (v === undefined) return undefined;
  return /^(?:\d|10)$/.test(v) ? Number(v) : requiredField('priority');
}

export function flagParam(p: Params, key: string): boolean {
  return str(p, key) === '1';
}

/** Cost time in minutes: "1,5" and "0.15" are decimal hours, "0:09" and "2:15" are H:MM. */
export function parseDuration(value: string): number | undefined {
  const v = value.trim();
  const hm = /^(\d+):([0-5]?\d)$/.exec(v);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2]);
  if (!/^\d+(?:[.,]\d+)?$/.test(v)) return undefined;
  return Math.round(Number(v.replace(',', '.')) * 60);
}

/** Money in cents from "12", "12.5" or "12,50". */
export function parseMoney(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(v)) return undefined;
  return Math.round(Number(v.replace(',', '.')) * 100);
}

// Deliberately loose: one @, no spaces or commas, a dot in the domain. Lists are split before this.
export function isEmail(value: string): boolean {
  return /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(value);
}
