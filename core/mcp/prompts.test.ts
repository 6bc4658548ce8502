import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptProvider, previousWorkday, PROMPTS } from './prompts.js';
import { ALL_TOOLS } from './inventory/registry.js';
import { createHarness, type Harness } from './testing/harness.js';
import type { ToolContext } from './tools/kit/context.js';
import { ToolError } from './tools/kit/errors.js';

const prompts = createPromptProvider();
// Prompts make no upstream calls; a context with a fixed clock is all they need.
const ctx = { now: () => new Date('2026-03-09T08:00:00Z'), today: () => '2026-03-09' } as ToolContext;
const textOf = async (name: string, args: Record<string, string>) => {
  const result = await prompts.get(name, args, ctx);
  const content = result.messages[0]?.content;
  return content?.type === 'text' ? content.text : '';
};

describe('prompts', () => {
  it('lists the three prompts with their arguments', () => {
    const list = prompts.list();
    expect(list.map((p) => p.name)).toEqual([
      'daily_standup',
      'project_status_report',
      'weekly_timesheet_review',
    ]);
    expect(list.find((p) => p.name === 'project_status_report')?.arguments).toContainEqual(
      expect.objectContaining({ name: 'project_id', required: true }),
    );
    expect(list.every((p) => !('render' in p))).toBe(true);
  });

  it('names only tools that exist, with arguments those tools take', async () => {
    const tools = new Map(ALL_TOOLS.map((t) => [t.name, t]));
    const samples: Record<string, Record<string, string>> = {
      daily_standup: {},
      project_status_report: { project_id: '1234' },
      weekly_timesheet_review: { week_start: '2026-03-02', user: 'me' },
    };
    let checked = 0;
    for (const p of PROMPTS) {
      const text = await textOf(p.name, samples[p.name] ?? {});
      const steps = [...text.matchAll(/^\d+\. ([a-z_]+)(?: with ([^—]+))?/gm)];
      expect(steps.length).toBeGreaterThan(2);
      for (const [, name, args] of steps) {
        const tool = tools.get(name ?? '');
        expect(tool, `${p.name} names ${name}`).toBeDefined();
        const shape = tool?.input.shape as Record<string, unknown>;
        for (const [, arg] of (args ?? '').matchAll(/(?:^|, |and )([a-z_]+) /g)) {
          expect(Object.hasOwn(shape, arg ?? ''), `${p.name}: ${name} takes ${arg}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('works out the dates: the standup looks back to Friday on a Monday', async () => {
    expect(previousWorkday('2026-03-09')).toBe('2026-03-06');
    expect(previousWorkday('2026-03-10')).toBe('2026-03-09');
    const standup = await textOf('daily_standup', {});
    expect(standup).toContain('Monday 2026-03-09');
    expect(standup).toContain('date_from 2026-03-06, date_to 2026-03-08');
    const review = await textOf('weekly_timesheet_review', { week_start: '02.03.2026' });
    expect(review).toContain('week 2026-03-02 (Monday) to 2026-03-08');
    expect(review).toContain('the whole team');
    const report = await textOf('project_status_report', { project_id: '77', days: '14' });
    expect(report).toContain('closed_after 2026-02-24');
    expect(report).toContain('period "14d"');
  });

  it('rejects missing or malformed arguments and unknown prompts', async () => {
    await expect(prompts.get('project_status_report', {}, ctx)).rejects.toThrow(ToolError);
    await expect(prompts.get('project_status_report', { project_id: '7', days: '45' }, ctx)).rejects.toThrow(
      /1 to 30/,
    );
    await expect(prompts.get('weekly_timesheet_review', { week_start: 'next week' }, ctx)).rejects.toThrow(
      /not a date/,
    );
    await expect(prompts.get('weekly_timesheet_review', {}, ctx)).rejects.toThrow(/week_start/);
    await expect(prompts.get('nope', {}, ctx)).rejects.toThrow(/Unknown prompt/);
  });
});

describe('prompts through the MCP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ prompts });
  });
  afterAll(() => h.close());

  it('lists and expands a prompt', async () => {
    const { prompts: list } = await h.client.listPrompts();
    expect(list).toHaveLength(3);
    const result = await h.client.getPrompt({
      name: 'weekly_timesheet_review',
      arguments: { week_start: '2026-03-02', user: 'me' },
    });
    expect(result.messages[0]).toMatchObject({ role: 'user', content: { type: 'text' } });
    const content = result.messages[0]?.content;
    expect(content?.type === 'text' && content.text).toContain(
      'list_time_entries with date_from 2026-03-02, date_to 2026-03-08, user "me"',
    );
  });

  it('completes a project argument from project names to "<id> <name>", which the prompt takes', async () => {
    expect(h.client.getServerCapabilities()?.completions).toEqual({});
    const project = [...h.sandbox.data.projects.values()][0];
    if (!project) throw new Error('the sandbox has no projects');
    const typed = project.name.slice(0, 4).toLowerCase();
    const { completion } = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'project_status_report' },
      argument: { name: 'project_id', value: typed },
    });
    const want = [...h.sandbox.data.projects.values()]
      .filter((p) => p.name.toLowerCase().includes(typed))
      .map((p) => `${p.id} ${p.name}`);
    expect([...completion.values].sort()).toEqual([...want].sort());
    expect(completion.values[0]?.toLowerCase()).toContain(` ${typed}`);
    expect(completion.total).toBe(want.length);
    const picked = `${project.id} ${project.name}`;
    const result = await h.client.getPrompt({
      name: 'project_status_report',
      arguments: { project_id: picked },
    });
    const content = result.messages[0]?.content;
    expect(content?.type === 'text' && content.text).toContain(
      `project_stats with project_id ${project.id} `,
    );
  });

  it('completes a person argument from names and emails to the email, and "me"', async () => {
    const someone = [...h.sandbox.data.users.values()].find((u) => u.id !== h.sandbox.data.ownerId);
    if (!someone) throw new Error('the sandbox has one user');
    const byName = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'daily_standup' },
      argument: { name: 'user', value: someone.lastName },
    });
    expect(byName.completion.values).toContain(someone.email);
    const byEmail = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'weekly_timesheet_review' },
      argument: { name: 'user', value: someone.email.toUpperCase() },
    });
    expect(byEmail.completion.values[0]).toBe(someone.email);
    const me = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'daily_standup' },
      argument: { name: 'user', value: 'm' },
    });
    expect(me.completion.values[0]).toBe('me');
    // Dates have no list to offer; an unknown prompt is invalid params.
    const date = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'daily_standup' },
      argument: { name: 'date', value: '2026' },
    });
    expect(date.completion.values).toEqual([]);
    await expect(
      h.client.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'user', value: '' } }),
    ).rejects.toThrow(/Unknown prompt/);
  });

  it('answers bad arguments as invalid params', async () => {
    const err = await h.client
      .getPrompt({ name: 'project_status_report', arguments: { project_id: 'abc' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McpError);
    expect((err as McpError).message).toMatch(/list_projects/);
  });
});
