// The activity feed of the last 30 days (get_events reaches back at most 30d) and the account's webhook.
//
// EventRec.new/old hold wire-form values exactly as get_events shows them (string priority, user refs
// {id,email,name} with string ids, '' for a cleared date): an event is a snapshot of the past, so it must not
// be re-rendered from today's records. Events derive from the generated records (a task's post event is at
// its dateAdded, its close event at its dateClosed; an update's `new` equals the task's current values), so
// the feed and the data agree.
import type { CommentRec, EventRec, Id, SandboxData } from '../model.js';
import { ANYONE, MANAGER_NOT_ASSIGNED, NOONE } from '../model.js';
import { allocateId } from '../records.js';
import type { GenContext, UserRefWire } from './context.js';
import { STREAM } from './context.js';
import type { ProjectPlan } from './projects.js';
import type { Rng } from './random.js';
import type { TaskPlan, TaskResult } from './tasks.js';
import { isPublished } from './tasks.js';
import { DAY, between, ymd } from './time.js';

function userRef(data: SandboxData, id: Id, asManager = false): UserRefWire {
  if (asManager && id === MANAGER_NOT_ASSIGNED)
    return { id: '0', email: 'NOONE', name: "Manager isn't assigned" };
  if (id === NOONE) return { id: '1', email: 'NOONE', name: "Executive isn't assigned" };
  if (id === ANYONE) return { id: '2', email: 'ANY', name: 'Anyone' };
  const u = data.users.get(id);
  return { id: String(id), email: u?.email ?? '', name: u ? `${u.firstName} ${u.lastName}` : '' };
}

function taskPage(t: TaskPlan): string {
  const p = t.rec.projectId;
  return t.parent ? `/project/${p}/${t.top.rec.id}/${t.rec.id}/` : `/project/${p}/${t.rec.id}/`;
}

class Feed {
  readonly events: EventRec[] = [];
  constructor(
    private readonly data: SandboxData,
    readonly from: number,
  ) {}

  add(e: EventRec): void {
    if (e.dateAdded >= this.from) this.events.push(e);
  }

  /** A task update whose `new` side is the task's current state. */
  taskUpdate(rng: Rng, t: TaskPlan, at: number): EventRec {
    const { rec } = t;
    const fresh: Record<string, unknown> = {};
    const old: Record<string, unknown> = {};
    const fields = rng.sample(['priority', 'user_to', 'date_end'] as const, rng.int(1, 3));
    for (const f of fields) {
      if (f === 'priority') {
        fresh.priority = String(rec.priority);
        old.priority = String((rec.priority + rng.int(1, 10)) % 11);
      } else if (f === 'user_to') {
        fresh.user_to = userRef(this.data, rec.userToId);
        const before = rng.chance(0.4) ? ANYONE : rng.pick(t.project.crew).id;
        old.user_to = userRef(this.data, before === rec.userToId ? NOONE : before);
      } else {
        fresh.date_end = rec.dateEnd ?? '';
        old.date_end = rng.chance(0.5) || rec.dateEnd === undefined ? '' : ymd(at - rng.int(1, 10) * DAY);
      }
    }
    const by = rng.pick(t.project.crew).id;
    return {
      action: 'update',
      objectType: 'task',
      objectId: rec.id,
      page: taskPage(t),
      dateAdded: at,
      userFromId: by,
      new: fresh,
      old,
    };
  }
}

function projectEvents(ctx: GenContext, rng: Rng, feed: Feed, projects: ProjectPlan[]): void {
  const { data, nowMin } = ctx;
  for (const p of projects) {
    const { rec } = p;
    const page = `/project/${rec.id}/`;
    feed.add({
      action: 'post',
      objectType: 'project',
      objectId: rec.id,
      page,
      dateAdded: rec.dateAdded,
      userFromId: rec.userFromId,
      new: { title: rec.name, user_to: userRef(data, rec.userToId, true) },
    });
    if (rec.status === 'archive') {
      const by = rec.userToId === MANAGER_NOT_ASSIGNED ? rec.userFromId : rec.userToId;
      feed.add({
        action: 'close',
        objectType: 'project',
        objectId: rec.id,
        page,
        dateAdded: p.activeUntil,
        userFromId: by,
      });
    } else if (rec.dateEnd !== undefined && (p.showcase || rng.chance(0.3))) {
      const at = between(rng, Math.max(feed.from, rec.dateAdded), nowMin);
      feed.add({
        action: 'update',
        objectType: 'project',
        objectId: rec.id,
        page,
        dateAdded: at,
        userFromId: rec.userFromId,
        new: { date_end: rec.dateEnd },
        old: { date_end: rng.chance(0.5) ? '' : ymd(at - rng.int(7, 30) * DAY) },
      });
    }
  }
}

function taskEvents(ctx: GenContext, rng: Rng, feed: Feed, tasks: TaskResult): void {
  const { data, nowMin, small } = ctx;
  const [s0, s1] = tasks.showcase;
  for (const t of tasks.plans) {
    if (!isPublished(t)) continue;
    const { rec } = t;
    const page = taskPage(t);
    const base = { objectType: 'task' as const, objectId: rec.id, page };
    feed.add({
      action: 'post',
      ...base,
      dateAdded: rec.dateAdded,
      userFromId: rec.userFromId,
      new: { title: rec.name, user_to: userRef(data, rec.userToId) },
    });
    const closer = rec.userToId === NOONE || rec.userToId === ANYONE ? rec.userFromId : rec.userToId;
    if (rec.dateClosed !== undefined) {
      feed.add({ action: 'close', ...base, dateAdded: rec.dateClosed, userFromId: closer });
      continue;
    }
    const from = Math.max(feed.from, rec.dateAdded);
    if (t === s0 || rng.chance(small ? 0.3 : 0.05))
      feed.add(feed.taskUpdate(rng, t, between(rng, from, nowMin)));
    // Closed by mistake and reopened: the task is open now, so the pair ends with the reopen.
    if (t === s1 || rng.chance(small ? 0.04 : 0.01)) {
      const closed = between(rng, from, nowMin);
      feed.add({ action: 'close', ...base, dateAdded: closed, userFromId: closer });
      feed.add({
        action: 'reopen',
        ...base,
        dateAdded: between(rng, closed, nowMin),
        userFromId: rec.userFromId,
      });
    }
  }
}

function commentEvents(feed: Feed, tasks: TaskResult, comments: CommentRec[]): void {
  const pages = new Map<Id, string>();
  for (const c of comments) {
    if (c.dateAdded < feed.from) continue;
    let page = pages.get(c.taskId);
    if (page === undefined) {
      const t = tasks.byId.get(c.taskId);
      page = t ? taskPage(t) : '';
      pages.set(c.taskId, page);
    }
    // As in Worksection's example, a comment event's page is its task's page.
    feed.add({
      action: 'post',
      objectType: 'comment',
      objectId: c.id,
      page,
      dateAdded: c.dateAdded,
      userFromId: c.userFromId,
      new: { text: c.text },
    });
  }
}

export function generateEvents(
  ctx: GenContext,
  projects: ProjectPlan[],
  tasks: TaskResult,
  comments: CommentRec[],
): void {
  const rng = ctx.rng.derive(STREAM.events);
  const feed = new Feed(ctx.data, ctx.nowMin - 30 * DAY + DAY / 2);
  projectEvents(ctx, rng, feed, projects);
  taskEvents(ctx, rng, feed, tasks);
  commentEvents(feed, tasks, comments);
  // Stored in time order, oldest first.
  ctx.data.events = feed.events.sort((a, b) => a.dateAdded - b.dateAdded);
}

/** The small account always has one webhook (tests need one to list and delete); the large one may. */
export function generateWebhook(ctx: GenContext, projects: ProjectPlan[]): void {
  const rng = ctx.rng.derive(STREAM.webhooks);
  if (!ctx.small && rng.chance(0.5)) return;
  const id = allocateId(ctx.data);
  const fixture = projects.find((p) => p.showcase);
  ctx.data.webhooks.set(id, {
    id,
    url: `https://hooks.${ctx.domain}/worksection`,
    events: 'post_task,post_comment,close_task',
    status: 'active',
    projects: fixture && rng.chance(0.5) ? String(fixture.rec.id) : '',
  });
}
