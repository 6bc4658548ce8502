// mcp-remote: how stdio-only hosts (Claude Desktop) reach a local HTTP server. The SDK's stdio client
// launches it exactly as such a host would, with the bearer token as a static header; HOME and its
// OAuth store live in a temporary folder, and `--transport http-only` keeps it on Streamable HTTP.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, isolatedHome, type Sandboxed } from './cli-run.js';
import { type RunningServe, startServe } from './serve-process.js';

let serve: RunningServe;
let home: Sandboxed;
let client: Client;
let bridgeLog = '';

beforeAll(async () => {
  [serve, home] = await Promise.all([startServe(), isolatedHome()]);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      binPath('mcp-remote', 'mcp-remote'),
      serve.mcpUrl,
      '--header',
      `Authorization: Bearer ${serve.token}`,
      '--transport',
      'http-only',
      // Bounds the browser sign-in it would start on a 401, so a regression fails fast instead of hanging.
      '--auth-timeout',
      '5',
    ],
    env: home.env as Record<string, string>,
    cwd: home.home,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => (bridgeLog += d.toString()));
  client = new Client({ name: 'e2e-mcp-remote', version: '1.0.0' });
  try {
    await client.connect(transport, { timeout: 20_000 });
  } catch (e) {
    throw new Error(`mcp-remote did not connect: ${(e as Error).message}\n${bridgeLog}`, { cause: e });
  }
});

afterAll(async () => {
  // Closing the stdio transport ends the mcp-remote process (stdin closes, then SIGTERM, then SIGKILL).
  await client?.close();
  await serve?.stop();
  await home?.cleanup();
});

describe('mcp-remote bridging stdio to the server', () => {
  it('lists the tools through the bridge', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_me', 'list_projects']));
    expect(bridgeLog).toContain('StreamableHTTPClientTransport');
  });

  it('calls a tool through the bridge', async () => {
    const result = await client.callTool({ name: 'get_me', arguments: {} });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect((result.structuredContent as { user: { email: string } }).user.email).toMatch(/@/);
  });
});
