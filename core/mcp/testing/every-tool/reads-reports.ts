// Reads of the every-tool table over time, timers, tags, analytics and webhooks: the sums and counts are
// recomputed from the sandbox's costs, tasks and timers over the showcase project's date range.
import { expect } from 'vitest';
import { ANYONE, NOONE } from '../../../sandbox/model.js';
import {
  costsIn,
  entry,
  isoToday,
  minutesOf,
  sortedIds,
  str,
  taskLabelGroup,
  tasksOf,
  type Entry,
  type Page,
  type Person,
  type Row,
  type Totals,
  type World,
} from './support.js';

const range = (w: World) => ({ date_from: w.fx.range.from, date_to: w.fx.range.to });

export const REPORT_READS: Entry[] = [
  entry<Page<Row & { minutes: number; task: { id: string } }> & { totals: Totals }>('list_time_entries', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w), limit: 200 }),
    check: (o, w) => {
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      expect(costs.length).toBeGreaterThan(1);
      expect(o.total_count).toBe(costs.length);
      expect(sortedIds(o.items)).toEqual(sortedIds(costs));
      expect(o.totals).toEqual(expect.objectContaining({ entries: costs.length, minutes: minutesOf(costs) }));
      expect(o.totals.money).toBe(costs.reduce((n, c) => n + c.moneyCents, 0) / 100);
    },
  }),
  entry<Page<{ id?: string; user: Person | null; task: { id: string } }> & { scope: string }>('list_timers', {
    args: () => ({}),
    check: (o, w) => {
      const timers = [...w.data.timers.values()];
      expect(timers.length).toBeGreaterThan(0);
      if (w.mode === 'admin') {
        expect(o.scope).toBe('all');
        expect(o.items.map((t) => t.id).sort()).toEqual(sortedIds(timers));
        for (const t of timers) {
          const item = o.items.find((i) => i.id === str(t.id));
          expect(item?.task.id).toBe(str(t.taskId));
          expect(item?.user?.id).toBe(str(t.userId));
        }
      } else {
        // A person sees only their own timer; the owner has none in the generated account.
        expect(o.scope).toBe('mine');
        expect(o.items.length).toBe(timers.filter((t) => t.userId === w.fx.owner.id).length);
      }
    },
  }),
  entry<Page<Row & { type: string; tags: Row[] }>>('list_tags', {
    args: (w) => ({ scope: 'task', group: taskLabelGroup(w).title }),
    check: (o, w) => {
      const group = taskLabelGroup(w);
      expect(sortedIds(o.items)).toEqual([str(group.id)]);
      const tags = [...w.data.tags.values()].filter((t) => t.groupId === group.id);
      expect(sortedIds(o.items[0]?.tags ?? [])).toEqual(sortedIds(tags));
      expect(o.items[0]?.type).toBe(group.type || 'none');
    },
  }),
  entry<{ tasks: Record<string, number>; time: Totals }>('project_stats', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w) }),
    check: (o, w) => {
      const all = tasksOf(w, w.fx.project.id);
      const open = all.filter((t) => t.status === 'active');
      const today = isoToday(w);
      expect(o.tasks).toMatchObject({
        total: all.length,
        open: open.length,
        done: all.length - open.length,
        overdue: open.filter((t) => t.dateEnd !== undefined && t.dateEnd < today).length,
        unassigned_open: open.filter((t) => t.userToId === NOONE || t.userToId === ANYONE).length,
      });
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      expect(o.time).toMatchObject({ entries: costs.length, minutes: minutesOf(costs) });
    },
  }),
  entry<
    Page<{ user: Person; open_tasks: number; logged: { minutes: number } }> & {
      unassigned_open: number;
      open_for_anyone: number;
    }
  >('team_workload', {
    args: (w) => ({ project_id: str(w.fx.project.id), ...range(w), include_idle: true, limit: 200 }),
    check: (o, w) => {
      const open = tasksOf(w, w.fx.project.id).filter((t) => t.status === 'active');
      expect(o.unassigned_open).toBe(open.filter((t) => t.userToId === NOONE).length);
      expect(o.open_for_anyone).toBe(open.filter((t) => t.userToId === ANYONE).length);
      expect(o.total_count).toBe(w.data.users.size);
      const costs = costsIn(w.data, w.fx.project.id, w.fx.range);
      for (const row of o.items) {
        const id = Number(row.user.id);
        expect(row.open_tasks, row.user.email).toBe(open.filter((t) => t.userToId === id).length);
        expect(row.logged.minutes, row.user.email).toBe(minutesOf(costs.filter((c) => c.userFromId === id)));
      }
    },
  }),
  entry<Page<{ id: string; url: string; events: string[] }>>('list_webhooks', {
    args: () => ({}),
    check: (o, w) => {
      const hooks = [...w.data.webhooks.values()];
      expect(sortedIds(o.items)).toEqual(sortedIds(hooks));
      for (const hk of hooks)
        expect(o.items.find((i) => i.id === str(hk.id))?.events).toEqual(hk.events.split(','));
    },
  }),
];
