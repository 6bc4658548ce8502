// The low-priority lane against a hand-driven clock: background requests take only the slots the
// foreground leaves, within their share, and the total stays within the rate.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { Scheduler, type AttemptContext, type SchedulerOptions } from './scheduler.js';

function setup(options: Partial<SchedulerOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock, random: () => 0.5, ratePerSecond: 1, marginMs: 15, ...options });
  const starts: Array<{ label: string; at: number }> = [];
  const submit = (
    label: string,
    init: { background?: boolean; key?: string; run?: (ctx: AttemptContext) => Promise<string> } = {},
  ) =>
    scheduler.schedule<string>({
      action: label,
      effect: 'read',
      background: init.background,
      caller: init.background ? 'mirror' : 'session',
      coalesceKey: init.key,
      attempt: (ctx) => {
        starts.push({ label, at: clock.now() });
        return init.run ? init.run(ctx) : Promise.resolve(label);
      },
    });
  return { clock, scheduler, starts, submit };
}

const gaps = (at: number[]) => at.slice(1).map((t, i) => t - (at[i] as number));

describe('Scheduler: background lane', () => {
  it('uses at most its share of the rate when the foreground is idle', async () => {
    const { clock, starts, submit } = setup({ backgroundShare: 0.5 });
    const all = Promise.all(['b1', 'b2', 'b3', 'b4'].map((l) => submit(l, { background: true })));
    await clock.runUntil(() => starts.length === 4);
    await all;
    expect(starts.map((s) => s.at)).toEqual([0, 2000, 4000, 6000]);
  });

  it('lets a queued foreground request go first and pauses while the foreground is busy', async () => {
    const { clock, starts, submit } = setup({ backgroundShare: 1, foregroundQuietMs: 250 });
    let finish: (v: string) => void = () => {};
    const slow = submit('f1', { run: () => new Promise<string>((r) => (finish = r)) });
    const bg = submit('b1', { background: true });
    await clock.advance(5000);
    // f1 is still running: nothing of the background has started.
    expect(starts.map((s) => s.label)).toEqual(['f1']);
    finish('f1');
    await slow;
    const endedAt = clock.now();
    await clock.runUntil(() => starts.length === 2);
    await bg;
    expect(starts[1]).toEqual({ label: 'b1', at: endedAt + 250 });
  });

  it('makes a foreground call wait at most one interval behind a background start', async () => {
    const { clock, starts, submit } = setup({ backgroundShare: 0.5 });
    const bgs = ['b1', 'b2', 'b3'].map((l) => submit(l, { background: true }));
    await clock.advance(10);
    const f = submit('f1');
    await clock.runUntil(() => starts.length === 2);
    await f;
    expect(starts.map((s) => s.label)).toEqual(['b1', 'f1']);
    expect((starts[1]?.at ?? 0) - 10).toBeLessThanOrEqual(1015);
    await clock.runUntil(() => starts.length === 4);
    await Promise.all(bgs);
  });

  it('never starts more than the rate allows, whatever the mix', async () => {
    const { clock, starts, submit } = setup({ backgroundShare: 1, foregroundQuietMs: 0 });
    const jobs: Array<Promise<string>> = [];
    for (let i = 0; i < 12; i++) jobs.push(submit(`b${i}`, { background: true }));
    for (let t = 0; t < 6; t++) {
      await clock.advance(1700);
      jobs.push(submit(`f${t}`));
    }
    await clock.runUntil(() => starts.length === 18);
    await Promise.all(jobs);
    expect(Math.min(...gaps(starts.map((s) => s.at)))).toBeGreaterThanOrEqual(1000);
    expect(starts.filter((s) => s.label.startsWith('f'))).toHaveLength(6);
  });

  it('with a share of 0 leaves everything to the foreground', async () => {
    const { clock, starts, submit, scheduler } = setup({ backgroundShare: 0 });
    void submit('b1', { background: true }).catch(() => {});
    await clock.advance(10_000);
    expect(starts).toEqual([]);
    expect(scheduler.stats().background).toEqual({ queued: 1, started: 0 });
    scheduler.close();
  });

  it('never makes a foreground read join a queued background read of the same key', async () => {
    const { clock, starts, submit } = setup({ backgroundShare: 0.5 });
    const b0 = submit('b0', { background: true });
    const b1 = submit('same', { background: true, key: 'k' });
    await clock.advance(10);
    const f = submit('same', { key: 'k' });
    await clock.runUntil(() => starts.length === 2);
    expect(await f).toBe('same');
    expect(starts.map((s) => s.at)).toEqual([0, 1015]);
    await clock.runUntil(() => starts.length === 3);
    await Promise.all([b0, b1]);
  });
});
