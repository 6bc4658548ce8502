// Time and money between the model and Worksection. The wire speaks "H:MM" durations and "75.17" money
// strings; answers carry both whole minutes (for arithmetic) and "H:MM" (for reading), and money as a
// number. Duration arguments accept what people type: "1:30", "1.5h", "1,5", "90m", "1h 30m".
import { z } from 'zod';
import type { Cost } from '../../../worksection/schemas.js';
import { quoted } from '../kit/quote.js';
import { personOf, personShape } from './common.js';

/** Worksection's "H:MM" (unbounded hours) → minutes. */
export function minutesOf(hmm: string): number {
  const m = /^(\d+):(\d{1,2})$/.exec(hmm.trim());
  if (!m) throw new TypeError(`not an H:MM duration: ${hmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes → "H:MM" (what Worksection shows and accepts). */
export function hmm(minutes: number): string {
  const total = Math.round(minutes);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Worksection money strings ("75.17") → numbers; sums stay exact by adding cents. */
function moneyOf(value: string): number {
  return Number(value);
}

export function sumMoney(values: readonly number[]): number {
  return Math.round(values.reduce((s, v) => s + Math.round(v * 100), 0)) / 100;
}

/** A typed duration → minutes, or undefined when it is none of the accepted forms. */
export function parseDurationInput(input: string | number): number | undefined {
  if (typeof input === 'number')
    return Number.isFinite(input) && input >= 0 ? Math.round(input * 60) : undefined;
  const s = input.trim().toLowerCase();
  const colon = /^(\d+):([0-5]\d)$/.exec(s);
  if (colon) return Number(colon[1]) * 60 + Number(colon[2]);
  const hours = /^(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)?$/.exec(s);
  if (hours?.[1]) return Math.round(Number(hours[1].replace(',', '.')) * 60);
  const mins = /^(\d+)\s*(?:m|min|mins|minutes?)$/.exec(s);
  if (mins) return Number(mins[1]);
  const both = /^(\d+)\s*h(?:ours?|rs?)?\s*(\d+)\s*m(?:in(?:utes?|s)?)?$/.exec(s);
  if (both) return Number(both[1]) * 60 + Number(both[2]);
  return undefined;
}

// Bounds on what a model may write. A value past them is a typo or an attack, and once stored upstream it
// breaks every later read of the account (a time of 9007199254740993 hours has no H:MM form).
/** One time entry is one day's work. */
const MAX_ENTRY_MINUTES = 24 * 60;
/** Money of one entry, a task's or a project's budget, in the account currency. */
const MAX_MONEY = 1_000_000_000;
/** A task's or a project's planned hours. */
const MAX_ESTIMATE_HOURS = 1_000_000;

// These upper bounds are checked but not published: guard rails far past any real value, which a model
// need not read in every tools/list (refinements stay out of the JSON Schema).
const atMost = (max: number) =>
  z
    .number()
    .min(0)
    .refine((v) => v <= max, `Too big: at most ${max}`);

/** A money argument: at least 0, at most MAX_MONEY. */
export function moneyArg(description: string) {
  return atMost(MAX_MONEY).describe(description);
}

/** Planned time and money of a task or project (Worksection max_time, max_money). */
export const estimateArgs = {
  time_estimate: atMost(MAX_ESTIMATE_HOURS).describe('Planned hours.'),
  budget: moneyArg('Planned money.'),
};

/** A zod field for a duration argument; yields whole minutes (at least 1, at most 24 hours). */
export function durationArg(description: string) {
  return z
    .union([z.string(), z.number()])
    .describe(`${description} At most 24 hours.`)
    .transform((value, ctx) => {
      const minutes = parseDurationInput(value);
      if (minutes === undefined || minutes < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `${quoted(value)} is not a duration of at least a minute; use e.g. "1:30", "1.5h" or "90m"`,
        });
        return z.NEVER;
      }
      if (minutes > MAX_ENTRY_MINUTES) {
        ctx.addIssue({
          code: 'custom',
          message: `${quoted(value)} is more than 24 hours; one entry is one day's work, log other days as other entries`,
        });
        return z.NEVER;
      }
      return minutes;
    });
}

/** Money as Worksection takes it: two decimals, dot separator. */
export function wsMoney(amount: number): string {
  return amount.toFixed(2);
}

export const durationFields = {
  minutes: z.number().int().describe('Duration in whole minutes.'),
  time: z.string().describe('The same duration as H:MM.'),
};

export function durationOf(minutes: number): { minutes: number; time: string } {
  return { minutes, time: hmm(minutes) };
}

export const totalsShape = z.object({
  entries: z.number().int().describe('How many time entries are summed.'),
  ...durationFields,
  money: z.number().describe('Money logged, in the account currency.'),
});
export type Totals = z.infer<typeof totalsShape>;

export const timeEntryShape = z.object({
  id: z.string().describe('Time entry id (pass as entry_id to update_time_entry / delete_time_entry).'),
  date: z.string().describe('ISO date the time was logged for.'),
  ...durationFields,
  money: z.number().describe('Money logged with the entry, in the account currency.'),
  comment: z.string(),
  from_timer: z.boolean().describe('True when the entry was recorded by a timer.'),
  user: personShape.nullable().describe('Who logged it.'),
  task: z.object({ id: z.string(), name: z.string(), status: z.enum(['active', 'done']) }),
  project: z.object({ id: z.string(), name: z.string() }),
});
export type TimeEntry = z.infer<typeof timeEntryShape>;

/** A cost row as an agent reads it. Its project is task.project: cost rows have no project of their own. */
export function timeEntryOf(c: Cost): TimeEntry {
  return {
    id: c.id,
    date: c.date,
    ...durationOf(minutesOf(c.time)),
    money: moneyOf(c.money),
    comment: c.comment,
    from_timer: c.is_timer,
    user: personOf(c.user_from),
    task: { id: c.task.id, name: c.task.name, status: c.task.status },
    project: { id: c.task.project.id, name: c.task.project.name },
  };
}

export function totalsOf(entries: readonly Pick<TimeEntry, 'minutes' | 'money'>[]): Totals {
  const minutes = entries.reduce((s, e) => s + e.minutes, 0);
  return { entries: entries.length, ...durationOf(minutes), money: sumMoney(entries.map((e) => e.money)) };
}

/** Totals of several sets of entries added up. */
export function addTotals(all: readonly Totals[]): Totals {
  const minutes = all.reduce((s, t) => s + t.minutes, 0);
  return {
    entries: all.reduce((n, t) => n + t.entries, 0),
    ...durationOf(minutes),
    money: sumMoney(all.map((t) => t.money)),
  };
}
