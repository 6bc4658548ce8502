// Dates between the model and Worksection. The model speaks ISO (YYYY-MM-DD, also accepted: DD.MM.YYYY);
// Worksection takes DD.MM.YYYY and answers YYYY-MM-DD / "YYYY-MM-DD HH:MM". Date-only values stay strings
// end to end: turning them into Date objects is how off-by-one-day shifts happen across time zones.
import { z } from 'zod';
import { quoted } from './quote.js';
import { formatterFor, wallMs } from '../../../worksection/wall-clock.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{2})\.(\d{2})\.(\d{4})$/;

function valid(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** ISO date of an input in either accepted form, or undefined when it is neither or not a real day. */
export function parseDateInput(text: string): string | undefined {
  const s = text.trim();
  const iso = ISO.exec(s);
  const dmy = DMY.exec(s);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !m || !d || !valid(Number(y), Number(m), Number(d))) return undefined;
  return `${y}-${m}-${d}`;
}

// Arguments that take a spoken date ("yesterday", "this week"): tool-call.ts resolves those on the
// account's calendar before the arguments are checked (spoken-dates.ts).
const spoken = new WeakSet<z.ZodType>();

/** Marks an argument whose spoken dates tool-call.ts resolves first. */
export function takesSpokenDate<T extends z.ZodType>(schema: T): T {
  spoken.add(schema);
  return schema;
}

/** The names of a tool's arguments that take spoken dates. */
export function spokenDateKeys(input: z.ZodObject): string[] {
  return Object.entries(input.shape as Record<string, z.ZodType>)
    .filter(([, schema]) => {
      let s: z.ZodType = schema;
      while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
      return spoken.has(s);
    })
    .map(([key]) => key);
}

/** A zod field for a date argument: YYYY-MM-DD, DD.MM.YYYY or a spoken date; yields the ISO date. */
export function dateArg(description: string) {
  return takesSpokenDate(
    z
      .string()
      .describe(description)
      .transform((value, ctx) => {
        const iso = parseDateInput(value);
        if (iso === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `${quoted(value)} is not a date; use YYYY-MM-DD (e.g. 2026-03-31) or words like "yesterday", "next Friday"`,
          });
          return z.NEVER;
        }
        return iso;
      }),
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The weekday of an ISO date, in English ("Wednesday"). */
export function weekdayName(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? '';
}

/** ISO date → Worksection's DD.MM.YYYY. */
export function toWsDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Worksection's "YYYY-MM-DD HH:MM" (account time) → ISO "YYYY-MM-DDTHH:MM"; date-only values pass through. */
export function fromWsDateTime(value: string): string {
  return value.includes(' ') ? value.replace(' ', 'T') : value;
}

/** Today's ISO date in UTC (the sandbox's calendar; tests compare against it). */
export function isoToday(now: Date): string {
  return isoDateIn(now, 'UTC');
}

/** An IANA zone name Intl knows ('Europe/Kyiv', 'UTC'); config.ts validates the setting with it. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The ISO date an instant falls on in a zone: "today" for the account's people, not for UTC. */
export function isoDateIn(now: Date, timeZone: string): string {
  return new Date(wallMs(now.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant a wall time ("YYYY-MM-DDTHH:MM[:SS]") has in a zone. Around a DST change: a repeated wall time
 * is its first occurrence, a skipped one is read with the offset before the jump (as clocks that were not
 * moved yet would show it), which is what Temporal calls "compatible".
 */
export function zonedWallTimeToMs(wall: string, timeZone: string): number {
  const asUtc = Date.parse(`${wall}Z`);
  // A zone's offsets a day either side cover any single change near this wall time.
  const before = asUtc - (wallMs(asUtc - 86_400_000, timeZone) - (asUtc - 86_400_000));
  const after = asUtc - (wallMs(asUtc + 86_400_000, timeZone) - (asUtc + 86_400_000));
  const fits = [before, after].filter((ms) => wallMs(ms, timeZone) === asUtc);
  return fits.length > 0 ? Math.min(...fits) : before;
}

export function addDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}
