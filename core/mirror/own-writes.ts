// The writes our own tools made, as Worksection's activity log will report them. Such a write is in the
// mirror already (applyWrite) and the response cache dropped or rewrote what it changed, so when the
// event comes back in a poll it is not news: it neither makes the project's list or the task's discussion
// be read again, nor stops the poll from confirming what is held. Kept in memory only: after a restart an
// event of ours is treated as anyone's (one more read, never a stale answer).
import type { WsEvent } from '../worksection/schemas/projects.js';
import type { WsParams } from '../worksection/transport.js';

/** How an event names a write: the object's kind and id, and what was done to it. */
export interface EventKey {
  type: 'task' | 'comment';
  id: string;
  action: WsEvent['action'];
}

/** An event of ours comes back with the next poll; one unclaimed after this long is forgotten. */
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

export class OwnWrites {
  private readonly pending: Array<EventKey & { at: number }> = [];

  constructor(private readonly now: () => number) {}

  remember(key: EventKey): void {
    this.forgetOld();
    this.pending.push({ ...key, at: this.now() });
    if (this.pending.length > MAX_REMEMBERED) this.pending.shift();
  }

  /** Whether the event is one of ours (each write claims one event). */
  claim(e: WsEvent): boolean {
    this.forgetOld();
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
  }
}
