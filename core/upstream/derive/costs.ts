// get_costs derived from a cached get_costs that covers it: a date range
// inside the cached one, one project out of the whole account, or timer / manual entries only, with the same
// task. The rows keep Worksection's order; `total` is summed again the way Worksection writes it (time
// "H:MM", money with two decimals). A project out of an account-wide answer only when the answer shows
// some of its costs: an unknown project must still get Worksection's error.
import type { CacheParams } from '../../store/response-cache.js';
import { isObj, type DeriveSource, type DerivedAnswer, type Obj } from './tasks.js';

const ALLOWED = ['id_project', 'id_task', 'datestart', 'dateend', 'is_timer'];

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** DD.MM.YYYY → YYYY-MM-DD (undefined for anything else, which then is not derived). */
function isoOf(value: string | undefined): string | undefined | null {
  if (value === undefined) return undefined;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim());
  return m ? `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}` : null;
}

const minutesOf = (time: unknown): number => {
  const m = /^(\d+):(\d{2})$/.exec(str(time) ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};
const centsOf = (money: unknown): number => Math.round(Number(str(money)) * 100);
const pad2 = (n: number) => String(n).padStart(2, '0');

function totalOf(rows: Obj[]): { time: string; money: string } | undefined {
  const minutes = rows.reduce((s, r) => s + minutesOf(r.time), 0);
  const cents = rows.reduce((s, r) => s + centsOf(r.money), 0);
  if (!Number.isFinite(minutes) || !Number.isFinite(cents) || cents < 0) return undefined;
  return {
    time: `${Math.floor(minutes / 60)}:${pad2(minutes % 60)}`,
    money: `${Math.floor(cents / 100)}.${pad2(cents % 100)}`,
  };
}

const projectOf = (row: Obj) =>
  isObj(row.task) && isObj(row.task.project) ? str(row.task.project.id) : undefined;

/**
 * The read to send for a missed get_costs of a small account: every cost it ever logged (no parameters),
 * from which any range, project or kind derives. Undefined when the asked read is that already, or one
 * deriveCosts cannot answer from it (other parameters), or the whole answer is held and did not serve it
 * (a project with no costs, which only Worksection can tell from an unknown one).
 */
export function widenedCosts(params: CacheParams, src: DeriveSource): CacheParams | undefined {
  const keys = Object.keys(params);
  if (keys.length === 0 || keys.some((k) => !ALLOWED.includes(k) || typeof params[k] !== 'string'))
    return undefined;
  if (params.id_task !== undefined) return undefined;
  if (isoOf(str(params.datestart)) === null || isoOf(str(params.dateend)) === null) return undefined;
  const held = src.find({ actions: ['get_costs'] }).some((e) => Object.keys(e.params).length === 0);
  return held ? undefined : {};
}

export function deriveCosts(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  if (Object.keys(params).some((k) => !ALLOWED.includes(k) || typeof params[k] !== 'string'))
    return undefined;
  const p = params as Record<string, string | undefined>;
  const from = isoOf(p.datestart);
  const to = isoOf(p.dateend);
  if (from === null || to === null) return undefined;
  if (p.is_timer !== undefined && p.is_timer !== '0' && p.is_timer !== '1') return undefined;
  for (const entry of src.find({ actions: ['get_costs'] })) {
    const h = entry.params as Record<string, unknown>;
    if (Object.keys(h).some((k) => !ALLOWED.includes(k) || typeof h[k] !== 'string')) continue;
    const cachedFrom = isoOf(str(h.datestart));
    const cachedTo = isoOf(str(h.dateend));
    if (cachedFrom === null || cachedTo === null) continue;
    const covers =
      h.id_task === p.id_task &&
      (h.id_project === undefined || h.id_project === p.id_project) &&
      (h.is_timer === undefined || h.is_timer === p.is_timer) &&
      (cachedFrom === undefined || (from !== undefined && cachedFrom <= from)) &&
      (cachedTo === undefined || (to !== undefined && cachedTo >= to));
    if (!covers) continue;
    const body = src.body(entry.key);
    if (!isObj(body) || !Array.isArray(body.data)) continue;
    const rows = body.data.filter(isObj);
    if (
      p.id_project !== undefined &&
      h.id_project === undefined &&
      !rows.some((r) => projectOf(r) === p.id_project)
    ) {
      continue;
    }
    const kept = rows.filter((r) => {
      const date = str(r.date) ?? '';
      return (
        (from === undefined || date >= from) &&
        (to === undefined || date <= to) &&
        (p.id_project === undefined || projectOf(r) === p.id_project) &&
        (p.is_timer === undefined || r.is_timer === (p.is_timer === '1'))
      );
    });
    const total = totalOf(kept);
    if (!total) continue;
    return { body: { status: 'ok', data: kept, total }, fetchedAt: entry.fetchedAt, from: entry.key };
  }
  return undefined;
}
