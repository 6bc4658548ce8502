// Dates between the model and Worksection. The model speaks ISO (YYYY-MM-DD, also accepted: DD.MM.YYYY);
// Worksection takes DD.MM.YYYY and answers YYYY-MM-DD / "YYYY-MM-DD HH:MM". Date-only values stay strings
// end to end: turning them into Date objects is how off-by-one-day shifts happen across time zones.
import { z } from 'zod';

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

/** A zod field for a date argument: accepts YYYY-MM-DD or DD.MM.YYYY, yields the ISO date. */
export function dateArg(description: string) {
  return z
    .string()
    .describe(`${description} Format YYYY-MM-DD (DD.MM.YYYY is accepted too).`)
    .transform((value, ctx) => {
      const iso = parseDateInput(value);
      if (iso === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a date; use YYYY-MM-DD, e.g. 2026-03-31`,
        });
        return z.NEVER;
      }
      return iso;
    });
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

/** Today's ISO date in UTC (the sandbox's and our reports' calendar). */
export function isoToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}
