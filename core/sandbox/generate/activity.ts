// The work on tasks: comments (a team's discussion, stored oldest first), time and money costs, and a few
// timers running right now.
import type { CommentRec, CostRec, Id, SandboxData } from '../model.js';
import { ANYONE, NOONE } from '../model.js';
import { allocateId, insertComment, insertCost } from '../records.js';
import type { GenContext } from './context.js';
import { STREAM } from './context.js';
import type { Rng } from './random.js';
import type { TaskPlan, TaskResult } from './tasks.js';
import { isPublished } from './tasks.js';
import { DAY, MINUTE, between, ymd } from './time.js';
import { ADDRESSED_TEXTS, CLOSING_TEXTS, COMMENT_TEXTS, COST_TEXTS } from './words-talk.js';

const EXPENSES = ['Stock photos', 'Printing', 'Travel'] as const;

function isPerson(id: Id): boolean {
  return id !== NOONE && id !== ANYONE;
}

/** Someone who works on the task: mostly its assignee, else its author or another project member. */
function worker(rng: Rng, t: TaskPlan): Id {
  const r = rng.next();
  if (r < 0.45 && isPerson(t.rec.userToId)) return t.rec.userToId;
  if (r < 0.7) return t.rec.userFromId;
  return rng.pick(t.project.crew).id;
}

/** When work on a task happens: mostly in its first weeks, sometimes any time until it closes. */
function workTime(rng: Rng, t: TaskPlan, weeks: number): number {
  const end = rng.chance(0.85) ? Math.min(t.until, t.rec.dateAdded + weeks * 7 * DAY) : t.until;
  return between(rng, t.rec.dateAdded, end);
}

/** Gives records ids in time order and inserts them, so ids and dates agree account-wide. */
function insertInTimeOrder<T extends { id: Id; dateAdded: number }>(
  data: SandboxData,
  recs: T[],
  insert: (d: SandboxData, r: T) => unknown,
): T[] {
  recs.sort((a, b) => a.dateAdded - b.dateAdded);
  for (const r of recs) {
    r.id = allocateId(data);
    insert(data, r);
  }
  return recs;
}

export function generateComments(ctx: GenContext, tasks: TaskResult): CommentRec[] {
  const rng = ctx.rng.derive(STREAM.comments);
  const { data } = ctx;
  const mean = ctx.profile.commentsPerTask;
  const recs: CommentRec[] = [];
  const fixture = tasks.showcase[0];
  for (const t of tasks.plans) {
    if (!isPublished(t)) continue;
    const n = t === fixture ? 5 : rng.geometric(mean, 40);
    for (let i = 0; i < n; i++) {
      const userFromId = worker(rng, t);
      let text: string;
      if (i === n - 1 && t.rec.status === 'done' && rng.chance(0.6)) text = rng.pick(CLOSING_TEXTS);
      else if (rng.chance(0.2)) {
        // Said to a colleague: the next member on the crew list when the draw hits the author.
        const crew = t.project.crew;
        const k = rng.int(0, crew.length - 1);
        const to = crew[k]!.id === userFromId ? crew[(k + 1) % crew.length]! : crew[k]!;
        text = `${to.id === userFromId ? 'Team' : to.firstName}, ${rng.pick(ADDRESSED_TEXTS)}`;
      } else
        text = rng.chance(0.65)
          ? rng.pick(COMMENT_TEXTS)
          : `${rng.pick(COMMENT_TEXTS)} ${rng.pick(COMMENT_TEXTS)}`;
      recs.push({
        id: 0,
        taskId: t.rec.id,
        userFromId,
        text,
        dateAdded: between(rng, t.rec.dateAdded, t.until),
        fileIds: [],
      });
    }
  }
  return insertInTimeOrder(data, recs, insertComment);
}

export function generateCosts(ctx: GenContext, tasks: TaskResult): void {
  const rng = ctx.rng.derive(STREAM.costs);
  const { data, profile } = ctx;
  const recs: CostRec[] = [];
  const fixture = new Set<TaskPlan>();
  const [s0] = tasks.showcase;
  if (s0) {
    fixture.add(s0);
    const sub = data.index.childrenByTask.get(s0.rec.id)?.[0];
    const subPlan = sub === undefined ? undefined : tasks.byId.get(sub);
    if (subPlan) fixture.add(subPlan);
  }
  for (const t of tasks.plans) {
    if (!isPublished(t)) continue;
    const forced = fixture.has(t);
    if (!forced && !rng.chance(profile.costTaskShare)) continue;
    const n = forced ? 2 : 1 + rng.geometric(profile.costsPerTask - 1, 8);
    for (let i = 0; i < n; i++) {
      const userFromId = worker(rng, t);
      const at = workTime(rng, t, 6);
      const kind = rng.next();
      const isTimer = kind >= 0.1 && rng.chance(0.3);
      // Timer entries have any length; hand-entered time is usually in quarters of an hour.
      const minutes = kind < 0.1 ? 0 : isTimer ? rng.int(5, 300) : rng.int(1, 32) * 15;
      const rate = data.users.get(userFromId)?.rate ?? 0;
      const moneyCents =
        kind < 0.1 ? rng.int(20, 500) * 100 : kind < 0.3 ? 0 : Math.round((minutes * rate * 100) / 60);
      recs.push({
        id: 0,
        taskId: t.rec.id,
        userFromId,
        minutes,
        moneyCents,
        date: ymd(at),
        comment: kind < 0.1 ? rng.pick(EXPENSES) : rng.chance(0.75) ? rng.pick(COST_TEXTS) : '',
        isTimer,
        dateAdded: at,
      });
    }
  }
  insertInTimeOrder(data, recs, insertCost);
}

/** Timers running now: at most one per person, on open, published tasks of active projects. */
export function generateTimers(ctx: GenContext, tasks: TaskResult): void {
  const rng = ctx.rng.derive(STREAM.timers);
  const { data } = ctx;
  const busy = new Set<Id>();
  const start = (userId: Id, t: TaskPlan): void => {
    if (busy.has(userId)) return;
    busy.add(userId);
    const id = allocateId(data);
    data.timers.set(id, { id, userId, taskId: t.rec.id, startedAt: ctx.nowMin - rng.int(3, 180) * MINUTE });
  };
  const [s0] = tasks.showcase;
  if (s0 && isPerson(s0.rec.userToId)) start(s0.rec.userToId, s0);
  const open = tasks.plans.filter(
    (t) => t.rec.status === 'active' && t.project.rec.status === 'active' && isPublished(t),
  );
  for (let tries = 0; busy.size < ctx.profile.runningTimers && tries < 1000 && open.length > 0; tries++) {
    const t = rng.pick(open);
    start(isPerson(t.rec.userToId) ? t.rec.userToId : rng.pick(t.project.crew).id, t);
  }
}
