// The one way the time tools read costs: get_costs with only documented parameters (id_project, id_task,
// datestart/dateend as DD.MM.YYYY, is_timer), then the person filter applied here (get_costs has no
// documented user parameter), so list_time_entries (its entries and its sums) and the analytics agree on every number.
import { z } from 'zod';
import { WorksectionApiError } from '../../../worksection/errors.js';
import type { ParamValue } from '../../../worksection/transport.js';
import { dateArg, toWsDate } from '../kit/dates.js';
import { idArg, personArg } from '../shapes/common.js';
import { resolvePerson, type ResolvedPerson } from '../shapes/people-args.js';
import { timeEntryOf, type TimeEntry } from '../shapes/time.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';

export const costFilterInput = {
  project_id: idArg('Time on this project.').optional(),
  task_id: idArg('Time on this task.').optional(),
  user: personArg('Time logged by them.').optional(),
  date_from: dateArg('From (inclusive).').optional(),
  date_to: dateArg('To (inclusive).').optional(),
};

export interface CostFilter {
  project_id?: string;
  task_id?: string;
  user?: string;
  date_from?: string;
  date_to?: string;
  is_timer?: boolean;
}

export interface FetchedEntries {
  entries: TimeEntry[];
  person?: ResolvedPerson;
}

export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ToolError(`date_from ${from} is after date_to ${to}.`, 'Swap them or fix the range.');
  }
}

/** Costs matching the filter, newest first (date, then id). */
export async function fetchEntries(ctx: ToolContext, f: CostFilter): Promise<FetchedEntries> {
  checkRange(f.date_from, f.date_to);
  const params: Record<string, ParamValue> = {};
  if (f.project_id !== undefined) params.id_project = f.project_id;
  if (f.task_id !== undefined) params.id_task = f.task_id;
  if (f.date_from !== undefined) params.datestart = toWsDate(f.date_from);
  if (f.date_to !== undefined) params.dateend = toWsDate(f.date_to);
  if (f.is_timer !== undefined) params.is_timer = f.is_timer ? 1 : 0;
  const [person, costs] = await Promise.all([
    f.user === undefined ? undefined : resolvePerson(ctx, f.user),
    ctx.ws.call('get_costs', params),
  ]);
  const entries = costs.data
    .filter((c) => person === undefined || c.user_from.id === person.id)
    .map(timeEntryOf)
    .sort((a, b) => b.date.localeCompare(a.date) || Number(b.id) - Number(a.id));
  return person === undefined ? { entries } : { entries, person };
}

export const entryIdArg = () => idArg('The time entry (list_time_entries).');

/** Worksection's unknown-cost answer, as advice: the model can look the id up again. */
export function rethrowEntryNotFound(err: unknown, entryId: string): never {
  if (err instanceof WorksectionApiError && /not found/i.test(err.apiMessage)) {
    throw new ToolError(
      `Time entry ${entryId} was not found.`,
      'list_time_entries (with the task, project or date range) shows the entry ids.',
    );
  }
  throw err;
}

export const rangeShape = z.object({
  from: z.string().optional().describe('First day included.'),
  to: z.string().optional().describe('Last day included.'),
});
