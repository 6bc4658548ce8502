// What a model reads before it does anything, in every conversation: the default tools/list, measured as a
// real MCP client receives it. Prints the figures and fails past the limits.
//
// The targets (issue 12) are for the whole product: the full answer at most 45,000 characters,
// names + descriptions + input schemas (what every client passes to the model) at most 25,000, and at most
// 40 tools (Cursor's cap). The limits below are what the surface measures plus a small margin: a branch that
// adds tools raises them by what it adds, and may not raise them past the targets. surface2 left 33
// tools at 34,995 / 19,390; `search` (mirror) added 1 tool, 1,134 / 700; writes added undo_change,
// list_changes, bulk_update_tasks and the four write arguments on every write tool, 4,961 / 4,156
// (37 tools, 41,090 / 24,246). writes2 added bulk_create_tasks and took allow_duplicate off the set-values
// (idempotent) writes, where no duplicate check runs (38 tools, 41,915 / 24,755); tags in bulk_update_tasks
// items, 160 / 160 (38 tools, 42,075 / 24,915: the 25,000 target is reached, what comes next must make room).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { TOOL_COUNT_WARN_LIMIT } from './selection.js';

const MAX_FULL_CHARS = 42_300;
const MAX_LEAN_CHARS = 25_000;
const MAX_TOOLS = 38;
/** The targets, which the limits above plus what other work adds must stay within. */
const TARGET_FULL_CHARS = 45_000;
const TARGET_LEAN_CHARS = 25_000;
/** Planned elsewhere for the default set: none now. */
const PLANNED_TOOLS = 0;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the default tool list', () => {
  it('stays within what clients and models can afford', async () => {
    const listed = await h.client.listTools();
    const full = JSON.stringify(listed).length;
    const lean = listed.tools.reduce(
      (sum, t) => sum + t.name.length + (t.description ?? '').length + JSON.stringify(t.inputSchema).length,
      0,
    );
    const count = listed.tools.length;
    console.log(
      `tools/list: ${count} tools (max ${MAX_TOOLS}), ${full} chars in all (max ${MAX_FULL_CHARS}, ` +
        `target ${TARGET_FULL_CHARS}), ${lean} chars of names, descriptions and input schemas ` +
        `(max ${MAX_LEAN_CHARS}, target ${TARGET_LEAN_CHARS})`,
    );
    expect(full).toBeLessThanOrEqual(MAX_FULL_CHARS);
    expect(lean).toBeLessThanOrEqual(MAX_LEAN_CHARS);
    expect(count).toBeLessThanOrEqual(MAX_TOOLS);
    expect(MAX_FULL_CHARS).toBeLessThanOrEqual(TARGET_FULL_CHARS);
    expect(MAX_LEAN_CHARS).toBeLessThanOrEqual(TARGET_LEAN_CHARS);
    expect(MAX_TOOLS + PLANNED_TOOLS).toBeLessThanOrEqual(TOOL_COUNT_WARN_LIMIT);
  });

  it('lets lists and file contents answer up to the token budget in Claude Code', async () => {
    const meta = (name: string) =>
      listedTools.find((t) => t.name === name)?._meta?.['anthropic/maxResultSizeChars'];
    const listedTools = (await h.client.listTools()).tools;
    expect(meta('list_tasks')).toBe(100_000);
    expect(meta('read_file')).toBe(100_000);
    expect(meta('get_activity')).toBe(100_000);
    expect(meta('create_task')).toBeUndefined();
  });

  it('keeps the structure of every answer in its output schema, without prose', async () => {
    for (const tool of (await h.client.listTools()).tools) {
      if (!tool.outputSchema) continue;
      expect(JSON.stringify(tool.outputSchema), tool.name).not.toContain('"description"');
      expect(Object.keys(tool.outputSchema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
    }
  });
});
