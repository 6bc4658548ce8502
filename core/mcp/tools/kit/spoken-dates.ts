// Dates as a model says them: "today", "yesterday", "next Friday", "this week", "last month". Resolved
// before the arguments are checked (tool-call.ts), on the account's calendar: today is the account's today,
// and a date-only value never passes through a time zone conversion (the reference is noon UTC of that
// calendar day, and chrono is told the reference is UTC). Ranges ("this week") give their first day to a
// start argument (date_from, due_after, since) and their last day to an end argument (date_to, due_before).
import * as chrono from 'chrono-node';
import { addDays, parseDateInput } from './dates.js';

type Edge = 'start' | 'end';

const END_NAMES = /(^|_)(to|before|until|end)$/;

/** Whether an argument named `key` is the start or the end of a range (anything else counts as start). */
export function edgeOf(key: string): Edge {
  return END_NAMES.test(key) || key === 'due_date' ? 'end' : 'start';
}

const weekdayOf = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const mondayOf = (iso: string) => addDays(iso, -((weekdayOf(iso) + 6) % 7));

function monthRange(iso: string, months: number): [string, string] {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  const first = d.toISOString().slice(0, 10);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return [first, addDays(d.toISOString().slice(0, 10), -1)];
}

function yearRange(iso: string, years: number): [string, string] {
  const y = Number(iso.slice(0, 4)) + years;
  return [`${y}-01-01`, `${y}-12-31`];
}

// The ranges chrono reads as one day: said here, so "this week" means Monday to Sunday.
function rangeOf(text: string, today: string): [string, string] | undefined {
  const monday = mondayOf(today);
  const ranges: Record<string, () => [string, string]> = {
    'this week': () => [monday, addDays(monday, 6)],
    'last week': () => [addDays(monday, -7), addDays(monday, -1)],
    'next week': () => [addDays(monday, 7), addDays(monday, 13)],
    'this month': () => monthRange(today, 0),
    'last month': () => monthRange(today, -1),
    'next month': () => monthRange(today, 1),
    'this year': () => yearRange(today, 0),
    'last year': () => yearRange(today, -1),
  };
  return ranges[text]?.();
}

/**
 * The ISO date a spoken date means on the account's calendar (`today` is the account's today), or
 * undefined when it is not a date at all.
 */
export function resolveSpokenDate(text: string, today: string, edge: Edge = 'start'): string | undefined {
  const iso = parseDateInput(text);
  if (iso !== undefined) return iso;
  const said = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const range = rangeOf(said, today);
  if (range) return edge === 'start' ? range[0] : range[1];
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 0 };
  const found = chrono.en.casual.parse(said, reference, { forwardDate: false })[0];
  if (!found || found.text.length < said.replace(/^(on|by|since|from|until) /, '').length) return undefined;
  const date = found.start.date();
  return date.toISOString().slice(0, 10);
}

export interface ResolvedDates {
  args: unknown;
  /** What each spoken date argument was resolved to: answers state it. */
  resolved: Record<string, string>;
}

/** The arguments with every spoken date among `dateKeys` replaced by its ISO date. */
export function resolveSpokenDates(args: unknown, dateKeys: readonly string[], today: string): ResolvedDates {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { args, resolved: {} };
  const out = { ...(args as Record<string, unknown>) };
  const resolved: Record<string, string> = {};
  for (const key of dateKeys) {
    const value = out[key];
    if (typeof value !== 'string' || parseDateInput(value) !== undefined) continue;
    const iso = resolveSpokenDate(value, today, edgeOf(key));
    if (iso === undefined) continue;
    out[key] = iso;
    resolved[key] = `${value} = ${iso}`;
  }
  return { args: out, resolved };
}
