// The write half of the every-tool table, in the order it runs: each write uses what the ones before it
// made (a project, a tag group, a task, a time entry), and get_activity reads the project's log after them.
import { expect } from 'vitest';
import { need, entry, taskRec, titles, type Entry, type Page } from './support.js';
import { ARCHIVE_PROJECT, PROJECT_WRITES } from './writes-projects.js';
import { COMPLETE_TASK, TASK_WRITES } from './writes-tasks.js';
import { DELETE_TIME_ENTRY, TIME_WRITES } from './writes-time.js';

// After the writes, so the project's log holds what this test did to it.
export const ACTIVITY: Entry = entry<
  Page<{ action: string; object_type: string; object_id: string; task_id?: string; name?: string }> & {
    counts: { by_action: Record<string, number> };
  }
>('get_activity', {
  args: (w) => ({ period: '1h', project_id: w.made.projectId, limit: 200 }),
  check: (o, w) => {
    const prefix = `/project/${need(w.made.projectId, 'create_project')}/`;
    const since = w.now() - 3_600_000;
    const events = w.data.events.filter((e) => e.page.startsWith(prefix) && e.dateAdded >= since);
    expect(o.total_count).toBe(events.length);
    const byAction: Record<string, number> = {};
    for (const e of events) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
    expect(o.counts.by_action).toEqual(byAction);
    const ofTask = (action: string) =>
      o.items.some((e) => e.action === action && e.object_type === 'task' && e.object_id === w.made.taskId);
    expect(['post', 'update', 'close'].map(ofTask)).toEqual([true, true, true]);
    expect(o.items.some((e) => e.object_type === 'comment' && e.task_id === w.made.taskId)).toBe(true);
    // Names come from the current records: the task was renamed and completed since it was posted.
    const aboutTask = o.items.filter(
      (x) => (x.object_type === 'task' ? x.object_id : x.task_id) === w.made.taskId,
    );
    for (const e of aboutTask) expect(e.name).toBe(taskRec(w).name);
  },
});

type ChangeOut = { id: number; tool: string; state: string; object?: { id: string } };

const LIST_CHANGES: Entry = entry<{ changes: ChangeOut[] }>('list_changes', {
  args: () => ({ limit: 100 }),
  check: (o, w) => {
    const tags = o.changes.find((c) => c.tool === 'set_tags' && c.object?.id === w.made.taskId);
    expect(tags).toMatchObject({ state: 'applied' });
    expect(o.changes.map((c) => c.id)).toEqual([...o.changes.map((c) => c.id)].sort((a, b) => b - a));
    w.made.changeId = tags && String(tags.id);
  },
});

// Puts set_tags' change back: the task has its first tags again.
const UNDO_CHANGE: Entry = entry<{ undone: number }>('undo_change', {
  args: (w) => ({ change_id: need(w.made.changeId, 'list_changes') }),
  check: (o, w) => {
    expect(String(o.undone)).toBe(w.made.changeId);
    const names = titles(w, taskRec(w).tagIds);
    expect(names).toContain('et-alpha');
    expect(names).not.toContain('et-beta');
  },
});

export const WRITES: Entry[] = [
  ...PROJECT_WRITES,
  ...TASK_WRITES,
  ...TIME_WRITES,
  COMPLETE_TASK,
  DELETE_TIME_ENTRY,
  LIST_CHANGES,
  UNDO_CHANGE,
  ACTIVITY,
  ARCHIVE_PROJECT,
];
