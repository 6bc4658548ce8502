// Wire-level building blocks of Worksection answers: id kinds, the
// date/time string formats, page paths and the response envelopes. Every object schema composes these.
import { z } from 'zod';

/** Most ids travel as decimal strings ("3993"); tags, tag groups and preset contact groups are ints. */
export const wsIdSchema = z.string().regex(/^\d+$/, 'a numeric string id');
export const intIdSchema = z.number().int();

const DATE = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])`;
const CLOCK = String.raw`(?:[01]\d|2[0-3]):[0-5]\d`;

/** "YYYY-MM-DD": date_start, date_end, cost date. */
export const dateSchema = z.string().regex(new RegExp(`^${DATE}$`), 'YYYY-MM-DD');
/** "YYYY-MM-DD HH:MM": date_added, date_closed, date_started. */
export const dateTimeSchema = z.string().regex(new RegExp(`^${DATE} ${CLOCK}$`), 'YYYY-MM-DD HH:MM');
/** "HH:MM" time of day: time_start, time_end. */
export const clockSchema = z.string().regex(new RegExp(`^${CLOCK}$`), 'HH:MM');
/**
 * "H:MM" duration ("6:50", "103:39"): cost time and totals. Hours past 7 digits (over 1,000 years) are
 * no real entry, and their minutes would not stay exact numbers.
 */
export const durationSchema = z.string().regex(/^\d{1,7}:[0-5]\d$/, 'H:MM');
/** "HH:MM:SS" running time of a timer in get_timers. */
export const timerClockSchema = z.string().regex(/^\d{2,}:[0-5]\d:[0-5]\d$/, 'HH:MM:SS');
/** Money as a string with two decimals ("75.17", "0.00"); past 13 digits cents are no longer exact. */
export const moneySchema = z.string().regex(/^\d{1,13}\.\d{2}$/, 'money with two decimals');
/** Task priority "0".."10", sent as a string. */
export const prioritySchema = z.string().regex(/^(?:\d|10)$/, 'priority "0".."10"');
export const flagSchema = z.union([z.literal(0), z.literal(1)]);
/** File sizes are strings of bytes. */
export const byteSizeSchema = z.string().regex(/^\d+$/, 'size in bytes');
// Worksection's own emails are ordinary addresses; the permissive pattern avoids rejecting real (IDN) ones.
export const emailSchema = z.email({ pattern: z.regexes.unicodeEmail });

/** Tags of a project or task: a map of tag id (as a string key) to tag name. */
export const tagMapSchema = z.record(wsIdSchema, z.string());

// Page paths are relative to the account URL. A subtask's page is /project/PID/PARENT/TID/; a
// sub-subtask's is /project/PID/TOP/TID/, so a task page never has more than two task segments.
const PROJECT_PAGE = String.raw`/project/\d+/`;
const TASK_PAGE = String.raw`${PROJECT_PAGE}(?:\d+/){1,2}`;
export const projectPageSchema = z.string().regex(new RegExp(`^${PROJECT_PAGE}$`), '/project/PID/');
export const taskPageSchema = z.string().regex(new RegExp(`^${TASK_PAGE}$`), '/project/PID/[PARENT/]TID/');
export const commentPageSchema = z
  .string()
  .regex(new RegExp(`^${TASK_PAGE}#com\\d+$`), '/project/PID/[PARENT/]TID/#comCID');
/** An event's object page: a project or task page (comment events point at their task). */
export const objectPageSchema = z
  .string()
  .regex(new RegExp(`^${PROJECT_PAGE}(?:\\d+/){0,2}$`), 'a project or task page');
export const filePageSchema = z.string().regex(/^\/download\/\d+\/(?:\d+\/)?$/, '/download/FID/');

export const okEnvelopeSchema = z.strictObject({ status: z.literal('ok') });

export function okData<T extends z.ZodType>(data: T) {
  return z.strictObject({ status: z.literal('ok'), data });
}

/** add_costs and add_webhook answer the new record's id as an int next to the status. */
export const okIdEnvelopeSchema = z.strictObject({ status: z.literal('ok'), id: intIdSchema });

export const errorEnvelopeSchema = z.strictObject({
  status: z.literal('error'),
  // Business errors always carry it; the 401 "Access token is expired" and the live
  // "Too many tasks (10000 max)" answers are reported without one.
  status_code: z.number().int().optional(),
  message: z.string(),
  message_details: z.string().optional(),
});
