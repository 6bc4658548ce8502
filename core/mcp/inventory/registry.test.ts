import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type AnyTool } from '../tools/kit/define-tool.js';
import { ALL_TOOLS, orderTools, selectTools, toolCountWarning, validateTools } from './registry.js';
import { FIXTURE_TOOLS } from '../testing/fixture-tools.js';
import { TOOLSET_NAMES } from '../tools/kit/toolsets.js';

const base = {
  name: 'list_things',
  title: 'Things',
  toolset: 'tasks',
  effect: 'read',
  description: 'Lists things, for the rule tests.',
  input: z.object({ a: z.string().describe('An a.') }),
  handle: async () => ({}),
} satisfies AnyTool;

const tool = (over: Partial<AnyTool>): AnyTool => ({ ...base, ...over }) as AnyTool;

describe('validateTools', () => {
  it('accepts every tool of the product', () => {
    expect(validateTools(ALL_TOOLS)).toEqual([]);
  });

  it('accepts the fixture tools (a baseline of well-formed definitions)', () => {
    expect(validateTools(FIXTURE_TOOLS)).toEqual([]);
  });

  it('fails names that are not unique, snake_case or verb-first', () => {
    expect(validateTools([base, base])).toEqual(['list_things: the name is used by two tools']);
    expect(validateTools([tool({ name: 'listThings' })])).toContainEqual(
      'listThings: name is not snake_case',
    );
    expect(validateTools([tool({ name: 'things_list' })])).toContainEqual(
      expect.stringMatching(/^things_list: name does not start with a verb/),
    );
    expect(validateTools([tool({ name: 'project_stats', toolset: 'analytics' })])).toEqual([]);
  });

  it('fails a missing or unknown effect, toolset, title or description', () => {
    const problems = validateTools([
      tool({
        effect: undefined as unknown as 'read',
        toolset: 'nope' as 'tasks',
        title: '',
        description: 'x',
      }),
    ]);
    expect(problems).toEqual([
      'list_things: effect must be one of read, write, destructive',
      'list_things: toolset "nope" is not one of TOOLSET_NAMES',
      'list_things: title is missing',
      'list_things: description is missing or too short',
    ]);
  });

  it('finds undescribed input fields through wrappers, transforms and nested objects', () => {
    const input = z.object({
      ok_optional: z.string().describe('Described inside.').optional(),
      ok_outer: z.number().optional().describe('Described outside.'),
      ok_transform: z
        .string()
        .describe('Described before the transform.')
        .transform((s) => s.trim())
        .nullable()
        .default(null),
      bare: z.string(),
      bare_optional: z.boolean().optional(),
      bare_default: z.enum(['a', 'b']).default('a'),
      items: z
        .array(z.object({ text: z.string().describe('Item text.'), done: z.boolean() }))
        .optional()
        .describe('Items.'),
    });
    expect(validateTools([tool({ input })])).toEqual([
      'list_things: input field `bare` has no description',
      'list_things: input field `bare_optional` has no description',
      'list_things: input field `bare_default` has no description',
      'list_things: input field `items.done` has no description',
    ]);
  });

  it('fails an output schema that cannot become JSON Schema', () => {
    const output = z.object({ n: z.string().transform(Number) });
    expect(validateTools([tool({ output })])).toContainEqual(
      expect.stringMatching(/^list_things: JSON Schema cannot be generated/),
    );
  });

  it('fails a write tool without dry_run, idempotency_key, allow_duplicate and confirm', () => {
    expect(validateTools([tool({ name: 'update_things', effect: 'write' })])).toEqual([
      'update_things: write tool lacks dry_run, idempotency_key, allow_duplicate, confirm (define it with defineTool)',
    ]);
    for (const t of ALL_TOOLS.filter((x) => x.effect !== 'read')) {
      // allow_duplicate only where a duplicate check runs: not on set-values (idempotent) writes.
      const names = ['dry_run', 'idempotency_key', 'confirm', ...(t.idempotent ? [] : ['allow_duplicate'])];
      expect(Object.keys(t.input.shape)).toEqual(expect.arrayContaining(names));
      expect(Object.hasOwn(t.input.shape, 'allow_duplicate')).toBe(!t.idempotent);
    }
  });

  it('is exercised by defineTool definitions as written in the tool files', () => {
    const t = defineTool({ ...base, effect: 'write', idempotent: true, name: 'update_thing' });
    expect(validateTools([t])).toEqual([]);
  });
});

describe('selectTools', () => {
  const all = FIXTURE_TOOLS;
  const names = (tools: AnyTool[]) => tools.map((t) => t.name).sort();

  it('keeps everything by default', () => {
    expect(selectTools(all, {})).toHaveLength(all.length);
  });

  it('drops switched-off toolsets and tools', () => {
    const kept = selectTools(all, { disabledToolsets: ['tasks', 'files'], disabledTools: ['get_echo'] });
    expect(names(kept)).toEqual(['delete_thing', 'get_whoami', 'list_big']);
  });

  it('drops every non-read tool in read-only mode and for read-scoped tokens', () => {
    const reads = names(all.filter((t) => t.effect === 'read'));
    expect(names(selectTools(all, { readOnly: true }))).toEqual(reads);
    expect(names(selectTools(all, { tokenScope: 'read' }))).toEqual(reads);
    expect(selectTools(all, { tokenScope: 'write' })).toHaveLength(all.length);
  });

  it('orders by toolset, then by definition order', () => {
    const ordered = orderTools(all);
    const ranks = ordered.map((t) => TOOLSET_NAMES.indexOf(t.toolset));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ordered.map((t) => t.name).slice(0, 2)).toEqual(['get_task_name', 'update_failing']);
  });
});

describe('the tool count warning', () => {
  it('warns above 40 enabled tools only', () => {
    expect(toolCountWarning(40)).toBeUndefined();
    expect(toolCountWarning(41)).toMatch(/41 tools are enabled; some clients \(Cursor\)/);
  });

  it('is logged by the server when it starts with too many tools', async () => {
    const { createMcpServer } = await import('../server/server.js');
    const many = Array.from({ length: 41 }, (_, i) => tool({ name: `list_things_${i}` }));
    const logs: unknown[] = [];
    const server = createMcpServer({
      tools: many,
      contextFor: () => {
        throw new Error('not called');
      },
      log: (e) => logs.push(e),
    });
    expect(server.warning()).toMatch(/^41 tools/);
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', msg: server.warning() })]);
    await server.close();
  });
});
