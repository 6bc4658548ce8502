// Dates a model can say, through a real MCP client: the server instructions and get_me say today and the
// time zone, spoken dates resolve on the account's calendar, and the answer states what they meant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, resultText, type Harness } from '../testing/harness.js';

// 23:30 UTC on Wednesday is already Thursday morning in Tokyo: the account's zone decides what today is.
const NOW = Date.parse('2026-03-18T23:30:00Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: () => NOW, timeZone: 'Asia/Tokyo' });
});
afterAll(() => h.close());

describe('dates a model can say', () => {
  it("says today's date and the time zone in the instructions and in get_me", async () => {
    expect(h.client.getInstructions()).toContain(
      "Today is Thursday 2026-03-19 in the account's time zone (Asia/Tokyo)",
    );
    const me = await h.callTool('get_me');
    expect(me.structuredContent).toMatchObject({
      today: '2026-03-19',
      weekday: 'Thursday',
      time_zone: 'Asia/Tokyo',
    });
  });

  it('takes "last week" for a range and states what it was taken to mean', async () => {
    const spoken = await h.callTool('list_time_entries', {
      date_from: 'last week',
      date_to: 'last week',
      group_by: 'user',
    });
    const iso = await h.callTool('list_time_entries', {
      date_from: '2026-03-09',
      date_to: '2026-03-15',
      group_by: 'user',
    });
    expect(spoken.isError, resultText(spoken)).toBeFalsy();
    const { resolved_dates: resolved, fetched_at: _a, ...answer } = spoken.structuredContent ?? {};
    const { fetched_at: _b, ...plain } = iso.structuredContent ?? {};
    expect(answer).toEqual(plain);
    expect(resolved).toEqual({ date_from: 'last week = 2026-03-09', date_to: 'last week = 2026-03-15' });
  });

  it('resolves "tomorrow" in a write on the account calendar', async () => {
    const task = [...h.sandbox.data.tasks.values()].find((t) => t.status === 'active' && !t.publishAt);
    const result = await h.callTool('update_task', { task_id: String(task?.id), due_date: 'tomorrow' });
    expect(result.isError, resultText(result)).toBeFalsy();
    expect(h.sandbox.data.tasks.get(task?.id ?? 0)?.dateEnd).toBe('2026-03-20');
    expect(result.structuredContent?.resolved_dates).toEqual({ due_date: 'tomorrow = 2026-03-20' });
  });

  it('says what it cannot read as a date', async () => {
    const result = await h.callTool('list_tasks', { due_before: 'whenever' });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/"whenever" is not a date.*yesterday/);
  });
});
