// Task trees (task / subtask / sub-subtask), their people, dates, limits, tags and subscribers, plus the
// relations between them. Ids follow creation time across the whole account, like real Worksection ids.
import type { Id, TaskRec } from '../model.js';
import { ANYONE, NOONE } from '../model.js';
import { allocateId, insertTask } from '../records.js';
import type { GenContext } from './context.js';
import { STREAM } from './context.js';
import type { ProjectPlan } from './projects.js';
import type { Rng } from './random.js';
import type { Tags } from './tags.js';
import { labelIds, tagId } from './tags.js';
import { DAY, HOUR, between, ymd } from './time.js';
import { TASK_TEXTS } from './words-talk.js';
import { COMMON_TASKS, MICRO_STEPS, TASK_SUFFIXES } from './words-work.js';

export interface TaskPlan {
  rec: TaskRec;
  project: ProjectPlan;
  parent?: TaskPlan;
  /** The top-level ancestor (itself for a top-level task): subtask pages are /project/P/TOP/T/. */
  top: TaskPlan;
  /** Work on the task (comments, time) happens until this instant: its closing, or the project's end. */
  until: number;
}

/** A forced shape for the fixture project's first tasks, so tests always find each kind of task. */
interface Shape {
  done: boolean;
  assignee?: Id;
  children: number;
  grandchildren?: number;
  overdue?: true;
  delayed?: true;
}

const SHOWCASE: readonly Shape[] = [
  { done: false, children: 3, grandchildren: 2 },
  { done: false, assignee: NOONE, children: 0, overdue: true },
  { done: false, assignee: ANYONE, children: 0 },
  { done: true, children: 2 },
  { done: false, children: 0, delayed: true },
];

export interface TaskResult {
  /** Every task, in id order. */
  plans: TaskPlan[];
  byId: Map<Id, TaskPlan>;
  /** The fixture project's forced tasks, in SHOWCASE order (empty when there is no fixture project). */
  showcase: TaskPlan[];
}

class TaskMaker {
  private readonly workflow: Id[];
  private readonly types: Id[];
  private readonly labels: Id[];
  private readonly results: Id[];
  readonly plans: TaskPlan[] = [];

  constructor(
    private readonly ctx: GenContext,
    private readonly rng: Rng,
    tags: Tags,
  ) {
    this.workflow = ['To-do', 'In progress', 'Review', 'Done'].map((t) =>
      tagId(tags.task, 'Basic workflow', t),
    );
    this.types = labelIds(tags.task, 'Task type');
    this.labels = labelIds(tags.task, 'General labels');
    this.results = labelIds(tags.task, 'Task results');
  }

  /** One top-level task with its subtree; returns how many tasks it made. */
  tree(p: ProjectPlan, shape?: Shape, at?: number): number {
    const { rng } = this;
    const { nowMin } = this.ctx;
    const dateAdded = at ?? between(rng, p.rec.dateAdded, p.activeUntil);
    const span = Math.max(1, nowMin - p.rec.dateAdded);
    const pDone =
      p.rec.status === 'archive'
        ? 1
        : p.rec.status === 'pending'
          ? 0.1
          : 0.15 + (0.7 * (nowMin - dateAdded)) / span;
    const top = this.task(
      p,
      undefined,
      this.topName(p),
      dateAdded,
      shape?.done ?? rng.chance(pDone),
      undefined,
      shape,
    );
    let made = 1;
    // Siblings get distinct names: nobody has two "Code review" subtasks under one task.
    const steps = rng.sample(p.theme.steps, shape?.children ?? (rng.chance(0.25) ? rng.int(1, 3) : 0));
    steps.forEach((step, i) => {
      // The fixture's first subtask stays open with one closed and one open sub-subtask; its second is closed.
      const sub = this.child(top, step, shape ? i === 1 : undefined);
      made++;
      const grand = shape ? (i === 0 ? (shape.grandchildren ?? 0) : 0) : rng.chance(0.15) ? rng.int(1, 2) : 0;
      rng.sample(MICRO_STEPS, grand).forEach((micro, j) => {
        this.child(sub, micro, shape ? j === 0 : undefined);
        made++;
      });
    });
    return made;
  }

  private child(parent: TaskPlan, name: string, done?: boolean): TaskPlan {
    const { rng } = this;
    const added = between(rng, parent.rec.dateAdded, Math.min(parent.until, parent.rec.dateAdded + 14 * DAY));
    // A closed parent has only closed children (complete_task refuses otherwise: error 13).
    const isDone = parent.rec.status === 'done' || (done ?? rng.chance(0.35));
    return this.task(
      parent.project,
      parent,
      name,
      added,
      isDone,
      parent.rec.status === 'done' ? parent.until : undefined,
    );
  }

  private task(
    p: ProjectPlan,
    parent: TaskPlan | undefined,
    name: string,
    dateAdded: number,
    done: boolean,
    closeBy?: number,
    shape?: Shape,
  ): TaskPlan {
    const { rng } = this;
    const { nowMin } = this.ctx;
    const crew = p.crew;
    const r = rng.next();
    const assignee = shape?.assignee ?? (r < 0.06 ? NOONE : r < 0.1 ? ANYONE : rng.pick(crew).id);
    const author = rng.pick(crew).id;
    const rec: TaskRec = {
      id: 0,
      projectId: 0,
      name,
      status: done ? 'done' : 'active',
      priority: rng.chance(0.55) ? 1 : rng.int(0, 10),
      userFromId: author,
      userToId: assignee,
      text: rng.chance(parent ? 0.2 : 0.5) ? this.text() : '',
      dateAdded,
      tagIds: [],
      subscriberIds: [author],
    };
    if (done)
      rec.dateClosed = between(
        rng,
        dateAdded,
        Math.min(closeBy ?? p.activeUntil, dateAdded + rng.int(1, 60) * DAY),
      );
    if (shape?.overdue || rng.chance(0.55)) {
      const start = dateAdded + rng.int(0, 5) * DAY;
      let end = shape?.overdue ? nowMin - 5 * DAY : shape ? nowMin + 10 * DAY : start + rng.int(1, 30) * DAY;
      // Most open tasks past their deadline got rescheduled; the rest are the account's overdue tasks.
      if (!shape && !done && end < nowMin && rng.chance(0.75)) end = nowMin + rng.int(1, 30) * DAY;
      if (shape || rng.chance(0.6)) rec.dateStart = ymd(Math.min(start, end));
      rec.dateEnd = ymd(end);
      if (rng.chance(0.1)) {
        rec.timeStart = rng.pick(['09:00', '10:00', '14:00']);
        rec.timeEnd = rng.pick(['13:00', '17:00', '18:00']);
      }
    }
    if (shape || rng.chance(0.1)) rec.maxTime = rng.int(2, 80);
    if (shape || rng.chance(0.08)) rec.maxMoney = rng.int(1, 50) * 100;
    if (shape || rng.chance(0.6)) rec.tagIds.push(done ? this.workflow[3]! : this.workflow[rng.int(0, 2)]!);
    if (shape || rng.chance(0.25)) rec.tagIds.push(rng.pick(this.types));
    if (rng.chance(0.1)) rec.tagIds.push(rng.pick(this.labels));
    if (done && rng.chance(0.1)) rec.tagIds.push(rng.pick(this.results));
    if (assignee !== NOONE && assignee !== ANYONE && assignee !== author) rec.subscriberIds.push(assignee);
    for (let n = rng.int(0, 2); n > 0; n--) {
      const u = rng.pick(crew).id;
      if (!rec.subscriberIds.includes(u)) rec.subscriberIds.push(u);
    }
    if (shape?.delayed) rec.publishAt = nowMin + 3 * DAY + 2 * HOUR;
    else if (
      !shape &&
      !parent &&
      !done &&
      p.rec.status === 'active' &&
      nowMin - dateAdded < 21 * DAY &&
      rng.chance(this.ctx.profile.delayedShare)
    ) {
      rec.publishAt = nowMin + rng.int(1, 14) * DAY + rng.int(0, 8) * HOUR;
    }
    const plan = { rec, project: p, until: rec.dateClosed ?? p.activeUntil } as TaskPlan;
    if (parent) plan.parent = parent;
    plan.top = parent ? parent.top : plan;
    this.plans.push(plan);
    return plan;
  }

  private topName(p: ProjectPlan): string {
    const { rng } = this;
    const [verbs, objects] = rng.pick(rng.chance(0.12) ? COMMON_TASKS : p.theme.clusters);
    const name = `${rng.pick(verbs)} ${rng.pick(objects)}`;
    return this.ctx.small ? name : name + rng.pick(TASK_SUFFIXES);
  }

  private text(): string {
    const { rng } = this;
    const first = rng.pick(TASK_TEXTS);
    return rng.chance(0.5) ? `${first} ${rng.pick(TASK_TEXTS)}` : first;
  }
}

/** Whether a task shows in listings: neither it nor its top-level task waits for delayed publication. */
export function isPublished(t: TaskPlan): boolean {
  return t.rec.publishAt === undefined && t.top.rec.publishAt === undefined;
}

export function generateTasks(ctx: GenContext, projects: ProjectPlan[], tags: Tags): TaskResult {
  const rng = ctx.rng.derive(STREAM.tasks);
  const maker = new TaskMaker(ctx, rng, tags);
  // A project's share of tasks grows with how long it has been worked on, so the account's task creation
  // rate stays about even over its history instead of piling up in young projects.
  const weights = projects.map((p) =>
    p.showcase ? 1.5 : (0.5 + rng.next()) * Math.max(0.05, (p.activeUntil - p.rec.dateAdded) / (365 * DAY)),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  let showcase: TaskPlan[] = [];

  projects.forEach((p, i) => {
    const budget = Math.max(3, Math.round((ctx.profile.tasks * (weights[i] ?? 1)) / total));
    let made = 0;
    if (p.showcase) {
      const first = maker.plans.length;
      SHOWCASE.forEach((shape, k) => {
        const at = shape.delayed ? ctx.nowMin - DAY : p.rec.dateAdded + (k + 1) * DAY;
        made += maker.tree(p, shape, at);
      });
      showcase = maker.plans.slice(first).filter((t) => t.parent === undefined);
    }
    while (made < budget) made += maker.tree(p);
  });

  // Stable sort: a subtask added in the same minute as its parent stays after it.
  const plans = maker.plans.sort((a, b) => a.rec.dateAdded - b.rec.dateAdded);
  const byId = new Map<Id, TaskPlan>();
  for (const plan of plans) {
    plan.rec.id = allocateId(ctx.data);
    byId.set(plan.rec.id, plan);
    plan.rec.projectId = plan.project.rec.id;
    if (plan.parent) plan.rec.parentId = plan.parent.rec.id;
    insertTask(ctx.data, plan.rec);
  }
  generateRelations(ctx, plans, showcase);
  return { plans, byId, showcase };
}

/** Finish-to-start and start-to-start links between nearby tasks; always from an older to a newer task, so
 * the dependency graph has no cycles. */
function generateRelations(ctx: GenContext, plans: TaskPlan[], showcase: TaskPlan[]): void {
  const rng = ctx.rng.derive(STREAM.relations);
  const seen = new Set<string>();
  const link = (from: TaskPlan, to: TaskPlan, type: 'finish-to-start' | 'start-to-start'): void => {
    const key = `${from.rec.id}:${to.rec.id}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    ctx.data.relations.push({ fromTaskId: from.rec.id, toTaskId: to.rec.id, type });
  };
  const [s0, s1, s2] = showcase;
  if (s0 && s1 && s2) {
    link(s0, s1, 'finish-to-start');
    link(s1, s2, 'start-to-start');
  }
  const siblings = new Map<TaskPlan | ProjectPlan, TaskPlan[]>();
  for (const t of plans) {
    const key = t.parent ?? t.project;
    const list = siblings.get(key);
    if (list) list.push(t);
    else siblings.set(key, [t]);
  }
  for (const list of siblings.values()) {
    for (let i = 0; i < list.length - 1; i++) {
      if (!rng.chance(0.05)) continue;
      const to = list[Math.min(list.length - 1, i + rng.int(1, 4))]!;
      link(list[i]!, to, rng.chance(0.8) ? 'finish-to-start' : 'start-to-start');
    }
  }
}
