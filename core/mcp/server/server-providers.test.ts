import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorksectionApiError } from '../../worksection/errors.js';
import { RESOURCE_NOT_FOUND, type McpPromptProvider, type McpResourceProvider } from './providers.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { ToolError } from '../tools/kit/errors.js';

const resources: McpResourceProvider = {
  list: async () => [{ uri: 'worksection://file/1', name: 'one.txt', mimeType: 'text/plain' }],
  templates: () => [
    { uriTemplate: 'worksection://file/{id}', name: 'file', mimeType: 'application/octet-stream' },
  ],
  async read(uri, ctx) {
    const id = /^worksection:\/\/file\/(\w+)$/.exec(uri)?.[1];
    if (!id) throw new ToolError(`${uri} is not a file URI.`, 'Use worksection://file/{id}.');
    if (id === 'gone') throw new WorksectionApiError('download', 'File not found', 4);
    if (id === 'boom') throw new Error('disk path /secret');
    const me = await ctx.me();
    return { contents: [{ uri, mimeType: 'text/plain', text: `file ${id} for ${me.email}` }] };
  },
};

const prompts: McpPromptProvider = {
  list: () => [{ name: 'daily_standup', arguments: [{ name: 'user', required: false }] }],
  async get(name, args) {
    if (name !== 'daily_standup') throw new ToolError(`Unknown prompt ${name}.`);
    return {
      messages: [{ role: 'user', content: { type: 'text', text: `standup for ${args.user ?? 'me'}` } }],
    };
  },
  complete: async () => [],
};

describe('resources and prompts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ tools: [], resources, prompts });
  });
  afterAll(() => h.close());

  it('declares the capabilities and lists resources, templates and prompts', async () => {
    expect(h.client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      resources: {},
      prompts: {},
    });
    expect((await h.client.listResources()).resources).toHaveLength(1);
    expect((await h.client.listResourceTemplates()).resourceTemplates[0]?.uriTemplate).toBe(
      'worksection://file/{id}',
    );
    expect((await h.client.listPrompts()).prompts.map((p) => p.name)).toEqual(['daily_standup']);
  });

  it('reads a resource with the call context (upstream, me)', async () => {
    const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId);
    const { contents } = await h.client.readResource({ uri: 'worksection://file/7' });
    expect(contents).toEqual([
      { uri: 'worksection://file/7', mimeType: 'text/plain', text: `file 7 for ${owner?.email}` },
    ]);
  });

  it('maps failures to JSON-RPC errors without internals', async () => {
    const read = (uri: string) =>
      h.client.readResource({ uri }).then(
        () => undefined,
        (e: unknown) => e,
      );
    const bad = await read('nope://x');
    expect(bad).toBeInstanceOf(McpError);
    expect(bad).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('Use worksection://file/{id}'),
    });
    expect(await read('worksection://file/gone')).toMatchObject({ code: RESOURCE_NOT_FOUND });
    const boom = (await read('worksection://file/boom')) as McpError;
    expect(boom.code).toBe(ErrorCode.InternalError);
    expect(boom.message).not.toContain('secret');
    expect(h.logs.at(-1)).toMatchObject({ level: 'error', err: expect.any(Error) });
  });

  it('gets prompts and refuses unknown ones', async () => {
    const got = await h.client.getPrompt({ name: 'daily_standup', arguments: { user: 'ann@x.example' } });
    expect(got.messages[0]?.content).toEqual({ type: 'text', text: 'standup for ann@x.example' });
    await expect(h.client.getPrompt({ name: 'nope' })).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    });
  });
});
