// A client that launches the bridge while the app is not running: with a way to start the app (the desktop
// app starts itself into the tray), the bridge starts it once and the client's first session is the app's
// own, not the offline stand-in. Real CLI processes, a real MCP client over in-memory stdio pipes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from '../../e2e/mcp/cli-run.js';
import { runBridge } from './bridge.js';
import { CLI, freePort, startApp, type AppProcess } from './testing/app-process.js';
import { pipes } from './testing/stdio-pipes.js';

const dirs: string[] = [];
let app: AppProcess | undefined;
afterAll(async () => {
  await app?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the bridge starts the app when nothing answers', () => {
  it("starts it once and the client's session is the app's", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-bridge-start-'));
    dirs.push(dataDir);
    const made = await runNode(
      CLI,
      ['token', 'create', '--name', 'Claude Desktop', '--json', '--demo', '--data-dir', dataDir],
      { env: process.env, cwd: dataDir },
    );
    expect(made.code, made.stderr).toBe(0);
    const { token } = JSON.parse(made.stdout) as { token: string };
    const port = await freePort();
    let starts = 0;
    const { transport, stdin, stdout } = pipes();
    const log: string[] = [];
    const bridge = runBridge({
      url: `http://127.0.0.1:${port}/mcp`,
      token,
      stdin,
      stdout,
      log: (line) => log.push(line),
      startApp: () => {
        starts++;
        void startApp(dataDir, port).then((a) => (app = a));
      },
    });
    const client = new Client({ name: 'bridge-start', version: '1.0.0' });
    await client.connect(transport, { timeout: 30_000 });
    expect(starts).toBe(1);
    expect(log.join('\n')).toContain('starting the app');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('list_projects');
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError).toBeFalsy();
    await client.close();
    await bridge;
  });

  it('answers that the app is not running when it does not come up in time', async () => {
    const port = await freePort();
    const { transport, stdin, stdout } = pipes();
    let starts = 0;
    const bridge = runBridge({
      url: `http://127.0.0.1:${port}/mcp`,
      token: 'wsmcp_none',
      stdin,
      stdout,
      log: () => undefined,
      startApp: () => void starts++,
      startWaitMs: 600,
    });
    const client = new Client({ name: 'bridge-start', version: '1.0.0' });
    await client.connect(transport, { timeout: 10_000 });
    expect(starts).toBe(1);
    expect(client.getInstructions()).toMatch(/not running on this computer/);
    // Asked once per bridge: a later call does not start it again.
    await client.callTool({ name: 'health_check', arguments: {} });
    expect(starts).toBe(1);
    await client.close();
    await bridge;
  });
});
