// Time writes of the every-tool table, on the task TASK_WRITES made: a time entry logged and edited, a
// timer started and stopped; the entry is deleted after the task is completed.
import { expect } from 'vitest';
import { entry, record, str, type Entry, type Page, type Person, type Row, type World } from './support.js';

export const TIME_WRITES: Entry[] = [
  // With the admin key time can be logged for someone else; a personal sign-in logs it as "me".
  entry<{ id: string; minutes: number; user: Person }>('log_time', {
    args: (w) => ({
      task_id: w.made.taskId,
      time: '1:30',
      date: w.fx.range.to,
      comment: 'Drafting',
      money: 12.5,
      ...(w.mode === 'admin' ? { user: w.fx.member.email } : {}),
    }),
    check: async (o, w) => {
      w.made.entryId = o.id;
      const who = w.mode === 'admin' ? w.fx.member : w.fx.owner;
      expect(record(w.data.costs, o.id, 'log_time')).toMatchObject({
        taskId: Number(w.made.taskId),
        userFromId: who.id,
        minutes: 90,
        moneyCents: 1250,
        date: w.fx.range.to,
        comment: 'Drafting',
        isTimer: false,
      });
      expect(o).toMatchObject({ minutes: 90, user: { email: who.email } });
      const listed = await w.read<Page<Row>>('list_time_entries', { task_id: w.made.taskId });
      expect(listed.items.map((x) => x.id)).toEqual([o.id]);
    },
  }),
  entry<{ id: string; changed: string[] }>('update_time_entry', {
    args: (w) => ({ entry_id: w.made.entryId, time: '2h', comment: 'Drafting and review' }),
    check: async (o, w) => {
      expect(record(w.data.costs, w.made.entryId, 'log_time')).toMatchObject({
        minutes: 120,
        comment: 'Drafting and review',
        moneyCents: 1250,
      });
      expect(o.changed.sort()).toEqual(['comment', 'time']);
      const listed = await w.read<Page<Row & { minutes: number }>>('list_time_entries', {
        task_id: w.made.taskId,
      });
      expect(listed.items[0]).toMatchObject({
        id: w.made.entryId,
        minutes: 120,
        comment: 'Drafting and review',
      });
    },
  }),
  // A timer belongs to a person: the admin key cannot start one (timers.test checks that refusal).
  entry<{ started: boolean; task_id: string }>('start_timer', {
    modes: ['oauth'],
    args: (w) => ({ task_id: w.made.taskId }),
    check: async (o, w) => {
      const mine = [...w.data.timers.values()].filter((t) => t.userId === w.fx.owner.id);
      expect(mine.map((t) => t.taskId)).toEqual([Number(w.made.taskId)]);
      const listed = await w.read<Page<{ task: { id: string } }>>('list_timers', {});
      expect(listed.items.map((t) => t.task.id)).toEqual([w.made.taskId]);
    },
  }),
  // oauth stops the own timer just started; the admin key stops someone's generated timer by id.
  entry<{ stopped: { id?: string; user: Person | null; task: { id: string } } }>('stop_timer', {
    // The test's own timer ran under a minute: the sanity check asks to confirm stopping it.
    args: (w) =>
      w.mode === 'oauth'
        ? { comment: 'Timed review', confirm: true }
        : { timer_id: str(firstTimer(w).id), confirm: true },
    check: async (o, w) => {
      const costs = () => [...w.data.costs.values()].filter((c) => c.isTimer);
      if (w.mode === 'oauth') {
        expect([...w.data.timers.values()].filter((t) => t.userId === w.fx.owner.id)).toEqual([]);
        expect(o.stopped).toMatchObject({ task: { id: w.made.taskId }, user: { email: w.fx.owner.email } });
        const logged = costs().filter((c) => c.comment === 'Timed review');
        expect(logged.map((c) => [c.taskId, c.userFromId])).toEqual([[Number(w.made.taskId), w.fx.owner.id]]);
      } else {
        expect(w.data.timers.has(Number(o.stopped.id))).toBe(false);
        const stoppedTask = o.stopped.task.id;
        expect(
          costs().some((c) => str(c.taskId) === stoppedTask && str(c.userFromId) === o.stopped.user?.id),
        ).toBe(true);
      }
      const listed = await w.read<Page<{ id?: string }>>('list_timers', {});
      expect(listed.total_count).toBe(w.mode === 'oauth' ? 0 : w.data.timers.size);
    },
  }),
];

export const DELETE_TIME_ENTRY: Entry = entry<{ id: string; deleted: boolean }>('delete_time_entry', {
  // Destructive: the default write policy asks for confirm.
  args: (w) => ({ entry_id: w.made.entryId, confirm: true }),
  check: async (o, w) => {
    expect(o).toMatchObject({ id: w.made.entryId, deleted: true, change: { state: 'applied' } });
    expect(w.data.costs.has(Number(w.made.entryId))).toBe(false);
    const listed = await w.read<Page<Row>>('list_time_entries', { task_id: w.made.taskId });
    expect(listed.items.map((x) => x.id)).not.toContain(w.made.entryId);
  },
});

function firstTimer(w: World) {
  const timer = [...w.data.timers.values()][0];
  if (!timer) throw new Error('the sandbox has no running timer');
  return timer;
}
