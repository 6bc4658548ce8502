import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_NAMES } from '../worksection/actions.js';
import { cacheKeyOf, invalidatedBy, isWrite, kindOf, RULED_WRITES, writeThrough } from './cache-policy.js';

describe('cache policy', () => {
  it('gives every read but download a kind and every write an invalidation rule', () => {
    for (const action of ACTION_NAMES) {
      const spec = ACTIONS[action];
      if (spec.effect === 'write') {
        expect(RULED_WRITES, `${action} has no invalidation rule`).toContain(action);
        expect(isWrite(action)).toBe(true);
      } else if (action !== 'download') {
        expect(kindOf(action), `${action} has no kind`).toBeDefined();
      }
    }
    expect(kindOf('download')).toBeUndefined();
  });

  it('keys a read the same whatever the order of its params or of its extra parts', () => {
    const a = cacheKeyOf('get_task', { id_task: 5, extra: 'text, files' });
    const b = cacheKeyOf('get_task', { extra: 'files,text', id_task: '5' });
    expect(a.key).toBe(b.key);
    expect(a.params).toEqual({ extra: 'files,text', id_task: '5' });
    expect(cacheKeyOf('get_task', { id_task: 6 }).key).not.toBe(a.key);
    // Lists keep their order (it may matter to Worksection); unset params are left out.
    expect(cacheKeyOf('get_costs', { 'ids[]': ['2', '1'], id_task: undefined }).params).toEqual({
      'ids[]': ['2', '1'],
    });
  });

  it('drops what a write changes, and the activity log with every write', () => {
    expect(invalidatedBy('post_task', { id_project: 7, title: 'x' })).toEqual([
      { actions: ['get_tasks'], param: ['id_project', '7'] },
      { actions: ['get_all_tasks', 'search_tasks'] },
      { actions: ['get_events'] },
    ]);
    // A subtask also changes its parent (and whatever shows the parent's subtasks).
    expect(invalidatedBy('post_task', { id_project: 7, id_parent: 40, title: 'x' })).toContainEqual({
      actions: ['get_task'],
      bodyHas: '"id":"40"',
    });
    // A changed task: the lists it may now match, and what shows it; other projects' full lists stay.
    expect(invalidatedBy('update_task', { id_task: 12 })).toEqual([
      { actions: ['get_all_tasks', 'search_tasks'] },
      { actions: ['get_tasks'], param: ['filter', 'active'] },
      { actions: ['get_tasks', 'get_task', 'get_costs', 'get_timers', 'get_my_timer'], bodyHas: '"id":"12"' },
      { actions: ['get_events'] },
    ]);
    // A successful comment is written through to the discussion and the tasks showing their newest
    // comments; a failed one may have been applied, so those are dropped.
    const comment = (failed: boolean) => invalidatedBy('post_comment', { id_task: 3, text: 'hi' }, failed);
    const discussion = { actions: ['get_comments'], param: ['id_task', '3'] };
    const tasks = {
      actions: ['get_task', 'get_tasks', 'get_all_tasks'],
      bodyHas: '"id":"3"',
      extraHas: 'comments',
    };
    expect(comment(false)).not.toContainEqual(discussion);
    expect(comment(false)).not.toContainEqual(tasks);
    expect(comment(false)).toContainEqual({ actions: ['get_files'], param: ['id_task', '3'] });
    expect(comment(true)).toContainEqual(discussion);
    expect(comment(true)).toContainEqual(tasks);
    // A write the catalogue does not know makes everything stale.
    const unknown = invalidatedBy('post_unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.actions).toContain('get_tasks');
    expect(unknown[0]?.actions).toContain('get_users');
  });

  it('writes a posted comment in front of the held discussions, files only where they were asked', () => {
    const comment = { id: '9', text: 'new', files: [{ id: '1' }] };
    const through = writeThrough(
      'post_comment',
      { id_task: '3', text: 'new' },
      { status: 'ok', data: comment },
    );
    const discussion = through?.find((t) => t.selector.actions.includes('get_comments'));
    expect(discussion?.selector).toEqual({ actions: ['get_comments'], param: ['id_task', '3'] });
    const cached = { status: 'ok', data: [{ id: '8', text: 'old' }] };
    const apply = (params: Record<string, string>) =>
      discussion?.apply(cached, { action: 'get_comments', params });
    expect(apply({ id_task: '3', extra: 'files' })).toEqual({
      status: 'ok',
      data: [comment, { id: '8', text: 'old' }],
    });
    expect(apply({ id_task: '3' })).toEqual({
      status: 'ok',
      data: [
        { id: '9', text: 'new' },
        { id: '8', text: 'old' },
      ],
    });
    // The task answers showing comments are written through too (comment-write-through.test.ts).
    expect(through?.map((t) => t.selector)).toContainEqual({
      actions: ['get_task', 'get_tasks', 'get_all_tasks'],
      bodyHas: '"id":"3"',
      extraHas: 'comments',
    });
    expect(writeThrough('post_task', { id_project: '1' }, { status: 'ok', data: {} })).toEqual([]);
    // An answer without the comment cannot be written through: what it would change is dropped.
    expect(writeThrough('post_comment', { id_task: '3' }, { status: 'ok' })).toBeUndefined();
  });
});
