// Round-robin across callers, FIFO within a caller: one MCP session that queues fifty requests cannot make
// another session's single request wait behind all fifty.

export class FairQueue<T> {
  private readonly byCaller = new Map<string, T[]>();
  /** Callers with queued items, in service order; `cursor` points at the next one to serve. */
  private readonly ring: string[] = [];
  private cursor = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends to the caller's queue. */
  push(caller: string, item: T): void {
    this.queueOf(caller).push(item);
    this.count++;
  }

  /**
   * Puts an item at the head of the caller's queue, and a caller that had left the rotation back in at the
   * cursor, so it is served next: a retry has already waited its turn once.
   */
  unshift(caller: string, item: T): void {
    if (!this.byCaller.has(caller)) {
      this.byCaller.set(caller, []);
      if (this.cursor >= this.ring.length) this.cursor = 0;
      this.ring.splice(this.cursor, 0, caller);
    }
    this.queueOf(caller).unshift(item);
    this.count++;
  }

  /** The next item: the head of the next caller's queue in round-robin order. */
  shift(): T | undefined {
    if (this.ring.length === 0) return undefined;
    if (this.cursor >= this.ring.length) this.cursor = 0;
    const caller = this.ring[this.cursor] as string;
    const queue = this.byCaller.get(caller) as T[];
    const item = queue.shift() as T;
    this.count--;
    if (queue.length === 0) {
      this.dropCaller(caller);
    } else {
      this.cursor = (this.cursor + 1) % this.ring.length;
    }
    return item;
  }

  remove(caller: string, item: T): boolean {
    const queue = this.byCaller.get(caller);
    const i = queue ? queue.indexOf(item) : -1;
    if (!queue || i < 0) return false;
    queue.splice(i, 1);
    this.count--;
    if (queue.length === 0) this.dropCaller(caller);
    return true;
  }

  /** Removes and returns everything (used on close). */
  drain(): T[] {
    const all = [...this.byCaller.values()].flat();
    this.byCaller.clear();
    this.ring.length = 0;
    this.cursor = 0;
    this.count = 0;
    return all;
  }

  private queueOf(caller: string): T[] {
    let queue = this.byCaller.get(caller);
    if (!queue) {
      queue = [];
      this.byCaller.set(caller, queue);
      // A newcomer joins at the end of the current round.
      this.ring.push(caller);
    }
    return queue;
  }

  private dropCaller(caller: string): void {
    this.byCaller.delete(caller);
    const i = this.ring.indexOf(caller);
    this.ring.splice(i, 1);
    // Removing an entry before the cursor shifts the next caller down by one.
    if (i < this.cursor) this.cursor--;
    if (this.cursor >= this.ring.length) this.cursor = 0;
  }
}
