import { testNow } from '../../../worksection/testing/test-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostRec, SandboxData } from '../../../sandbox/model.js';
import { addDays, isoToday } from '../kit/dates.js';
import type { AnyTool } from '../kit/define-tool.js';
import { hmm } from '../shapes/time.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { timeTools } from './index.js';

const tool = (name: string): AnyTool => timeTools.find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface Totals {
  entries: number;
  minutes: number;
  time: string;
  money: number;
}
interface Entry {
  id: string;
  date: string;
  minutes: number;
  time: string;
  money: number;
  user: { id: string } | null;
  project: { id: string };
  task: { id: string };
}
interface EntryPage {
  items: Entry[];
  totals: Totals;
  total_count: number;
}
interface Group extends Totals {
  key: string;
  name: string;
  share_percent: number;
}
interface Report {
  items: Group[];
  totals: Totals;
}

const projectOf = (data: SandboxData, c: CostRec): number | undefined => data.tasks.get(c.taskId)?.projectId;

function expectedTotals(costs: CostRec[]): Totals {
  const minutes = costs.reduce((s, c) => s + c.minutes, 0);
  const cents = costs.reduce((s, c) => s + c.moneyCents, 0);
  return { entries: costs.length, minutes, time: hmm(minutes), money: cents / 100 };
}

/** The project with the most costs, and the range of their dates. */
function busiestProject(data: SandboxData): { projectId: number; from: string; to: string } {
  const count = new Map<number, CostRec[]>();
  for (const c of data.costs.values()) {
    const p = projectOf(data, c);
    if (p !== undefined) count.set(p, [...(count.get(p) ?? []), c]);
  }
  const [projectId, costs] = [...count].sort((a, b) => b[1].length - a[1].length)[0] as [number, CostRec[]];
  const dates = costs.map((c) => c.date).sort();
  // A range that cuts some entries off at both ends, so the date filter is really exercised.
  return {
    projectId,
    from: dates[Math.floor(dates.length / 4)] as string,
    to: dates[Math.floor((dates.length * 3) / 4)] as string,
  };
}

let s: SandboxContext;
let data: SandboxData;
beforeAll(async () => {
  s = await createSandboxContext({ authMode: 'oauth' });
  data = s.sandbox.data;
});
afterAll(() => s.close());

describe('list_time_entries', () => {
  it("lists a project's entries in a date range with totals equal to the sandbox's costs", async () => {
    const { projectId, from, to } = busiestProject(data);
    const want = [...data.costs.values()].filter(
      (c) => projectOf(data, c) === projectId && c.date >= from && c.date <= to,
    );
    expect(want.length).toBeGreaterThan(1);
    const page = await run<EntryPage>(
      'list_time_entries',
      { project_id: projectId, date_from: from, date_to: to, limit: 200 },
      s.ctx(),
    );
    expect(page.total_count).toBe(want.length);
    expect(page.items.map((e) => e.id).sort()).toEqual(want.map((c) => String(c.id)).sort());
    expect(page.totals).toEqual(expectedTotals(want));
    expect(page.items.every((e) => e.project.id === String(projectId))).toBe(true);
    const dates = page.items.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const one = page.items[0] as Entry;
    const rec = data.costs.get(Number(one.id)) as CostRec;
    expect(one).toMatchObject({ minutes: rec.minutes, time: hmm(rec.minutes), money: rec.moneyCents / 100 });
  });

  it('filters to "me" in both auth modes and by email', async () => {
    const owner = data.users.get(data.ownerId);
    const mine = [...data.costs.values()].filter((c) => c.userFromId === data.ownerId);
    const oauth = await run<EntryPage>('list_time_entries', { user: 'me', limit: 200 }, s.ctx());
    expect(oauth.totals).toEqual(expectedTotals(mine));
    const admin = await createSandboxContext({ authMode: 'admin', sandbox: { data } });
    try {
      const viaAdmin = await run<EntryPage>('list_time_entries', { user: 'me', limit: 200 }, admin.ctx());
      expect(viaAdmin.totals).toEqual(expectedTotals(mine));
    } finally {
      await admin.close();
    }
    const other = [...data.users.values()].find(
      (u) => u.id !== data.ownerId && [...data.costs.values()].some((c) => c.userFromId === u.id),
    );
    const theirs = [...data.costs.values()].filter((c) => c.userFromId === other?.id);
    const byEmail = await run<EntryPage>(
      'list_time_entries',
      { user: other?.email.toUpperCase(), limit: 1 },
      s.ctx(),
    );
    expect(byEmail.total_count).toBe(theirs.length);
    expect(byEmail.totals).toEqual(expectedTotals(theirs));
    expect(owner).toBeDefined();
  });

  it('filters timer entries', async () => {
    const timed = [...data.costs.values()].filter((c) => c.isTimer);
    const page = await run<EntryPage>('list_time_entries', { from_timer: true, limit: 1 }, s.ctx());
    expect(page.totals).toEqual(expectedTotals(timed));
  });

  it('rejects a reversed range', async () => {
    await expect(
      run('list_time_entries', { date_from: '2026-03-31', date_to: '01.03.2026' }, s.ctx()),
    ).rejects.toThrow(ToolError);
  });
});

describe('list_time_entries group_by', () => {
  it("sums a project's time by user, matching the sandbox's costs, groups adding up to the total", async () => {
    const { projectId, from, to } = busiestProject(data);
    const want = [...data.costs.values()].filter(
      (c) => projectOf(data, c) === projectId && c.date >= from && c.date <= to,
    );
    const report = await run<Report>(
      'list_time_entries',
      { project_id: String(projectId), date_from: from, date_to: to, group_by: 'user' },
      s.ctx(),
    );
    expect(report.totals).toEqual(expectedTotals(want));
    expect(report.items.length).toBeGreaterThan(1);
    for (const g of report.items) {
      expect(g).toMatchObject(expectedTotals(want.filter((c) => String(c.userFromId) === g.key)));
    }
    expect(report.items.reduce((n, g) => n + g.minutes, 0)).toBe(report.totals.minutes);
    const minutes = report.items.map((g) => g.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
  });

  it('attributes time to projects through the task (cost rows have no project)', async () => {
    const report = await run<Report>('list_time_entries', { group_by: 'project', limit: 200 }, s.ctx());
    const all = [...data.costs.values()];
    expect(report.totals).toEqual(expectedTotals(all));
    for (const g of report.items) {
      expect(g.minutes).toBe(expectedTotals(all.filter((c) => String(projectOf(data, c)) === g.key)).minutes);
      expect(g.name).toBe(data.projects.get(Number(g.key))?.name);
    }
  });

  it('groups by date in calendar order', async () => {
    const today = isoToday(new Date(testNow()));
    const report = await run<Report>(
      'list_time_entries',
      { group_by: 'date', date_from: addDays(today, -30), date_to: today, limit: 200 },
      s.ctx(),
    );
    const keys = report.items.map((g) => g.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys.every((k) => k >= addDays(today, -30) && k <= today)).toBe(true);
  });
});

describe('log_time, update_time_entry, delete_time_entry', () => {
  const someTask = () =>
    [...data.tasks.values()].find((t) => t.status === 'active' && t.publishAt === undefined);

  it('logs, corrects and deletes an entry as "me" (OAuth)', async () => {
    const task = someTask();
    const logged = await run<{ id: string; minutes: number; time: string; date: string }>(
      'log_time',
      { task_id: task?.id, time: '1:30', comment: 'Reviewed the mockups' },
      s.ctx(),
    );
    expect(logged).toMatchObject({ minutes: 90, time: '1:30', date: isoToday(new Date(testNow())) });
    const rec = data.costs.get(Number(logged.id));
    expect(rec).toMatchObject({
      minutes: 90,
      userFromId: data.ownerId,
      taskId: task?.id,
      comment: 'Reviewed the mockups',
    });

    await run(
      'update_time_entry',
      { entry_id: logged.id, time: '2h', date: '2026-01-05', money: 80 },
      s.ctx(),
    );
    expect(data.costs.get(Number(logged.id))).toMatchObject({
      minutes: 120,
      date: '2026-01-05',
      moneyCents: 8000,
    });

    await run('delete_time_entry', { entry_id: logged.id }, s.ctx());
    expect(data.costs.has(Number(logged.id))).toBe(false);
    const gone = await run('delete_time_entry', { entry_id: logged.id }, s.ctx()).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ToolError);
    expect((gone as ToolError).hint).toMatch(/list_time_entries/);
  });

  it('logs for another person only with the admin key', async () => {
    const task = someTask();
    const other = [...data.users.values()].find((u) => u.id !== data.ownerId) as {
      id: number;
      email: string;
    };
    await expect(
      run('log_time', { task_id: task?.id, time: 0.5, user: other.email }, s.ctx()),
    ).rejects.toThrow(/always logged as the signed-in user/);
    const admin = await createSandboxContext({ authMode: 'admin', sandbox: { data } });
    try {
      const logged = await run<{ id: string; user: { id: string } }>(
        'log_time',
        { task_id: task?.id, time: '45m', date: '2026-02-02', user: other.email },
        admin.ctx(),
      );
      expect(logged.user.id).toBe(String(other.id));
      expect(data.costs.get(Number(logged.id))).toMatchObject({
        minutes: 45,
        userFromId: other.id,
        date: '2026-02-02',
      });
    } finally {
      await admin.close();
    }
  });

  it("books today's date in the account's time zone when no date is given", async () => {
    const task = someTask();
    // Noon UTC is already the next day at UTC+14.
    const utcToday = isoToday(new Date(testNow()));
    const ahead = await createSandboxContext({
      authMode: 'oauth',
      sandbox: { data },
      timeZone: 'Pacific/Kiritimati',
      now: () => new Date(`${utcToday}T12:00:00Z`),
    });
    try {
      const logged = await run<{ id: string; date: string }>(
        'log_time',
        { task_id: task?.id, time: '15m' },
        ahead.ctx(),
      );
      expect(logged.date).toBe(addDays(utcToday, 1));
      expect(data.costs.get(Number(logged.id))).toMatchObject({ minutes: 15, date: addDays(utcToday, 1) });
    } finally {
      await ahead.close();
    }
  });

  it('refuses unclear amounts before calling Worksection', async () => {
    const task = someTask();
    await expect(
      run('log_time', { task_id: task?.id, time: '1h', money: 5, bill_at_rate: true }, s.ctx()),
    ).rejects.toThrow(ToolError);
    expect(() => tool('log_time').input.parse({ task_id: 1, time: 'soon' })).toThrow(/not a duration/);
    await expect(run('update_time_entry', { entry_id: 5 }, s.ctx())).rejects.toThrow(/Nothing to change/);
  });
});
