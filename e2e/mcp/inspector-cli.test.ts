// The MCP Inspector's CLI mode (what developers and coding agents script against): tools/list and
// tools/call over Streamable HTTP with the bearer token as a header; its stdout is the JSON result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, type CliResult, isolatedHome, runNode, type Sandboxed } from './cli-run.js';
import { type RunningServe, startServe } from './serve-process.js';

let serve: RunningServe;
let home: Sandboxed;

beforeAll(async () => {
  [serve, home] = await Promise.all([startServe(), isolatedHome()]);
});

afterAll(async () => {
  await serve?.stop();
  await home?.cleanup();
});

function inspector(...args: string[]): Promise<CliResult> {
  return runNode(
    binPath('@modelcontextprotocol/inspector', 'mcp-inspector'),
    [
      '--cli',
      serve.mcpUrl,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${serve.token}`,
      '--connect-timeout',
      '10000',
      ...args,
    ],
    { env: home.env, cwd: home.home, timeoutMs: 30_000 },
  );
}

function json<T>(run: CliResult): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

interface ListedTool {
  name: string;
  inputSchema: { type: string };
  annotations?: { readOnlyHint?: boolean };
}
interface CallResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
}

describe('the MCP Inspector CLI', () => {
  it('lists the tools', async () => {
    const { tools } = json<{ tools: ListedTool[] }>(await inspector('--method', 'tools/list'));
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_me', 'list_projects']));
    for (const tool of tools) expect(tool.inputSchema.type, tool.name).toBe('object');
  });

  it('calls a tool with arguments', async () => {
    const result = json<CallResult>(
      await inspector('--method', 'tools/call', '--tool-name', 'list_projects', '--tool-arg', 'status=all'),
    );
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    const items = result.structuredContent?.items as { id: string; name: string }[];
    expect(items.length).toBeGreaterThan(0);
    // The text block carries the same answer for clients that ignore structuredContent.
    expect(result.content[0]?.type).toBe('text');
  });

  it('reports a refused token as a failure, not as a result', async () => {
    const run = await runNode(
      binPath('@modelcontextprotocol/inspector', 'mcp-inspector'),
      [
        '--cli',
        serve.mcpUrl,
        '--transport',
        'http',
        '--header',
        'Authorization: Bearer wsmcp_wrong',
        '--method',
        'tools/list',
      ],
      { env: home.env, cwd: home.home, timeoutMs: 30_000 },
    );
    expect(run.code).not.toBe(0);
  });
});
