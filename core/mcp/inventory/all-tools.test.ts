// Every registered tool through the real in-process MCP client: listed with valid schemas, and every read
// tool whose arguments are all optional answers without an internal error (the SDK client checks structuredContent against the
// declared outputSchema, as real clients do). The toolset tests check the answers against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS, TOOL_COUNT_WARN_LIMIT } from './registry.js';
import { createHarness, resultText, type Harness } from '../testing/harness.js';
import { INTERNAL_ERROR_TEXT } from '../tools/kit/errors.js';

describe('all tools through the MCP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('lists every registered tool once, within the client tool limit', async () => {
    const listed = await h.listTools();
    expect(listed.map((t) => t.name).sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    expect(listed.length).toBeLessThanOrEqual(TOOL_COUNT_WARN_LIMIT);
    expect(h.server.warning()).toBeUndefined();
    for (const tool of listed) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.title, tool.name).toBe(ALL_TOOLS.find((t) => t.name === tool.name)?.title);
    }
  });

  const noArgReads = ALL_TOOLS.filter((t) => t.effect === 'read' && t.input.safeParse({}).success);
  // A tool may still need one of several optional arguments (list_files: task_id or project_id): then it
  // must say so, never fail internally.
  it.each(noArgReads.map((t) => [t.name]))(
    '%s answers without arguments or says what it needs',
    async (name) => {
      const result = await h.callTool(name, {});
      if (result.isError) expect(resultText(result)).toMatch(/\S/);
      expect(resultText(result)).not.toBe(INTERNAL_ERROR_TEXT);
      expect(h.logs.filter((e) => e.level === 'error')).toEqual([]);
    },
  );
});
