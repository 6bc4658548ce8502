import { describe, expect, it } from 'vitest';
import type { Id, SandboxData } from '../model.js';
import { census, digestData } from './digest.js';
import { generateAccount } from './index.js';
import { checkInvariants } from './invariants.js';
import { DAY } from './time.js';

const NOW = Date.UTC(2025, 5, 18, 14, 37, 12); // a Wednesday afternoon

/** Checks that only hold for freshly generated data: times relative to `now`, ids in time order. */
function checkGenerated(data: SandboxData, now: number): string[] {
  const problems: string[] = [];
  const bad = (m: string): void => void (problems.length < 50 && problems.push(m));
  const inTimeOrder = (name: string, recs: Iterable<{ id: Id; dateAdded: number }>): void => {
    let prev = { id: 0, dateAdded: -Infinity };
    for (const r of recs) {
      if (r.id <= prev.id || r.dateAdded < prev.dateAdded) bad(`${name} ${r.id}: id and time disagree`);
      if (r.dateAdded > now || r.dateAdded % 60_000 !== 0) bad(`${name} ${r.id}: dateAdded ${r.dateAdded}`);
      prev = r;
    }
  };
  inTimeOrder('project', data.projects.values());
  inTimeOrder('task', data.tasks.values());
  inTimeOrder('comment', data.comments.values());
  inTimeOrder('cost', data.costs.values());
  inTimeOrder('file', data.files.values());
  for (const t of data.tasks.values()) {
    const p = data.projects.get(t.projectId)!;
    const parent = t.parentId === undefined ? undefined : data.tasks.get(t.parentId);
    if (t.dateAdded < (parent ?? p).dateAdded) bad(`task ${t.id} added before its parent`);
    if (t.dateClosed !== undefined && (t.dateClosed < t.dateAdded || t.dateClosed > now))
      bad(`task ${t.id}: closed`);
    if (parent?.dateClosed !== undefined && t.dateClosed! > parent.dateClosed)
      bad(`task ${t.id} closed after parent`);
    if (t.publishAt !== undefined && (t.publishAt <= now || t.status !== 'active'))
      bad(`task ${t.id}: publishAt`);
    if (p.status === 'archive' && t.status !== 'done') bad(`task ${t.id}: open in an archived project`);
  }
  for (const c of data.comments.values()) {
    if (c.dateAdded < data.tasks.get(c.taskId)!.dateAdded) bad(`comment ${c.id} before its task`);
  }
  for (const t of data.timers.values()) {
    if (t.startedAt > now || t.startedAt < now - DAY) bad(`timer ${t.id}: startedAt`);
    if (data.tasks.get(t.taskId)?.status !== 'active') bad(`timer ${t.id} on a closed task`);
  }
  let prev = -Infinity;
  for (const e of data.events) {
    if (e.dateAdded < now - 30 * DAY || e.dateAdded > now) bad(`event at ${e.dateAdded} is outside 30 days`);
    if (e.dateAdded < prev) bad('events are not in time order');
    prev = e.dateAdded;
  }
  return problems;
}

describe('generateAccount(small)', () => {
  const data = generateAccount({ seed: 1, size: 'small', now: NOW });

  it('is identical for the same seed, size and clock', () => {
    expect(digestData(generateAccount({ seed: 1, size: 'small', now: NOW }))).toBe(digestData(data));
  });

  it('differs for another seed, size or clock', () => {
    const digest = digestData(data);
    expect(digestData(generateAccount({ seed: 2, size: 'small', now: NOW }))).not.toBe(digest);
    expect(digestData(generateAccount({ seed: 1, size: 'small', now: NOW + DAY }))).not.toBe(digest);
    const other = generateAccount({ seed: 2, size: 'small', now: NOW });
    expect([...other.tasks.values()].map((t) => t.name)).not.toEqual(
      [...data.tasks.values()].map((t) => t.name),
    );
  });

  it.each([1, 2, 3, 42, 2024])('seed %i keeps every invariant', (seed) => {
    const d = seed === 1 ? data : generateAccount({ seed, size: 'small', now: NOW });
    expect(checkInvariants(d)).toEqual([]);
    expect(checkGenerated(d, NOW)).toEqual([]);
  });

  it('has the promised size', () => {
    const c = census(data);
    expect(c.users).toBe(10);
    expect(c.projects).toBe(5);
    expect(c.tasks).toBeGreaterThanOrEqual(280);
    expect(c.tasks).toBeLessThanOrEqual(340);
  });

  it('uses the given account URL and the clock by default', () => {
    const d = generateAccount({ seed: 5, size: 'small', accountUrl: 'https://acme.worksection.com/' });
    expect(d.accountUrl).toBe('https://acme.worksection.com');
    expect([...d.users.values()].every((u) => u.avatar.startsWith('https://acme.worksection.com/'))).toBe(
      true,
    );
    expect(checkGenerated(d, Date.now())).toEqual([]);
  });
});

describe('generateAccount(large)', () => {
  it('builds a busy account that keeps every invariant', () => {
    const data = generateAccount({ seed: 7, size: 'large', now: NOW });
    const c = census(data);
    expect(c.projects).toBe(200);
    expect(c.tasks).toBeGreaterThan(95_000);
    expect(c.tasks).toBeLessThan(110_000);
    expect(c.comments).toBeGreaterThan(250_000);
    expect(c.comments).toBeLessThan(350_000);
    expect(c.files).toBeGreaterThan(1000);
    expect(c.files).toBeLessThan(5000);
    expect(c.users).toBeGreaterThan(100);
    expect(checkInvariants(data)).toEqual([]);
    expect(checkGenerated(data, NOW)).toEqual([]);
  });
});

describe('checkInvariants', () => {
  it('reports deep nesting', () => {
    const data = generateAccount({ seed: 3, size: 'small', now: NOW });
    const tasks = [...data.tasks.values()];
    const subSub = tasks.find(
      (t) => t.parentId !== undefined && data.tasks.get(t.parentId)?.parentId !== undefined,
    )!;
    // Move a top-level task under a sub-subtask, indexes included: three levels below the top.
    const moved = tasks.find((t) => t.parentId === undefined && t.projectId === subSub.projectId)!;
    const top = data.index.tasksByProject.get(moved.projectId)!;
    top.splice(top.indexOf(moved.id), 1);
    moved.parentId = subSub.id;
    data.index.childrenByTask.set(subSub.id, [moved.id]);
    expect(checkInvariants(data).join('\n')).toMatch(/deeper than two levels/);
  });

  it('reports stale indexes, dangling references, foreign tags and duplicate emails', () => {
    const data = generateAccount({ seed: 3, size: 'small', now: NOW });
    const comment = data.comments.values().next().value!;
    data.index.commentsByTask.get(comment.taskId)!.pop();
    const [u1, u2] = [...data.users.values()];
    u2!.email = u1!.email;
    data.costs.values().next().value!.taskId = 999_999_999;
    data.tasks.values().next().value!.tagIds.push(424242);
    const problems = checkInvariants(data).join('\n');
    expect(problems).toMatch(/commentsByTask/);
    expect(problems).toMatch(/email .* is not unique/);
    expect(problems).toMatch(/task 999999999 missing/);
    expect(problems).toMatch(/tag 424242 is no task tag/);
  });
});
