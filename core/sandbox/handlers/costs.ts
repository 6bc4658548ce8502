// Costs section: get_costs (rows + total), get_costs_total (total, and per project/task breakdowns with
// extra=projects,tasks as the official SDK reads them), add_costs, update_costs, delete_costs.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { CostRec, Id, SandboxData, UserRec } from '../model.js';
import { allocateId, deleteCost, insertCost } from '../records.js';
import { costsNotFound, requiredField } from './errors.js';
import { COST_FILTER_FIELDS } from '../../worksection/filter-grammar.js';
import { authorId, filterParam, findProject, findTask } from './lookup.js';
import { dateParam, extraSet, flagParam, parseDuration, parseMoney, requireId, str } from './params.js';
import { fmtDate, projectRef, renderCostTotal, sumCosts, userRef } from './render.js';
import { taskBrief, taskCore } from './render-task.js';

/** The costs matching get_costs' / get_costs_total's selectors, oldest date first. */
function selectCosts(ctx: ActionContext): CostRec[] {
  const { data, params } = ctx;
  const conds: Array<(c: CostRec) => boolean> = [];
  const projectOf = (c: CostRec): Id | undefined => data.tasks.get(c.taskId)?.projectId;
  if (str(params, 'id_project') !== undefined) {
    const pid = findProject(ctx).id;
    conds.push((c) => projectOf(c) === pid);
  }
  if (str(params, 'id_task') !== undefined) {
    const tid = findTask(ctx).id;
    conds.push((c) => c.taskId === tid);
  }
  const from = dateParam(params, 'datestart');
  const to = dateParam(params, 'dateend');
  if (from) conds.push((c) => c.date >= from);
  if (to) conds.push((c) => c.date <= to);
  const timer = str(params, 'is_timer');
  if (timer === '1' || timer === '0') conds.push((c) => c.isTimer === (timer === '1'));
  const filter = filterParam(ctx, COST_FILTER_FIELDS);
  if (filter) {
    // dateadd is the cost's own date: "date, when the costs were added" [INFERRED].
    const fields = (c: CostRec): Record<string, string | number | undefined> => ({
      id: c.taskId,
      project: projectOf(c),
      comment: c.comment,
      dateadd: c.date,
    });
    conds.push((c) => filter((f) => fields(c)[f]));
  }
  return [...data.costs.values()]
    .filter((c) => conds.every((f) => f(c)))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

function renderCost(data: SandboxData, c: CostRec): Record<string, unknown> {
  const task = data.tasks.get(c.taskId);
  return {
    id: String(c.id),
    comment: c.comment,
    ...renderCostTotal(c.minutes, c.moneyCents),
    date: c.date,
    is_timer: c.isTimer,
    user_from: userRef(data, c.userFromId),
    ...(task ? { task: taskBrief(data, task) } : {}),
  };
}

/** extra=projects[,tasks]: totals per project, per month ("YYYY-MM") and, with tasks, per task. */
function breakdown(data: SandboxData, costs: CostRec[], withTasks: boolean): Record<string, unknown>[] {
  const byProject = new Map<Id, CostRec[]>();
  for (const c of costs) {
    const pid = data.tasks.get(c.taskId)?.projectId;
    if (pid === undefined) continue;
    byProject.set(pid, [...(byProject.get(pid) ?? []), c]);
  }
  const total = (list: CostRec[]) => {
    const s = sumCosts(list);
    return renderCostTotal(s.minutes, s.cents);
  };
  const groupBy = <K>(list: CostRec[], key: (c: CostRec) => K) => {
    const m = new Map<K, CostRec[]>();
    for (const c of list) m.set(key(c), [...(m.get(key(c)) ?? []), c]);
    return m;
  };
  return [...byProject].flatMap(([pid, list]) => {
    const project = data.projects.get(pid);
    if (!project) return [];
    const monthly = Object.fromEntries(
      [...groupBy(list, (c) => c.date.slice(0, 7))].map(([m, l]) => [m, total(l)]),
    );
    const tasks = [...groupBy(list, (c) => c.taskId)].flatMap(([tid, l]) => {
      const task = data.tasks.get(tid);
      return task ? [{ ...taskCore(data, task), ...total(l) }] : [];
    });
    return [{ ...projectRef(project), ...total(list), monthly, ...(withTasks ? { tasks } : {}) }];
  });
}

/** time as decimal hours or H:MM; with is_rate=1 money follows the author's hourly rate. */
function readAmounts(
  ctx: ActionContext,
  author: UserRec | undefined,
  base?: CostRec,
): { minutes: number; cents: number } {
  const time = str(ctx.params, 'time');
  const money = str(ctx.params, 'money');
  const minutes = time === undefined ? (base?.minutes ?? 0) : (parseDuration(time) ?? requiredField('time'));
  let cents = money === undefined ? (base?.moneyCents ?? 0) : (parseMoney(money) ?? requiredField('money'));
  if (flagParam(ctx.params, 'is_rate')) cents = Math.round((minutes * (author?.rate ?? 0) * 100) / 60);
  return { minutes, cents };
}

const findCost = (ctx: ActionContext): CostRec =>
  ctx.data.costs.get(requireId(ctx.params, 'id_costs')) ?? costsNotFound();

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  get_costs: (ctx) => {
    const costs = selectCosts(ctx);
    const s = sumCosts(costs);
    return ok({
      data: costs.map((c) => renderCost(ctx.data, c)),
      total: renderCostTotal(s.minutes, s.cents),
    });
  },

  get_costs_total: (ctx) => {
    const costs = selectCosts(ctx);
    const s = sumCosts(costs);
    const extra = extraSet(ctx.params);
    const projects = extra.has('projects')
      ? { projects: breakdown(ctx.data, costs, extra.has('tasks')) }
      : {};
    return ok({ total: renderCostTotal(s.minutes, s.cents), ...projects });
  },

  // With the admin key the author must be named: email_user_from is required.
  add_costs: (ctx) => {
    const task = findTask(ctx);
    if (str(ctx.params, 'time') === undefined && str(ctx.params, 'money') === undefined)
      requiredField('time or money');
    const userFromId = authorId(ctx, true);
    const { minutes, cents } = readAmounts(ctx, ctx.data.users.get(userFromId));
    const cost = insertCost(ctx.data, {
      id: allocateId(ctx.data),
      taskId: task.id,
      userFromId,
      minutes,
      moneyCents: cents,
      date: dateParam(ctx.params, 'date') ?? fmtDate(ctx.now),
      comment: str(ctx.params, 'comment') ?? '',
      isTimer: false,
      dateAdded: ctx.now,
    });
    return ok({ id: cost.id });
  },

  update_costs: (ctx) => {
    const cost = findCost(ctx);
    const { minutes, cents } = readAmounts(ctx, ctx.data.users.get(cost.userFromId), cost);
    const date = dateParam(ctx.params, 'date') ?? cost.date;
    const comment = str(ctx.params, 'comment');
    Object.assign(cost, { minutes, moneyCents: cents, date, comment: comment ?? cost.comment });
    return ok();
  },

  delete_costs: (ctx) => {
    deleteCost(ctx.data, findCost(ctx).id);
    return ok();
  },
};

export const costHandlers = handlers;
