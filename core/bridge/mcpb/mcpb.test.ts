// The Claude Desktop extension as it ships: built by `npm run bundle:mcpb`'s script with the official
// packer, its manifest validated by mcpb's own validator, unpacked into a folder with no node_modules
// anywhere above it, and its entry point run under plain Node by the SDK's stdio client exactly as the
// manifest tells Claude to (env from the user settings) against `wsmcp serve --demo`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackExtension, validateManifest } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runNode } from '../../mcp/e2e/cli-run.js';
import { CLI, freePort, startApp, type AppProcess } from '../testing/app-process.js';

interface Manifest {
  server: {
    entry_point: string;
    mcp_config: { command: string; args: string[]; env: Record<string, string> };
  };
  user_config: Record<string, { sensitive?: boolean; required?: boolean; default?: string }>;
}

let work: string;
let dir: string;
let app: AppProcess;
let manifest: Manifest;
let token: string;

/** The manifest's command line with Claude's substitutions: ${__dirname} and the user's settings. */
function launch(settings: { token: string; url: string }): {
  command: string;
  args: string[];
  env: Record<string, string>;
} {
  const sub = (s: string): string =>
    s
      .replace('${__dirname}', dir)
      .replace('${user_config.token}', settings.token)
      .replace('${user_config.url}', settings.url);
  const { command, args, env } = manifest.server.mcp_config;
  expect(command).toBe('node');
  return {
    command: process.execPath,
    args: args.map(sub),
    env: { PATH: '/nonexistent', ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, sub(v)])) },
  };
}

async function connectClient(settings: { token: string; url: string }): Promise<Client> {
  const client = new Client({ name: 'mcpb-e2e', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ ...launch(settings), cwd: dir, stderr: 'pipe' }), {
    timeout: 20_000,
  });
  return client;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wsmcp-mcpb-'));
  const built = await runNode(
    join(REPO_ROOT, 'dist/core/bridge/mcpb/pack.js'),
    [join(work, 'worksection.mcpb')],
    { env: process.env, cwd: work },
  );
  expect(built.code, built.stderr).toBe(0);
  dir = join(work, 'unpacked');
  expect(
    await unpackExtension({ mcpbPath: join(work, 'worksection.mcpb'), outputDir: dir, silent: true }),
  ).toBe(true);
  manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const dataDir = join(work, 'data');
  app = await startApp(dataDir, await freePort());
  const created = await runNode(
    CLI,
    ['token', 'create', '--name', 'Claude Desktop', '--demo', '--data-dir', dataDir, '--json'],
    { env: process.env, cwd: work },
  );
  token = (JSON.parse(created.stdout) as { token: string }).token;
});

afterAll(async () => {
  await app?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('the Claude Desktop extension (.mcpb)', () => {
  it("passes mcpb's own manifest validation and keeps the token in a sensitive setting", () => {
    expect(validateManifest(join(dir, 'manifest.json'))).toBe(true);
    expect(manifest.user_config.token).toMatchObject({ sensitive: true, required: true });
    expect(manifest.user_config.url?.default).toBe('http://127.0.0.1:7341/mcp');
  });

  it('answers tools/list and a tool call against the running app, on plain Node with nothing installed', async () => {
    const client = await connectClient({ token, url: app.mcpUrl });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_me', 'list_projects']));
      const me = await client.callTool({ name: 'get_me', arguments: {} });
      expect(me.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('tells the user to paste a token into its settings when the app refuses it', async () => {
    const client = await connectClient({ token: 'wsmcp_wrong', url: app.mcpUrl });
    try {
      const r = await client.callTool({ name: 'health_check', arguments: {} });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r.content)).toMatch(
        /refused this client's token.*paste it into this extension's settings/,
      );
    } finally {
      await client.close();
    }
  });

  it('says as a tool error that the app must be started when it is not running', async () => {
    const client = await connectClient({ token, url: `http://127.0.0.1:${await freePort()}/mcp` });
    try {
      const r = await client.callTool({ name: 'list_projects', arguments: {} });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r.content)).toContain('Ask the user to start the Worksection MCP app');
    } finally {
      await client.close();
    }
  });
});
