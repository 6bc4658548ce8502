// The generated document: a valid OpenAPI 3.1 document (an independent validator says so) for every tool
// selection, with each operation's schemas exactly the tool's MCP input and output schemas, and `$defs`
// of recursive schemas moved where their refs still resolve.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputJsonSchema, outputJsonSchema, toolDescriptor } from '../../inventory/descriptor.js';
import { ALL_TOOLS, selectTools } from '../../inventory/registry.js';
import { defineTool, type AnyTool } from '../../tools/kit/define-tool.js';
import { openApiDocument } from './document.js';

type Operation = {
  operationId: string;
  'x-effect': string;
  requestBody: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { content?: { 'application/json': { schema: unknown } }; $ref?: string }>;
};
type Doc = { paths: Record<string, { post: Operation }>; components: { schemas: Record<string, unknown> } };

const SERVER = 'http://127.0.0.1:7341';

async function validate(doc: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const validator = new Validator();
  const res = await validator.validate(doc as Record<string, unknown>);
  expect(validator.version).toBe('3.1');
  return res;
}

describe('openApiDocument', () => {
  it('is a valid OpenAPI 3.1 document for all tools, read-only mode and a single toolset', async () => {
    const selections = [
      {},
      { readOnly: true },
      {
        disabledToolsets: [
          'projects',
          'tasks',
          'comments',
          'files',
          'time',
          'people',
          'tags',
          'activity',
          'analytics',
        ],
      },
    ];
    for (const selection of selections) {
      const tools = selectTools(ALL_TOOLS, selection);
      const res = await validate(openApiDocument(tools, { serverUrl: SERVER }));
      expect(res.errors, JSON.stringify(selection)).toBeUndefined();
      expect(res.valid).toBe(true);
    }
  });

  it('has one operation per tool: the input schema with every description, and the whole output schema', () => {
    const doc = openApiDocument(ALL_TOOLS, { serverUrl: SERVER }) as Doc;
    expect(Object.keys(doc.paths).sort()).toEqual(ALL_TOOLS.map((t) => `/tools/${t.name}`).sort());
    for (const tool of ALL_TOOLS) {
      const op = doc.paths[`/tools/${tool.name}`]?.post;
      expect(op?.operationId).toBe(tool.name);
      expect(op?.['x-effect']).toBe(tool.effect);
      expect(op?.requestBody.content['application/json'].schema).toEqual(inputJsonSchema(tool));
      const ok = op?.responses['200']?.content?.['application/json'].schema;
      expect(ok).toEqual(outputJsonSchema(tool) ?? { $ref: '#/components/schemas/MediaAnswer' });
      for (const status of ['400', '401', '403', '404', '422', '429', '500', '502', '503']) {
        expect(op?.responses[status]).toEqual({ $ref: `#/components/responses/${status}` });
      }
    }
  });

  it('follows the selection: switched-off and write tools leave it', () => {
    const names = (tools: readonly AnyTool[]) =>
      Object.keys((openApiDocument(tools, { serverUrl: SERVER }) as Doc).paths).length;
    const readOnly = selectTools(ALL_TOOLS, { readOnly: true });
    expect(names(readOnly)).toBe(ALL_TOOLS.filter((t) => t.effect === 'read').length);
    expect(names(selectTools(ALL_TOOLS, { disabledTools: ['list_tasks'] }))).toBe(ALL_TOOLS.length - 1);
  });

  it('moves $defs of a recursive schema to components, where its refs resolve', async () => {
    type Node = { name: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() =>
      z.object({ name: z.string().describe('Name.'), children: z.array(node).describe('Children.') }),
    );
    const tree = defineTool({
      name: 'get_tree',
      title: 'Tree',
      toolset: 'system',
      effect: 'read',
      description: 'Answers a tree of nodes, for this test.',
      input: z.object({ root: node.describe('The tree.') }),
      output: z.object({ root: node }),
      handle: async ({ root }) => ({ root }),
    });
    expect(JSON.stringify(toolDescriptor(tree).inputSchema)).toContain('#/$defs/');
    const doc = openApiDocument([tree], { serverUrl: SERVER }) as Doc;
    const text = JSON.stringify(doc);
    expect(text).not.toContain('#/$defs/');
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
    expect((await validate(doc)).valid).toBe(true);
  });
});
