// What the client-writer tests share: a temporary home per OS (Windows and macOS layouts laid out under a
// POSIX temp folder), a real client-token store in SQLite, the service wired to both, seed files in each
// client's own format, and a way to read back what was written in that format.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { createClientTokens } from '../../mcp/client-tokens.js';
import { openDatabase } from '../../store/db.js';
import type { ClientSpec, Entry } from '../client-spec.js';
import { createClientsService, type ClientsService, type ClientTokenStore } from '../clients-service.js';
import { hostOs, type ClientPlatform, type HostOs } from '../host-os.js';
import { headlessLauncher } from '../launcher.js';

export const PLATFORMS: ClientPlatform[] = ['darwin', 'win32', 'linux'];
export const LAUNCHER = headlessLauncher('/opt/wsmcp/node', '/opt/wsmcp/dist/core/cli.js');
export const MCP_URL = 'http://127.0.0.1:7341/mcp';
export const TOKEN_RE = /wsmcp_[A-Za-z0-9_-]{43}/g;

export interface Fixture {
  home: string;
  os: HostOs;
  tokens: ClientTokenStore;
  service(url?: string): ClientsService;
  close(): void;
}

export function fixture(platform: ClientPlatform): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'wsmcp-clients-'));
  const home = join(root, 'home');
  mkdirSync(home);
  const env =
    platform === 'win32'
      ? { APPDATA: join(home, 'AppData', 'Roaming'), LOCALAPPDATA: join(home, 'AppData', 'Local') }
      : {};
  const os = hostOs({ platform, home, env, join: posix.join });
  const db = openDatabase(join(root, 'wsmcp.db'));
  const store = createClientTokens(db);
  const tokens: ClientTokenStore = { create: store.create, revoke: store.revoke, identify: store.verify };
  const now = new Date('2026-03-04T05:06:07Z');
  return {
    home,
    os,
    tokens,
    service: (url = MCP_URL) =>
      createClientsService({ os, tokens, mcpUrl: url, launcher: LAUNCHER, now: () => now }),
    close() {
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const withPlaceholder = (text: string): string => text.replace(TOKEN_RE, 'wsmcp_<TOKEN>');

export function writeSeed(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const OTHER = { command: 'npx', args: ['-y', 'other-mcp'] };
const USERS = { command: 'npx', args: ['-y', 'worksection-mcp-community'] };

/** A file of the client's format holding another server and another setting; optionally a user's entry under our name. */
export function seedOthers(spec: ClientSpec, withUserEntry = false): string {
  const key = spec.serversKey[0]!;
  const servers = withUserEntry ? { other: OTHER, worksection: USERS } : { other: OTHER };
  if (spec.format === 'toml') {
    const user = withUserEntry
      ? '\n[mcp_servers.worksection]\ncommand = "npx"\nargs = ["-y", "worksection-mcp-community"]\n'
      : '';
    return `model = "gpt-5"\n\n[mcp_servers.other]\ncommand = "npx"\nargs = ["-y", "other-mcp"]\n${user}`;
  }
  return `${JSON.stringify({ theme: 'dark', [key]: servers, numStartups: 41 }, null, 4)}\n`;
}

/** The same with comments (and a trailing comma where the format allows it). */
export function seedComments(spec: ClientSpec): string {
  if (spec.format === 'toml') {
    return '# Codex settings\nmodel = "gpt-5" # the default\n\n[mcp_servers.other] # another server\ncommand = "npx"\nargs = ["-y", "other-mcp"]\n';
  }
  return `// my settings\n{\n  "theme": "dark", // keep this comment\n  /* servers */\n  "${spec.serversKey[0]}": {\n    "other": { "command": "npx", "args": ["-y", "other-mcp"] }, // other server\n  },\n}\n`;
}

export const seedBroken = (spec: ClientSpec): string =>
  spec.format === 'toml' ? '[mcp_servers\nurl = \n' : `{ "${spec.serversKey[0]}": {\n`;

/** Parses a written file as the client itself would, failing on anything the client would reject. */
export function parseAsClient(spec: ClientSpec, text: string): Record<string, unknown> {
  if (spec.format === 'toml') return parseToml(text) as Record<string, unknown>;
  if (spec.format === 'json') return JSON.parse(text) as Record<string, unknown>;
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true }) as Record<string, unknown>;
  if (errors.length) throw new Error(`not valid JSONC: ${JSON.stringify(errors)}`);
  return value;
}

export function entryIn(spec: ClientSpec, value: Record<string, unknown>): Entry | undefined {
  const servers = spec.serversKey.reduce<unknown>(
    (node, k) => (node as Record<string, unknown> | undefined)?.[k],
    value,
  );
  return (servers as Record<string, Entry> | undefined)?.worksection;
}

export const goldenPath = (spec: ClientSpec, name: string): string =>
  join(
    import.meta.dirname,
    '..',
    '__golden__',
    spec.id,
    `${name}.${spec.format === 'toml' ? 'toml' : 'json'}`,
  );
