// The one settings schema, parsed once at startup: defaults < <data dir>/config.json < WSMCP_* environment
// variables < command-line flags. Nothing else in core reads process.env; everything receives a Config.
// Every invalid value becomes one line naming where it came from, so a user knows what to fix.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, win32 } from 'node:path';
import { z } from 'zod';
import { TOOLSET_NAMES } from './mcp/toolsets.js';

/** Fixed so the client configs written once keep working after a restart. */
export const DEFAULT_PORT = 7341;
export const CONFIG_FILE_NAME = 'config.json';

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const flag = z.boolean({ error: 'must be true or false' });

export const settingsSchema = z.strictObject({
  dataDir: z.string({ error: 'must be a folder path' }).min(1, { error: 'must be a folder path' }),
  port: wholeNumber(0, 65_535).default(DEFAULT_PORT),
  /** Serve the built-in sandbox instead of a real account. */
  demo: flag.default(false),
  limits: z
    .strictObject({
      /** Every tool result fits this many tokens (Claude Code's default limit is 25k). */
      budgetTokens: wholeNumber(1_000, 1_000_000).default(25_000),
      defaultPageSize: wholeNumber(1, 1_000).default(50),
      maxPageSize: wholeNumber(1, 1_000).default(200),
    })
    .prefault({}),
  /** Defaults for the tool settings until the user changes them in the app (they are then persisted). */
  governance: z
    .strictObject({
      readOnly: flag.default(false),
      disabledToolsets: z
        .array(z.enum(TOOLSET_NAMES, { error: `must be toolset names from: ${TOOLSET_NAMES.join(', ')}` }))
        .default([]),
      disabledTools: z.array(z.string()).default([]),
    })
    .prefault({}),
  /** The Worksection account. Sign-in (and where its secrets live) arrives with the auth issue. */
  account: z
    .strictObject({
      url: z.url({ error: 'must be an account URL like https://<name>.worksection.com' }).optional(),
      authMode: z.enum(['oauth', 'admin'], { error: 'must be oauth or admin' }).default('oauth'),
      /** Admin-key mode: whose "me" the tools use. */
      meEmail: z.email({ error: 'must be an email address' }).optional(),
    })
    .prefault({}),
  http: z
    .strictObject({
      /** Larger requests get 413 before anything is parsed. */
      maxBodyBytes: wholeNumber(1_024, 64 * 1_048_576).default(1_048_576),
      /** Past this many MCP sessions the least recently used one is closed. */
      maxSessions: wholeNumber(1, 10_000).default(100),
    })
    .prefault({}),
});

export type Config = z.output<typeof settingsSchema>;

type Kind = 'string' | 'path' | 'int' | 'bool' | 'list';
interface Source {
  path: string[];
  kind: Kind;
}

const ENV: Record<string, Source> = {
  WSMCP_DATA_DIR: { path: ['dataDir'], kind: 'path' },
  WSMCP_PORT: { path: ['port'], kind: 'int' },
  WSMCP_DEMO: { path: ['demo'], kind: 'bool' },
  WSMCP_BUDGET_TOKENS: { path: ['limits', 'budgetTokens'], kind: 'int' },
  WSMCP_READ_ONLY: { path: ['governance', 'readOnly'], kind: 'bool' },
  WSMCP_DISABLED_TOOLSETS: { path: ['governance', 'disabledToolsets'], kind: 'list' },
  WSMCP_DISABLED_TOOLS: { path: ['governance', 'disabledTools'], kind: 'list' },
  WSMCP_ACCOUNT_URL: { path: ['account', 'url'], kind: 'string' },
  WSMCP_AUTH_MODE: { path: ['account', 'authMode'], kind: 'string' },
  WSMCP_ME_EMAIL: { path: ['account', 'meEmail'], kind: 'string' },
};

/** What commands may pass from their flags (raw strings, validated here like everything else). */
export interface ConfigFlags {
  dataDir?: string;
  port?: string;
  demo?: boolean;
}

const FLAGS: Record<keyof ConfigFlags, Source & { flag: string }> = {
  dataDir: { flag: '--data-dir', path: ['dataDir'], kind: 'path' },
  port: { flag: '--port', path: ['port'], kind: 'int' },
  demo: { flag: '--demo', path: ['demo'], kind: 'bool' },
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  flags?: ConfigFlags;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Where the app keeps its data when nothing says otherwise (each OS's convention). */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Worksection MCP');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Worksection MCP');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'worksection-mcp');
}

export const configFilePath = (dataDir: string): string => join(dataDir, CONFIG_FILE_NAME);

/** Where the store lives. Demo mode keeps its own (its tokens above all) apart from a real account's. */
export function storeLocation(config: Pick<Config, 'dataDir' | 'demo'>): { dir: string; dbFile: string } {
  const dir = config.demo ? join(config.dataDir, 'demo') : config.dataDir;
  return { dir, dbFile: join(dir, 'wsmcp.db') };
}

interface Layer {
  label: (path: string) => string;
  values: Record<string, unknown>;
}

function coerce(kind: Kind, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  switch (kind) {
    case 'int':
      return /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off|)$/i.test(raw)) return false;
      return raw;
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'path':
      return raw === '' ? raw : resolve(raw);
    case 'string':
      return raw;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

function getPath(source: unknown, path: readonly PropertyKey[]): unknown {
  let node = source;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? merge(prev, value) : value;
  }
  return out;
}

function fromSources<K extends string>(
  table: Record<K, Source>,
  raw: Partial<Record<K, string | boolean | undefined>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(table) as K[]) {
    const value = raw[key];
    if (value !== undefined) setPath(values, table[key].path, coerce(table[key].kind, value));
  }
  return values;
}

function readFileLayer(file: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    problems.push(`cannot read ${file}: ${(err as Error).message}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    problems.push(`${file} is not valid JSON (${(err as Error).message}); fix or delete it`);
    return {};
  }
  if (!isPlainObject(parsed)) {
    problems.push(`${file} must hold a JSON object of settings`);
    return {};
  }
  if ('dataDir' in parsed) {
    // The file lives in the data dir, so it cannot move it; only --data-dir or WSMCP_DATA_DIR can.
    problems.push(`${file}: "dataDir" cannot be set here; use --data-dir or WSMCP_DATA_DIR`);
    const { dataDir: _ignored, ...rest } = parsed;
    return rest;
  }
  return parsed;
}

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? homedir();
  const problems: string[] = [];

  for (const name of Object.keys(env)) {
    if (name.startsWith('WSMCP_') && !Object.hasOwn(ENV, name)) {
      problems.push(`unknown environment variable ${name}; known: ${Object.keys(ENV).join(', ')}`);
    }
  }
  const envRaw = Object.fromEntries(Object.keys(ENV).map((name) => [name, env[name]]));
  const envValues = fromSources(ENV, envRaw);
  const flagValues = fromSources(FLAGS, opts.flags ?? {});
  const dataDir =
    (getPath(flagValues, ['dataDir']) as string | undefined) ??
    (getPath(envValues, ['dataDir']) as string | undefined) ??
    defaultDataDir(platform, env, home);
  const file = configFilePath(dataDir);

  const envNames = new Map(Object.entries(ENV).map(([name, s]) => [s.path.join('.'), name]));
  const flagNames = new Map(Object.values(FLAGS).map((s) => [s.path.join('.'), s.flag]));
  const layers: Layer[] = [
    { label: () => 'the default', values: { dataDir } },
    { label: (p) => `"${p}" in ${file}`, values: readFileLayer(file, problems) },
    { label: (p) => envNames.get(p) ?? p, values: envValues },
    { label: (p) => flagNames.get(p) ?? p, values: flagValues },
  ];
  const merged = layers.reduce<Record<string, unknown>>((acc, l) => merge(acc, l.values), {});
  const result = settingsSchema.safeParse(merged);
  if (result.success && problems.length === 0) return result.data;

  for (const issue of result.error?.issues ?? []) {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `"${issue.path.join('.')}" in ${file}` : file;
      for (const key of issue.keys) problems.push(`unknown setting "${key}" in ${where}`);
      continue;
    }
    // The setting's own path (list items report the list), and the last layer that set it.
    const path = issue.path.filter((k) => typeof k === 'string').join('.');
    const layer = [...layers].reverse().find((l) => getPath(l.values, path.split('.')) !== undefined);
    const value = getPath(merged, path.split('.'));
    const where = layer ? layer.label(path) : path;
    problems.push(`${where} ${issue.message}, got ${JSON.stringify(value)}`);
  }
  // A list with several bad items is one problem.
  throw new ConfigError([...new Set(problems)]);
}
