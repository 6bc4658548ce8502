// A real client over the real wire: the MCP SDK's Streamable HTTP client against `wsmcp serve --demo` in
// its own process, authenticated with the token from the ready line. Answers are checked against the
// demo account (the sandbox's default: seed 1, size small, regenerated here) and the sandbox's request
// log, which shows that they came from upstream calls.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../core/sandbox/generate/index.js';
import type { SandboxRequest } from '../../core/sandbox/server.js';
import { type RunningServe, startServe } from './serve-process.js';

/** What `wsmcp serve --demo` serves: startSandbox()'s defaults. Names and ids do not depend on the date. */
const demo = generateAccount({ seed: 1, size: 'small', now: Date.now() });

async function upstreamActions(): Promise<string[]> {
  const rows = (await (await fetch(`${serve.sandboxUrl}/__sandbox/requests`)).json()) as SandboxRequest[];
  return rows.map((r) => r.action ?? '');
}

let serve: RunningServe;
let client: Client;

beforeAll(async () => {
  serve = await startServe();
  client = new Client({ name: 'e2e-sdk-client', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(serve.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${serve.token}` } },
    }),
  );
});

afterAll(async () => {
  await client?.close();
  await serve?.stop();
});

describe('the SDK Streamable HTTP client', () => {
  it('initializes a session and learns the server', () => {
    expect(client.getServerVersion()?.name).toBeTruthy();
    expect(client.getServerCapabilities()?.tools).toBeDefined();
  });

  it('lists tools, each with annotations and an object input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.annotations, tool.name).toBeDefined();
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
    }
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_me', 'list_projects']));
  });

  it('calls get_me and answers the signed-in sandbox user', async () => {
    const result = await client.callTool({ name: 'get_me', arguments: {} });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const me = result.structuredContent as { user: { email: string } };
    expect(me.user.email).toBe(demo.users.get(demo.ownerId)?.email);
  });

  it('calls list_projects and answers the sandbox projects, fetched upstream', async () => {
    const result = await client.callTool({ name: 'list_projects', arguments: { status: 'all' } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const answer = result.structuredContent as { items: { id: string; name: string }[]; total_count: number };
    const expected = [...demo.projects.values()].map((p) => ({ id: String(p.id), name: p.name }));
    expect(answer.items.map(({ id, name }) => ({ id, name }))).toEqual(expect.arrayContaining(expected));
    expect(answer.total_count).toBe(expected.length);
    // The same JSON travels as text for clients that ignore structuredContent.
    const text = (result.content as { type: string; text?: string }[])[0];
    expect(JSON.parse(text?.text ?? '')).toEqual(answer);
    expect(await upstreamActions()).toContain('get_projects');
  });

  it('reads the text of a PDF through the file cache (read_file)', async () => {
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      return result;
    };
    const projects = (await call('list_projects', { status: 'all' })).structuredContent as {
      items: { id: string; name: string }[];
    };
    const showcase = projects.items.find((p) => p.name === 'Website redesign');
    const files = (
      await call('list_files', {
        project_id: showcase?.id,
        include_task_files: true,
        name_contains: '.pdf',
      })
    ).structuredContent as { items: { id: string; name: string }[] };
    const pdf = files.items[0];
    expect(pdf, 'the showcase project has a PDF').toBeDefined();
    // Twice: the first read downloads into the file cache, the second is served from it (a Buffer).
    for (let i = 0; i < 2; i++) {
      const result = await call('read_file', { file_id: pdf?.id });
      const text = JSON.stringify(result.content);
      expect(text).toContain(pdf?.name.replace(/\.pdf$/, ''));
      expect(text).not.toMatch(/could not be (extracted|parsed)/);
    }
  });

  it('rejects a request without the bearer token', async () => {
    const anonymous = new Client({ name: 'e2e-anonymous', version: '1.0.0' });
    await expect(
      anonymous.connect(new StreamableHTTPClientTransport(new URL(serve.mcpUrl))),
    ).rejects.toThrow();
  });
});
