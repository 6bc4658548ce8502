// Costs, cost totals and timers.
import { z } from 'zod';
import { userRefSchema } from './members.js';
import {
  dateSchema,
  dateTimeSchema,
  durationSchema,
  moneySchema,
  timerClockSchema,
  wsIdSchema,
} from './primitives.js';
import { projectRefSchema } from './projects.js';
import { taskBriefSchema, taskCoreSchema } from './tasks.js';

/** Time as "H:MM" and money as a two-decimal string; the `total` of get_costs and get_costs_total. */
const costTotalSchema = z.strictObject({
  time: durationSchema,
  money: moneySchema,
});

const costSchema = z.strictObject({
  id: wsIdSchema,
  comment: z.string(),
  time: durationSchema,
  money: moneySchema,
  date: dateSchema,
  is_timer: z.boolean(),
  user_from: userRefSchema,
  // Costs have no project field of their own: the project is task.project.
  task: taskBriefSchema,
});

// get_costs_total with extra=projects,tasks. Only the official Python SDK describes these parts
// (models/cost_total.py, cost_project.py, cost_task.py); the exact nesting is [INFERRED], and `monthly`
// is modelled as "YYYY-MM" -> total, the SDK only says it is a dict.
const costTaskTotalSchema = taskCoreSchema.extend(costTotalSchema.shape);
const costProjectTotalSchema = projectRefSchema.extend({
  ...costTotalSchema.shape,
  monthly: z.record(z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'YYYY-MM'), costTotalSchema).optional(),
  tasks: z.array(costTaskTotalSchema).optional(),
});

export const costsResponseSchema = z.strictObject({
  status: z.literal('ok'),
  data: z.array(costSchema),
  // Always sent, but no tool needs it: optional, so a total we cannot read never hides the entries.
  total: costTotalSchema.optional(),
});

export const costsTotalResponseSchema = z.strictObject({
  status: z.literal('ok'),
  total: costTotalSchema,
  projects: z.array(costProjectTotalSchema).optional(),
});

/** A get_timers item: running time as "HH:MM:SS". */
export const timerSchema = z.strictObject({
  id: wsIdSchema,
  time: timerClockSchema,
  date_started: dateTimeSchema,
  user_from: userRefSchema,
  task: taskBriefSchema,
});

/** get_my_timer: the caller's own timer, no id or user, running time in whole seconds. */
const myTimerSchema = timerSchema
  .omit({ id: true, user_from: true })
  .extend({ time: z.number().int().nonnegative() });

/**
 * With no timer running the answer is `{"status":"ok","data":[]}` (undocumented; decided from the SDK,
 * which maps get_my_timer to None only when `data` is not exactly one item, i.e. an empty array).
 */
export const myTimerResponseSchema = z.strictObject({
  status: z.literal('ok'),
  data: z.union([myTimerSchema, z.tuple([])]),
});

export type Cost = z.infer<typeof costSchema>;
export type Timer = z.infer<typeof timerSchema>;
export type MyTimer = z.infer<typeof myTimerSchema>;
