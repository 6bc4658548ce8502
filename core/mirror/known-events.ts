// The events a poll brings that are not news. Polls ask from a little before the previous one (so nothing
// stamped as a poll ran is lost), so most events come twice or three times; and our own tools' writes come
// back as events although they are in the mirror already (applyWrite) and the response cache dropped or
// rewrote what they changed. Neither makes a list or a discussion be read again; our own are not changes
// for the cache either (someone else's re-reported event still is: an answer fetched before it may be old).
// Kept in memory only: after a restart an event is news once more (one more read, never a stale answer).
import type { WsEvent } from '../worksection/schemas/projects.js';
import type { WsParams } from '../worksection/transport.js';

/** How an event names a write: the object's kind and id, and what was done to it. */
export interface EventKey {
  type: 'task' | 'comment';
  id: string;
  action: WsEvent['action'];
}

/** Polls re-read a few minutes at most; an event of ours unclaimed after this long is forgotten. */
const REMEMBER_MS = 30 * 60_000;
/** A bound on what is remembered (a bulk of many writes between two polls). */
const MAX_REMEMBERED = 2_000;

const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** The event a successful write of ours will show in the activity log, when it shows one we follow. */
export function eventOfWrite(
  action: string,
  params: WsParams | undefined,
  answer: unknown,
): EventKey | undefined {
  const data = (answer as { data?: { id?: unknown } } | undefined)?.data;
  switch (action) {
    case 'post_task': {
      const id = idOf(data?.id);
      return id === undefined ? undefined : { type: 'task', id, action: 'post' };
    }
    case 'post_comment': {
      const id = idOf(data?.id);
      return id === undefined ? undefined : { type: 'comment', id, action: 'post' };
    }
    case 'update_task':
    case 'complete_task':
    case 'reopen_task': {
      const id = idOf(params?.id_task);
      const done = action === 'update_task' ? 'update' : action === 'complete_task' ? 'close' : 'reopen';
      return id === undefined ? undefined : { type: 'task', id, action: done };
    }
    default:
      return undefined;
  }
}

/** One event of a poll: whether an earlier poll brought it already, and whether our own write caused it. */
export interface SortedEvent {
  event: WsEvent;
  news: boolean;
  ours: boolean;
  /** When the poll that first brought it answered: what was fetched later shows it. */
  shownFrom: number;
}

// The same object, action, minute and person: one event as far as its stamp tells. Two such events are
// told apart by how many of them a poll brings.
const identity = (e: WsEvent) =>
  `${e.object.type}:${e.object.id}:${e.action}:${e.date_added}:${e.user_from.id}`;

export class KnownEvents {
  private readonly pending: Array<EventKey & { at: number }> = [];
  /** Per identity: each instance a poll brought, in order (whether ours, when first brought); when first seen. */
  private readonly seen = new Map<
    string,
    { instances: Array<{ ours: boolean; shownFrom: number }>; at: number }
  >();

  constructor(private readonly now: () => number) {}

  /** A successful write of ours: the event it will cause. */
  remember(key: EventKey): void {
    this.forgetOld();
    this.pending.push({ ...key, at: this.now() });
    if (this.pending.length > MAX_REMEMBERED) this.pending.shift();
  }

  /** Sorts a poll's events (answered at `answeredAt`) into news and what earlier polls or our writes told. */
  sort(events: readonly WsEvent[], answeredAt: number): SortedEvent[] {
    this.forgetOld();
    const inPoll = new Map<string, number>();
    return events.map((event) => {
      const id = identity(event);
      const nth = (inPoll.get(id) ?? 0) + 1;
      inPoll.set(id, nth);
      const known = this.seen.get(id) ?? { instances: [], at: this.now() };
      this.seen.set(id, known);
      const before = known.instances[nth - 1];
      if (before) return { event, news: false, ...before };
      const ours = this.claim(event);
      known.instances.push({ ours, shownFrom: answeredAt });
      return { event, news: true, ours, shownFrom: answeredAt };
    });
  }

  /** Whether the event is one of ours (each write claims one event). */
  private claim(e: WsEvent): boolean {
    const i = this.pending.findIndex(
      (w) => w.type === e.object.type && w.id === e.object.id && w.action === e.action,
    );
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  private forgetOld(): void {
    const cut = this.now() - REMEMBER_MS;
    while (this.pending.length > 0 && (this.pending[0]?.at ?? 0) < cut) this.pending.shift();
    for (const [id, known] of this.seen) if (known.at < cut) this.seen.delete(id);
  }
}
