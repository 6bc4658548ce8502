// One MCP client as the writers see it: where its config file lives, the key that holds its servers, and
// the exact entry it expects. Each client is one small module in specs/ built from this shape.
import type { HostOs } from './host-os.js';

export type ConfigFormat = 'json' | 'jsonc' | 'toml';

/** The name our entry has in every client's server list. */
export const SERVER_NAME = 'worksection';

/** How a stdio client starts the bridge: an absolute executable, never a PATH lookup or npx. */
export interface BridgeLauncher {
  command: string;
  /** What comes before `bridge` (the CLI script, for Node or the app in Node mode). */
  args: string[];
  env?: Record<string, string>;
}

/** What an entry is made from. */
export interface EntryInput {
  /** The running app's MCP endpoint, http://127.0.0.1:PORT/mcp. */
  url: string;
  token: string;
  /** For stdio clients: how to start the bridge. */
  launcher: BridgeLauncher;
}

export type Entry = Record<string, unknown>;

export interface ClientSpec {
  id: string;
  label: string;
  /** 'http': the client speaks Streamable HTTP itself; 'stdio': it only launches commands (our bridge). */
  transport: 'http' | 'stdio';
  format: ConfigFormat;
  configPath(os: HostOs): string;
  /** Folders or files whose presence means the client is installed (any one is enough). */
  installMarkers(os: HostOs): string[];
  /** Path of the servers map inside the file, e.g. ['mcpServers']. */
  serversKey: string[];
  entry(input: EntryInput): Entry;
  /** What the user does after we wrote the file. */
  afterWrite: string;
  /** Where the client logs MCP problems, when it has such a place. */
  logs?(os: HostOs): string;
}

const BEARER = /^Bearer (\S+)$/;

/**
 * The product token in an entry, wherever a client keeps it: an Authorization header (`headers`,
 * Codex's `http_headers`) or the bridge's WSMCP_TOKEN. An entry holding one of our tokens was written for
 * this product (by us or by hand from our docs), so updating it is safe; anything else under our name
 * belongs to the user.
 */
export function tokenInEntry(entry: unknown): string | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  for (const key of ['headers', 'http_headers']) {
    const headers = e[key];
    if (headers && typeof headers === 'object') {
      const auth = (headers as Record<string, unknown>).Authorization;
      const match = typeof auth === 'string' ? BEARER.exec(auth) : null;
      if (match?.[1]) return match[1];
    }
  }
  const env = e.env;
  if (env && typeof env === 'object') {
    const token = (env as Record<string, unknown>).WSMCP_TOKEN;
    if (typeof token === 'string') return token;
  }
  return undefined;
}

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** The stdio entry that runs our bridge against the app. */
export function bridgeEntry(input: EntryInput): Entry {
  return {
    command: input.launcher.command,
    args: [...input.launcher.args, 'bridge', '--url', input.url],
    env: { ...input.launcher.env, WSMCP_TOKEN: input.token },
  };
}
