// Time toolset, writing side: log, correct and delete time entries (add_costs, update_costs,
// delete_costs). Durations go to Worksection as "H:MM", which it reads unambiguously (a bare "0.15" would
// be decimal hours); money as a two-decimal string.
import { z } from 'zod';
import type { ParamValue, WsParams } from '../../../worksection/transport.js';
import { dateArg, toWsDate } from '../kit/dates.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { idArg, personArg, personShape } from '../shapes/common.js';
import { resolvePerson } from '../shapes/people-args.js';
import { durationArg, durationFields, durationOf, hmm, moneyArg, wsMoney } from '../shapes/time.js';
import { ToolError } from '../kit/errors.js';
import { orNotFound } from '../tasks/shared.js';
import { entryIdArg, fetchEntries, rethrowEntryNotFound } from './shared.js';
import { farDates } from '../kit/write-plan.js';

const entryMoneyArg = (what: string) => moneyArg(what).optional();
const rateArg = z.boolean().optional().describe("true = money is the person's hourly rate × time.");

function moneyParams(money: number | undefined, atRate: boolean | undefined): WsParams {
  if (money !== undefined && atRate) {
    throw new ToolError('Give either money or bill_at_rate, not both.', 'Drop one of them and call again.');
  }
  if (atRate) return { is_rate: 1 };
  return money === undefined ? {} : { money: wsMoney(money) };
}

const DAY_MINUTES = 24 * 60;

const logTime = defineTool({
  name: 'log_time',
  title: 'Log time',
  toolset: 'time',
  effect: 'write',
  description:
    'Log time (and optionally money) on a task. A personal sign-in logs as you; the admin key as `user`.',
  input: z.object({
    task_id: idArg('The task to log the time on.'),
    time: durationArg('How long.'),
    date: dateArg('Day of the work (default today).').optional(),
    comment: z.string().optional().describe('What was done.'),
    money: entryMoneyArg('Money to log with it.'),
    bill_at_rate: rateArg,
    user: personArg('Admin key only: who did the work (default "me").').optional(),
  }),
  output: z.object({
    id: z.string().describe('The new time entry id.'),
    task_id: z.string(),
    date: z.string(),
    ...durationFields,
    comment: z.string(),
    user: personShape,
  }),
  // Sanity checks: a day past 24 hours for one person, a date far from today.
  async plan(args, ctx) {
    const date = args.date ?? ctx.today();
    const confirm = farDates(ctx, { date });
    const { entries } = await fetchEntries(ctx, { user: args.user ?? 'me', date_from: date, date_to: date });
    const logged = entries.reduce((sum, e) => sum + e.minutes, 0);
    if (logged + args.time > DAY_MINUTES) {
      confirm.push(
        `it makes ${hmm(logged + args.time)} logged by one person on ${date} (already ${hmm(logged)}), more than 24 hours`,
      );
    }
    return { ...(confirm.length ? { confirm } : {}), note: 'undo_change deletes the entry.' };
  },
  async handle(args, ctx) {
    const person = await resolvePerson(ctx, args.user ?? 'me');
    if (ctx.authMode === 'oauth' && args.user !== undefined && person.id !== (await ctx.me()).id) {
      throw new ToolError(
        'With a personal sign-in, time is always logged as the signed-in user.',
        "Leave out `user` to log it as yourself; logging for others needs the account's admin key.",
      );
    }
    const date = args.date ?? ctx.today();
    const params: Record<string, ParamValue> = {
      id_task: args.task_id,
      time: hmm(args.time),
      date: toWsDate(date),
      ...moneyParams(args.money, args.bill_at_rate),
    };
    if (args.comment !== undefined) params.comment = args.comment;
    // With an access token Worksection sets the author itself; the admin key must name one.
    if (ctx.authMode === 'admin') params.email_user_from = person.email;
    const res = await orNotFound(ctx.ws.call('add_costs', params), { task: args.task_id });
    return {
      id: String(res.id),
      task_id: args.task_id,
      date,
      ...durationOf(args.time),
      comment: args.comment ?? '',
      user: person,
    };
  },
});

const updateTimeEntry = defineTool({
  name: 'update_time_entry',
  title: 'Update a time entry',
  toolset: 'time',
  effect: 'write',
  idempotent: true,
  description: 'Correct a logged time entry (duration, date, comment, money); only given fields change.',
  input: z.object({
    entry_id: entryIdArg(),
    time: durationArg('New duration.').optional(),
    date: dateArg('The new day.').optional(),
    comment: z.string().optional().describe('The new comment.'),
    money: entryMoneyArg('New money.'),
    bill_at_rate: rateArg,
  }),
  output: z.object({
    id: z.string(),
    changed: z.array(z.string()).describe('The fields that were sent.'),
  }),
  async handle(args, ctx) {
    const params: Record<string, ParamValue> = {
      id_costs: args.entry_id,
      ...moneyParams(args.money, args.bill_at_rate),
    };
    if (args.time !== undefined) params.time = hmm(args.time);
    if (args.date !== undefined) params.date = toWsDate(args.date);
    if (args.comment !== undefined) params.comment = args.comment;
    const changed = ['time', 'date', 'comment', 'money', 'bill_at_rate'].filter(
      (k) => (args as Record<string, unknown>)[k] !== undefined,
    );
    if (changed.length === 0) {
      throw new ToolError(
        'Nothing to change.',
        'Give at least one of time, date, comment, money, bill_at_rate.',
      );
    }
    await ctx.ws
      .call('update_costs', params)
      .catch((err: unknown) => rethrowEntryNotFound(err, args.entry_id));
    return { id: args.entry_id, changed };
  },
});

const deleteTimeEntry = defineTool({
  name: 'delete_time_entry',
  title: 'Delete a time entry',
  toolset: 'time',
  effect: 'destructive',
  description: 'Delete a logged time entry for good.',
  input: z.object({ entry_id: entryIdArg() }),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
  async handle(args, ctx) {
    await ctx.ws
      .call('delete_costs', { id_costs: args.entry_id })
      .catch((err: unknown) => rethrowEntryNotFound(err, args.entry_id));
    return { id: args.entry_id, deleted: true as const };
  },
});

export const timeWriteTools: AnyTool[] = [logTime, updateTimeEntry, deleteTimeEntry];
