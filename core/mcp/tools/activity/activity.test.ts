import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRec, SandboxData } from '../../../sandbox/model.js';
import type { AnyTool } from '../kit/define-tool.js';
import { idsOfPage } from '../shapes/event.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { activityTools } from './index.js';
import { periodWindow, shownIn, sinceWindow } from './period.js';
import { testNow } from '../../../worksection/testing/test-clock.js';
import { minuteStarts } from '../../../worksection/wall-clock.js';

const tool = activityTools[0] as AnyTool;
const run = async <T>(args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool.handle(tool.input.parse(args), ctx)) as T;

interface Ev {
  date: string;
  action: string;
  object_type: string;
  object_id: string;
  name?: string;
  project_id: string | null;
  task_id?: string;
  user: { id: string; name: string; email?: string } | null;
  changes?: Record<string, { old?: string; new?: string }>;
}
interface Feed {
  items: Ev[];
  projects: Record<string, string>;
  period: string;
  total_count: number;
  counts: { by_action: Record<string, number>; by_object_type: Record<string, number> };
}

const DAY = 86_400_000;
// A frozen clock shared by the sandbox and the tools: "the last 2 days" means the same to both.
const NOW = Math.floor(testNow() / 60_000) * 60_000;
let s: SandboxContext;
let data: SandboxData;
beforeAll(async () => {
  s = await createSandboxContext({
    authMode: 'oauth',
    sandbox: { now: () => NOW },
    now: () => new Date(NOW),
  });
  data = s.sandbox.data;
});
afterAll(() => s.close());

// NOW is a whole minute, so the first whole minute a period surely holds is the one after its start.
const within = (ms: number) =>
  data.events.filter((e) => e.dateAdded >= NOW - ms + 60_000 && e.dateAdded <= NOW);
const all = { limit: 200 };

describe('get_activity', () => {
  it('answers "what happened in the last 2 days", newest first, counted by action and type', async () => {
    const want = within(2 * DAY);
    expect(want.length).toBeGreaterThan(0);
    const feed = await run<Feed>({ period: '2d', ...all }, s.ctx());
    expect(feed.period).toBe('2d');
    expect(feed.total_count).toBe(want.length);
    const dates = feed.items.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const byAction: Record<string, number> = {};
    for (const e of want) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
    expect(feed.counts.by_action).toEqual(byAction);
  });

  it('takes the project from the page, names each project once and tasks, and lists changes', async () => {
    const feed = await run<Feed>({ period: '30d', ...all }, s.ctx());
    for (const e of feed.items) {
      const projectId = e.project_id ?? '';
      expect(feed.projects[projectId]).toBe(data.projects.get(Number(projectId))?.name);
      // People by name and id; emails are for list_users.
      expect(e.user && Object.keys(e.user).sort()).toEqual(['id', 'name']);
      if (e.object_type === 'task') {
        expect(e.task_id).toBeUndefined();
        const task = data.tasks.get(Number(e.object_id));
        if (task) expect(e.name).toBe(task.name);
        if (task) expect(String(task.projectId)).toBe(projectId);
      }
      if (e.object_type === 'comment') {
        expect(e.task_id).toBe(String(data.comments.get(Number(e.object_id))?.taskId));
      }
    }
    const update = feed.items.find((e) => e.action === 'update' && e.changes);
    expect(Object.keys(Object.values(update?.changes ?? {})[0] ?? {}).length).toBeGreaterThan(0);
    // A change says only the sides that have a value: no empty old/new pairs.
    for (const e of feed.items) {
      for (const change of Object.values(e.changes ?? {})) {
        expect(change.old ?? change.new, JSON.stringify(e)).toBeDefined();
        expect(JSON.stringify(change)).not.toContain('null');
      }
    }
  });

  it('filters by project, person, object type, action and task', async () => {
    const project = [...data.projects.values()][0];
    const prefix = `/project/${project?.id}/`;
    const byProject = await run<Feed>({ period: '30d', project_id: project?.id, ...all }, s.ctx());
    expect(byProject.total_count).toBe(within(30 * DAY).filter((e) => e.page.startsWith(prefix)).length);

    const mine = await run<Feed>(
      { period: '30d', user: 'me', object_type: 'comment', action: 'post', ...all },
      s.ctx(),
    );
    const want = within(30 * DAY).filter(
      (e: EventRec) => e.userFromId === data.ownerId && e.objectType === 'comment' && e.action === 'post',
    );
    expect(mine.total_count).toBe(want.length);

    const someTask = within(30 * DAY).find((e) => e.objectType === 'comment');
    const taskId = idsOfPage(someTask?.page ?? '')?.taskId;
    const onTask = await run<Feed>({ period: '30d', task_id: taskId, ...all }, s.ctx());
    expect(onTask.total_count).toBeGreaterThan(0);
    expect(onTask.items.every((e) => (e.object_type === 'task' ? e.object_id : e.task_id) === taskId)).toBe(
      true,
    );
  });

  it('turns `since` into the smallest period and cuts at that minute', async () => {
    const since = new Date(NOW - 5 * 3_600_000).toISOString().slice(0, 16);
    const feed = await run<Feed>({ since, ...all }, s.ctx());
    // It reaches past the since minute by the cut's margin, so Worksection surely gives that minute.
    expect(feed.period).toBe('301m');
    const cut = Date.parse(`${since}Z`);
    expect(feed.total_count).toBe(data.events.filter((e) => e.dateAdded >= cut && e.dateAdded <= NOW).length);
  });

  it("leaves out the period's first minute, which Worksection gives or not by the second", async () => {
    const some = data.events.find((e) => e.dateAdded >= NOW - DAY);
    const edge = { ...some!, dateAdded: NOW - 2 * DAY + 10_000 };
    const after = { ...some!, dateAdded: NOW - 2 * DAY + 70_000 };
    data.events.push(edge, after);
    try {
      const feed = await run<Feed>({ period: '2d', ...all }, s.ctx());
      // Stamped 2 days ago to the minute: asked a few seconds later, Worksection would no longer give it.
      const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16);
      const dates = feed.items.map((e) => e.date);
      expect(dates.some((d) => d.startsWith(stamp(NOW - 2 * DAY)))).toBe(false);
      expect(dates.filter((d) => d.startsWith(stamp(NOW - 2 * DAY + 60_000))).length).toBeGreaterThan(0);
      expect(feed).toMatchObject({ since: new Date(NOW - 2 * DAY + 60_000).toISOString().slice(0, 16) });
      // Asked from its minute on, it is shown.
      const since = await run<Feed>({ since: stamp(NOW - 2 * DAY), ...all }, s.ctx());
      expect(since.total_count).toBe(feed.total_count + 1);
    } finally {
      data.events.splice(data.events.indexOf(edge), 1);
      data.events.splice(data.events.indexOf(after), 1);
    }
  });

  it('a one-minute period asked late in a minute still shows the minute it starts in', async () => {
    // 40 s past the minute: the period starts in the minute before, whose event is shown.
    const late = await createSandboxContext({
      authMode: 'oauth',
      sandbox: { now: () => NOW + 40_000 },
      now: () => new Date(NOW + 40_000),
    });
    try {
      const some = late.sandbox.data.events.find((e) => e.dateAdded >= NOW - DAY);
      late.sandbox.data.events.push({ ...some!, dateAdded: NOW - 10_000 });
      const feed = await run<Feed>({ period: '1m', ...all }, late.ctx());
      expect(feed.period).toBe('3m');
      expect(feed.items.map((e) => e.date)).toContain(new Date(NOW - 60_000).toISOString().slice(0, 16));
    } finally {
      await late.close();
    }
  });

  it("says where the answer starts in the account's time, as the events' dates are", async () => {
    for (const timeZone of ['Europe/Kyiv', 'America/New_York']) {
      const zoned = await createSandboxContext({
        authMode: 'oauth',
        sandbox: { now: () => NOW },
        now: () => new Date(NOW),
        timeZone,
      });
      try {
        const feed = await run<Feed & { since: string }>({ period: '2d', limit: 1 }, zoned.ctx());
        const wall = new Intl.DateTimeFormat('sv-SE', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(NOW - 2 * DAY + 60_000);
        expect(feed.since).toBe(wall.replace(' ', 'T'));
      } finally {
        await zoned.close();
      }
    }
  });

  it("checks periods against Worksection's limits before asking", async () => {
    for (const period of ['60d', '73h', '0m', '361m', 'week']) {
      const err = await run({ period }, s.ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).hint).toMatch(/at most 360m, 72h, 30d/);
    }
    await expect(run({ since: '2000-01-01' }, s.ctx())).rejects.toThrow(/more than 30 days ago/);
    await expect(run({ since: 'yesterday' }, s.ctx())).rejects.toThrow(/not an ISO date/);
    await expect(run({ period: '1d', since: '2026-01-01' }, s.ctx())).rejects.toThrow(/not both/);
  });
});

describe('period helpers', () => {
  it('accepts the documented ranges and picks minutes, hours or days for since', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(periodWindow('360m', now).period).toBe('360m');
    expect(periodWindow('72h', now).period).toBe('72h');
    expect(periodWindow('30D', now).period).toBe('30d');
    // Each reaches past the since minute by the cut's margin, so Worksection surely gives that minute.
    expect(sinceWindow('2026-03-10T11:15', now, 'UTC').period).toBe('46m');
    expect(sinceWindow('2026-03-10T11:15:40', now, 'UTC').period).toBe('46m');
    expect(sinceWindow('2026-03-10T11:15:00', now + 29_000, 'UTC').period).toBe('46m');
    expect(sinceWindow('2026-03-10T11:16', now + 29_000, 'UTC').period).toBe('45m');
    expect(sinceWindow('2026-03-10T13:00+02:00', now, 'UTC').period).toBe('61m');
    expect(sinceWindow('2026-03-08', now, 'UTC').period).toBe('61h');
    expect(sinceWindow('2026-02-20', now, 'UTC').period).toBe('19d');
  });

  it("starts a period's answer at a whole minute it surely holds; only its edge is left out", () => {
    const at = (hm: string) => Date.parse(`2026-03-10T${hm}Z`);
    const utc = (hm: string) => minuteStarts(`2026-03-10 ${hm}`, 'UTC');
    // Up to six hours: asked a minute or two longer, shown from the minute the period starts in.
    const short = periodWindow('30m', at('12:00:40'));
    expect(short).toMatchObject({ period: '32m', fromMs: at('11:30:00'), startMs: at('11:28:40') });
    expect(shownIn(short, utc('11:30'))).toBe(true);
    expect(shownIn(short, utc('11:29'))).toBe(false);
    expect(periodWindow('1m', at('12:00:40'))).toMatchObject({ period: '3m', fromMs: at('11:59:00') });
    // Longer: as asked, from the first whole minute 30 s inside it.
    const win = periodWindow('12h', at('23:00:20'));
    expect(win).toMatchObject({ period: '12h', fromMs: at('11:01:00') });
    expect(periodWindow('360m', at('12:00:20'))).toMatchObject({ period: '360m', fromMs: at('06:01:00') });
    expect(shownIn(win, utc('11:01'))).toBe(true);
    expect(shownIn(win, utc('11:00'))).toBe(false);
    expect(shownIn(win, utc('10:59'))).toBe(false);
    // Far before the period: only a time zone set wrong stamps a recent event so; shown as given.
    expect(shownIn(win, utc('09:00'))).toBe(true);
    expect(shownIn(win, [])).toBe(true);
    // since: nothing before its minute.
    const since = sinceWindow('2026-03-10T11:00:45', at('12:00:00'), 'UTC');
    expect(since.fromMs).toBe(at('11:00:00'));
    expect(shownIn(since, utc('11:00'))).toBe(true);
    expect(shownIn(since, utc('09:00'))).toBe(false);
    expect(shownIn(since, [])).toBe(false);
  });

  it('places a stamp of the hour clocks go back by both its readings', () => {
    // Kyiv, 2026-10-25: 03:00-04:00 happens twice (00:xxZ, then 01:xxZ).
    const win = periodWindow('2d', Date.parse('2026-10-27T01:30:20Z'));
    expect(win.fromMs).toBe(Date.parse('2026-10-25T01:31:00Z'));
    const kyiv = (wall: string) => minuteStarts(`2026-10-25 ${wall}`, 'Europe/Kyiv');
    expect(kyiv('03:30')).toHaveLength(2);
    // Its later reading is the period's edge (left out), not an event long before it.
    expect(shownIn(win, kyiv('03:30'))).toBe(false);
    expect(shownIn(win, kyiv('03:31'))).toBe(true);
  });

  it('asks the 30 days for a since too close to their start for the margin', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(sinceWindow('2026-02-08T12:00:30Z', now, 'UTC')).toMatchObject({
      period: '30d',
      fromMs: Date.parse('2026-02-08T12:01:00Z'),
    });
    expect(() => sinceWindow('2026-02-08T11:59:00Z', now, 'UTC')).toThrow(/more than 30 days ago/);
  });

  it("reads a since without an offset as the account's wall time, and keeps an explicit one", () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    // 11:15 in Kyiv (UTC+2 in March) is 09:15Z: 165 minutes ago, not 45.
    const kyiv = sinceWindow('2026-03-10T11:15', now, 'Europe/Kyiv');
    expect(kyiv).toMatchObject({ period: '166m', fromMs: Date.parse('2026-03-10T09:15:00Z') });
    expect(sinceWindow('2026-03-10 11:15', now, 'Europe/Kyiv').fromMs).toBe(kyiv.fromMs);
    expect(sinceWindow('2026-03-10T11:15Z', now, 'Europe/Kyiv').period).toBe('46m');
    expect(sinceWindow('2026-03-10T13:00+02:00', now, 'Europe/Kyiv').period).toBe('61m');
    // A date is the start of that day in the zone: 2026-03-10T00:00+02:00 is 14 hours before noon UTC.
    expect(sinceWindow('2026-03-10', now, 'Europe/Kyiv').period).toBe('15h');
    expect(() => sinceWindow('2026-03-10T25:00', now, 'Europe/Kyiv')).toThrow(/not an ISO date/);
  });

  it('parses the project and task of event pages', () => {
    expect(idsOfPage('/project/8562/')).toEqual({ projectId: '8562' });
    expect(idsOfPage('/project/8562/331894/')).toEqual({ projectId: '8562', taskId: '331894' });
    expect(idsOfPage('/project/8562/331894/331914/')).toEqual({ projectId: '8562', taskId: '331914' });
    expect(idsOfPage('/download/1/')).toBeUndefined();
  });
});
