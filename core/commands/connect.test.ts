// `wsmcp connect` as a user runs it, with HOME in a temporary folder: the list, a preview that changes
// nothing, a write, the printed config and links, a removal, and a usage mistake.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../bridge/testing/app-process.js';
import { runNode } from '../../e2e/mcp/cli-run.js';

let home: string;
let env: NodeJS.ProcessEnv;
const cursorFile = (): string => join(home, '.cursor', 'mcp.json');
const connect = (...args: string[]) =>
  runNode(CLI, ['connect', ...args, '--data-dir', join(home, 'data'), '--port', '7399'], { env, cwd: home });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'wsmcp-connect-'));
  env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe('wsmcp connect', () => {
  it('lists every client with where its config lives', async () => {
    const r = await connect('--list');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^CLIENT\s+NAME\s+INSTALLED\s+STATE\s+CONFIG FILE$/m);
    expect(r.stdout).toContain(
      `cursor           Cursor            no         not-connected  ${cursorFile()}`,
    );
  });

  it('previews without writing, then writes, then finds nothing to change', async () => {
    const preview = await connect('cursor');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('+      "url": "http://127.0.0.1:7399/mcp"');
    expect(preview.stdout).toContain('wsmcp connect cursor --write');
    expect(existsSync(cursorFile())).toBe(false);
    const write = await connect('cursor', '--write');
    expect(write.stdout).toContain(`Created ${cursorFile()}`);
    expect(JSON.parse(readFileSync(cursorFile(), 'utf8')).mcpServers.worksection.url).toBe(
      'http://127.0.0.1:7399/mcp',
    );
    expect((await connect('cursor', '--write')).stdout).toContain('already connected; nothing changed');
  });

  it('prints the config and the one-click link with the same token', async () => {
    const r = await connect('cursor', '--print');
    expect(r.code, r.stderr).toBe(0);
    const token = readFileSync(cursorFile(), 'utf8').match(/wsmcp_[A-Za-z0-9_-]{43}/)![0];
    expect(r.stdout).toContain(`"Authorization": "Bearer ${token}"`);
    expect(r.stdout).toContain('cursor://anysphere.cursor-deeplink/mcp/install?name=worksection&config=');
  });

  it('removes the entry and revokes its token', async () => {
    const r = await connect('cursor', '--remove');
    expect(r.stdout).toMatch(/Removed "worksection" from .*Its token "Cursor" was revoked/);
    expect(JSON.parse(readFileSync(cursorFile(), 'utf8')).mcpServers).toEqual({});
  });

  it('prints the OpenAPI URL, a token and the Open WebUI steps, and revokes that token', async () => {
    const r = await connect('openapi', '--print', '--scope', 'read');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('OpenAPI server  http://127.0.0.1:7399\n');
    expect(r.stdout).toContain('Try the tools   http://127.0.0.1:7399/docs');
    expect(r.stdout).toMatch(/Token {11}wsmcp_[A-Za-z0-9_-]{43} {3}\(read scope, named "OpenAPI"/);
    expect(r.stdout).toMatch(
      /URL: http:\/\/127\.0\.0\.1:7399 {3}OpenAPI spec: openapi\.json {3}Auth: Bearer/,
    );
    const removed = await connect('openapi', '--remove');
    expect(removed.stdout).toContain('Revoked the "OpenAPI" token');
    expect((await connect('openapi', '--remove')).stdout).toContain('There is no "OpenAPI" token');
    const write = await connect('openapi', '--write');
    expect(write.code).toBe(2);
    expect(write.stderr).toContain('use --print for the URL and a token');
  });

  it('names the clients on a usage mistake', async () => {
    const r = await connect('nosuch', '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no client is called "nosuch"; known: claude-desktop, claude-code, cursor');
  });
});
