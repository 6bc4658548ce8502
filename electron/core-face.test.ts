// The desktop host's face of core, without Electron: a real app on 127.0.0.1 (the demo account), the
// Claude Desktop entry the tray copies, the bridge that entry launches relaying to the app, a restart, and
// a first run on a data dir that was never signed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pipes } from '../core/bridge/testing/stdio-pipes.js';
import { loadConfig } from '../core/config.js';
import {
  CLIENT_ENTRIES,
  openCore,
  relayStdio,
  trustedOrigins,
  type CoreFace,
  type CoreSnapshot,
} from './core-face.js';

const LAUNCHER = {
  command: '/Applications/Worksection MCP.app/Contents/MacOS/Worksection MCP',
  args: ['--stdio'],
};
let dataDir = '';
let core: CoreFace | undefined;

afterEach(async () => {
  await core?.stop(0);
  core = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
});

function demoCore(): CoreFace {
  dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-core-face-'));
  const config = loadConfig({
    flags: { demo: true, port: '0', dataDir },
    env: { WSMCP_CLIENTS_HOME: join(dataDir, 'home'), WSMCP_TIME_ZONE: 'UTC' },
  });
  core = openCore(
    { log: () => undefined, openUrl: () => Promise.resolve(), control: { bridgeLauncher: LAUNCHER } },
    config,
  );
  return core;
}

describe('the desktop face of core', () => {
  it('lists every client core can connect', () => {
    expect(CLIENT_ENTRIES.map((c) => c.id)).toEqual(
      expect.arrayContaining(['claude-desktop', 'cursor', 'vscode']),
    );
    expect(CLIENT_ENTRIES.length).toBeGreaterThanOrEqual(10);
  });

  it("copies Claude Desktop's entry, whose bridge relays to the running app", async () => {
    const face = demoCore();
    await face.start();
    const server = face.snapshot().server;
    expect(server.kind).toBe('running');
    const mcpUrl = server.kind === 'running' ? server.mcpUrl : '';
    const entry = (
      JSON.parse(face.claudeDesktopConfig()) as {
        mcpServers: { worksection: { command: string; args: string[]; env: { WSMCP_TOKEN: string } } };
      }
    ).mcpServers.worksection;
    expect(entry.command).toBe(LAUNCHER.command);
    expect(entry.args).toEqual(['--stdio', 'bridge', '--url', mcpUrl]);
    expect(entry.env.WSMCP_TOKEN).toMatch(/^wsmcp_/);

    // What `<app> --stdio bridge --url …` runs with the entry's environment.
    const { transport, stdin, stdout } = pipes();
    const config = loadConfig({ flags: { dataDir, port: '0' }, env: { WSMCP_TOKEN: entry.env.WSMCP_TOKEN } });
    let started = 0;
    const relay = relayStdio({
      url: entry.args[3],
      config,
      stdin,
      stdout,
      log: () => undefined,
      startApp: () => void started++,
    });
    const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('list_projects');
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError).toBeFalsy();
    expect(started).toBe(0);
    await client.close();
    await relay;
  });

  it('a bridge without a token says how to connect, before anything runs', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-core-face-'));
    const { stdin, stdout } = pipes();
    await expect(
      relayStdio({
        url: undefined,
        config: loadConfig({ flags: { dataDir }, env: {} }),
        stdin,
        stdout,
        log: () => undefined,
        startApp: () => undefined,
      }),
    ).rejects.toThrow(/no client token.*connect this client again from the app/);
  });

  it('restarts without leaving the running state unannounced', async () => {
    const face = demoCore();
    await face.start();
    const seen: CoreSnapshot[] = [];
    face.subscribe((s) => seen.push(s));
    await face.restart();
    expect(seen.map((s) => [s.server.kind, s.restarting ?? false])).toEqual([
      ['running', true],
      ['stopping', true],
      ['stopped', true],
      ['starting', true],
      ['running', true],
      ['running', false],
    ]);
    await expect(face.mintUiAddress()).resolves.toMatch(/\/open\?code=/);
  });

  it('a data dir never signed in serves signed out, so the window can sign it in', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-core-face-'));
    const config = loadConfig({
      flags: { port: '0', dataDir },
      env: { WSMCP_PASSPHRASE: 'a passphrase long enough for the vault' },
    });
    core = openCore({ log: () => undefined, openUrl: () => Promise.resolve() }, config);
    await core.start();
    expect(core.snapshot()).toMatchObject({ server: { kind: 'running' }, account: { kind: 'signed_out' } });
  });

  it('trusts the consent page and the account for the system browser', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-core-face-'));
    const config = loadConfig({
      flags: { dataDir, oauthUrl: 'http://127.0.0.1:9123', accountUrl: 'https://acme.worksection.com' },
      env: {},
    });
    expect(trustedOrigins(config)).toEqual(['http://127.0.0.1:9123', 'https://acme.worksection.com']);
  });
});
