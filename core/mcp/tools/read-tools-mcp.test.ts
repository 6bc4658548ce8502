// The files, time, people, activity, analytics and system tools through the real in-process MCP client, in
// both auth modes: the client checks each structuredContent against the tool's advertised outputSchema,
// and the JSON text copy must say the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostRec } from '../../sandbox/model.js';
import { createHarness, resultText, type Harness } from '../testing/harness.js';

const READS: [string, Record<string, unknown>][] = [
  ['list_files', { project_id: 'PROJECT' }],
  ['list_time_entries', { user: 'me', limit: 5 }],
  ['list_time_entries', { group_by: 'task', limit: 5 }],
  ['list_timers', {}],
  ['get_me', {}],
  ['list_users', { limit: 3 }],
  ['list_users', { contacts: true, limit: 3 }],
  ['list_groups', {}],
  ['get_activity', { period: '3d', limit: 5 }],
  ['project_stats', { project_id: 'PROJECT' }],
  ['list_tasks', { overdue: true, limit: 5 }],
  ['list_tasks', { no_due_date: true, limit: 5 }],
  ['team_workload', { limit: 5 }],
  ['get_me', { check: true }],
  ['list_webhooks', {}],
];

for (const authMode of ['oauth', 'admin'] as const) {
  describe(`read tools through the MCP client (${authMode})`, () => {
    let h: Harness;
    let projectId: string;
    beforeAll(async () => {
      h = await createHarness({ authMode });
      projectId = String([...h.sandbox.data.projects.keys()][0]);
    });
    afterAll(() => h.close());

    it.each(READS)('%s answers structured content matching its output schema', async (name, args) => {
      const filled = Object.fromEntries(
        Object.entries(args).map(([k, v]) => [k, v === 'PROJECT' ? projectId : v]),
      );
      const result = await h.callTool(name, filled);
      expect(result.isError, resultText(result)).toBeFalsy();
      expect(result.structuredContent).toBeDefined();
      expect(JSON.parse(resultText(result))).toEqual(result.structuredContent);
      expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    });

    it("list_time_entries group_by totals equal the sandbox's costs of the project", async () => {
      const data = h.sandbox.data;
      const costs = [...data.costs.values()].filter(
        (c: CostRec) => String(data.tasks.get(c.taskId)?.projectId) === projectId,
      );
      const result = await h.callTool('list_time_entries', { project_id: projectId, group_by: 'user' });
      const totals = (result.structuredContent as { totals: { minutes: number; money: number } }).totals;
      expect(totals.minutes).toBe(costs.reduce((n, c) => n + c.minutes, 0));
      expect(totals.money).toBe(costs.reduce((n, c) => n + c.moneyCents, 0) / 100);
    });

    it('turns a bad argument into an error result naming it', async () => {
      const result = await h.callTool('get_activity', { period: '90d' });
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/at most 360m, 72h, 30d/);
      const bad = await h.callTool('log_time', { task_id: '1', time: 'a while' });
      expect(bad.isError).toBe(true);
      expect(resultText(bad)).toMatch(/`time`/);
    });
  });
}

describe('timers through the MCP client', () => {
  it('start_timer is an error result with a hint in admin mode', async () => {
    const h = await createHarness({ authMode: 'admin' });
    try {
      const task = [...h.sandbox.data.tasks.values()].find((t) => t.status === 'active');
      const result = await h.callTool('start_timer', { task_id: String(task?.id) });
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/personal Worksection sign-in[\s\S]*Hint: .*log_time/);
    } finally {
      await h.close();
    }
  });
});
