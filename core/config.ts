// The one settings schema, parsed once at startup: defaults < <data dir>/config.json < WSMCP_* environment
// variables < command-line flags. Nothing else in core reads process.env; everything receives a Config.
// Every invalid value becomes one line naming where it came from, so a user knows what to fix.
import { homedir } from 'node:os';
import { z } from 'zod';
import { accountUrlSchema, adminKeySettingsSchema } from './auth/api-key.js';
import { oauthUrlSchema, redirectUriSchema, scopesSchema } from './auth/settings.js';
import { isTimeZone } from './mcp/tools/kit/dates.js';
import { TOOLSET_NAMES } from './mcp/tools/kit/toolsets.js';
import { WRITE_POLICIES } from './mcp/tools/kit/write-args.js';
import { TOKEN_PATTERN } from './store/client-tokens.js';
import { rememberSecret } from './store/redaction.js';
import { MIN_PASSPHRASE_LENGTH } from './vault/passphrase.js';
import { configFilePath, defaultDataDir } from './data-dir/paths.js';
import { fromSources, getPath, merge, readFileLayer, withoutSecrets, type Source } from './config-sources.js';

/** Fixed so the client configs written once keep working after a restart. */
export const DEFAULT_PORT = 7341;
/** Worksection's OAuth2 server is global, not per account. */
export const DEFAULT_OAUTH_URL = 'https://worksection.com';
/** Registered with the OAuth app in Worksection; the callback listens exactly here during a sign-in. */
export const DEFAULT_REDIRECT_URI = 'https://localhost:8443/callback';

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const flag = z.boolean({ error: 'must be true or false' });

const ORIGIN_ERROR = 'must be web origins like http://localhost:3000 (scheme, host and port; no path)';
/** scheme://host[:port] exactly as a browser sends it in Origin (URL.origin), so a comparison is exact. */
const webOriginSchema = z.string({ error: ORIGIN_ERROR }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { error: ORIGIN_ERROR },
);

/** This machine's zone: the usual guess for where the account's people are. */
export function osTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

export const settingsSchema = z.strictObject({
  dataDir: z.string({ error: 'must be a folder path' }).min(1, { error: 'must be a folder path' }),
  port: wholeNumber(0, 65_535).default(DEFAULT_PORT),
  /** Serve the built-in sandbox instead of a real account. */
  demo: flag.default(false),
  /** The account's IANA time zone: what "today" (log_time's default date, overdue) and a zone-less time mean. */
  timeZone: z
    .string({ error: 'must be an IANA time zone name, like Europe/Kyiv or UTC' })
    .refine(isTimeZone, { error: 'must be an IANA time zone name, like Europe/Kyiv or UTC' })
    .default(osTimeZone),
  limits: z
    .strictObject({
      /** Every tool result fits this many tokens (Claude Code's default limit is 25k). */
      budgetTokens: wholeNumber(1_000, 1_000_000).default(25_000),
      defaultPageSize: wholeNumber(1, 1_000).default(50),
      maxPageSize: wholeNumber(1, 1_000).default(200),
    })
    .prefault({}),
  /**
   * Tool settings the config locks: read-only, or these toolsets and tools off, whatever the user saved in
   * the app (the app adds them to the saved settings and shows them as locked; see effectiveToolSettings).
   */
  toolSettings: z
    .strictObject({
      readOnly: flag.default(false),
      disabledToolsets: z
        .array(z.enum(TOOLSET_NAMES, { error: `must be toolset names from: ${TOOLSET_NAMES.join(', ')}` }))
        .default([]),
      disabledTools: z.array(z.string()).default([]),
      /** Locks the write policy at least this strict (apply < confirm_destructive < confirm_all). */
      writePolicy: z
        .enum(WRITE_POLICIES, { error: `must be one of ${WRITE_POLICIES.join(', ')}` })
        .optional(),
    })
    .prefault({}),
  /** The write guard (core/mcp/server/write-guard.ts). */
  writes: z
    .strictObject({
      /** The same create, log or comment from one client within this window is answered, not repeated. */
      duplicateWindowSeconds: wholeNumber(0, 3_600).default(60),
    })
    .prefault({}),
  /** The Worksection account `wsmcp login` signs in to (serve then uses what the sign-in saved). */
  account: z
    .strictObject({
      url: accountUrlSchema.optional(),
      authMode: z.enum(['oauth', 'admin'], { error: 'must be oauth or admin' }).default('oauth'),
      /** Admin-key mode: whose "me" the tools use. */
      meEmail: z.email({ error: 'must be an email address' }).optional(),
      /** Unset: the last sign-in's, else DEFAULT_OAUTH_URL (so a new `wsmcp login` reuses what worked). */
      oauthUrl: oauthUrlSchema.optional(),
      clientId: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).optional(),
      /** Secret: from the environment or a flag only; `wsmcp login` keeps it in the vault. */
      clientSecret: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, { error: 'must not be empty' })
        .optional(),
      /** Unset: the last sign-in's, else DEFAULT_REDIRECT_URI. */
      redirectUri: redirectUriSchema.optional(),
      /** Unset: the read scopes, plus the write scopes unless the server is read-only. */
      scopes: scopesSchema.optional(),
      /** Secret (admin-key mode): from the environment or stdin only; kept in the vault. */
      apiKey: adminKeySettingsSchema.shape.apiKey.optional(),
    })
    .prefault({}),
  /** Secret: the passphrase that locks the vault where no OS keychain is usable (WSMCP_PASSPHRASE only). */
  vault: z
    .strictObject({
      passphrase: z
        .string()
        .min(MIN_PASSPHRASE_LENGTH, { error: `must be at least ${MIN_PASSPHRASE_LENGTH} characters long` })
        .optional(),
    })
    .prefault({}),
  /** `wsmcp bridge`: the client token it forwards with (secret: WSMCP_TOKEN, written into the client's entry). */
  bridge: z
    .strictObject({
      token: z
        .string()
        .regex(TOKEN_PATTERN, {
          error: 'must be a client token (wsmcp_…); connect the client again to get one',
        })
        .optional(),
    })
    .prefault({}),
  /**
   * Where the Clients panel and `wsmcp connect` look for MCP clients' configs: unset, this user's home.
   * Set (tests, power users), that folder stands in for the home and the clients' own variables
   * (XDG_CONFIG_HOME, APPDATA…) are ignored, so nothing outside it is read or written.
   */
  clients: z
    .strictObject({
      home: z
        .string({ error: 'must be a folder path' })
        .min(1, { error: 'must be a folder path' })
        .optional(),
    })
    .prefault({}),
  http: z
    .strictObject({
      /** Larger requests get 413 before anything is parsed. */
      maxBodyBytes: wholeNumber(1_024, 64 * 1_048_576).default(1_048_576),
      /** Past this many MCP sessions the least recently used one is closed. */
      maxSessions: wholeNumber(1, 10_000).default(100),
      /** Open connections at most; past it the longest-idle one is closed, or 503 when all are busy. */
      maxConnections: wholeNumber(8, 4_096).default(256),
    })
    .prefault({}),
  /** The OpenAPI routes (/openapi.json, /tools/<name>, /docs) beside /mcp on the same port. */
  openapi: z
    .strictObject({
      /**
       * Web origins whose pages may call the OpenAPI routes from a browser (CORS), e.g. Open WebUI's
       * `http://localhost:3000`. None by default: only programs that are not browsers can call them.
       */
      corsOrigins: z.array(webOriginSchema).default([]),
    })
    .prefault({}),
  /** The call log (every MCP request): how long and how many rows are kept. */
  callLog: z
    .strictObject({
      retentionDays: wholeNumber(1, 3_650).default(30),
      maxRows: wholeNumber(1_000, 10_000_000).default(100_000),
    })
    .prefault({}),
  /** Worksection answers reused while fresh (core/upstream/cached-responses.ts): the upstream allows ~1 request/s. */
  responseCache: z
    .strictObject({
      enabled: flag.default(true),
      /** Seconds an answer stays fresh, per kind of data (0 = always fetched). Tools take `fresh` to skip it. */
      freshSeconds: z
        .strictObject({
          timers: wholeNumber(0, 86_400).default(10),
          tasks: wholeNumber(0, 86_400).default(120),
          comments: wholeNumber(0, 86_400).default(120),
          files: wholeNumber(0, 86_400).default(300),
          time: wholeNumber(0, 86_400).default(120),
          activity: wholeNumber(0, 86_400).default(60),
          projects: wholeNumber(0, 86_400).default(600),
          people: wholeNumber(0, 86_400).default(900),
          tags: wholeNumber(0, 86_400).default(900),
          webhooks: wholeNumber(0, 86_400).default(600),
        })
        .prefault({}),
      /** Total size of the cached answers; the least recently used go first. */
      maxMb: wholeNumber(1, 10_000).default(100),
    })
    .prefault({}),
  /**
   * The local mirror of the account (core/mirror/): synced in the background on the rate foreground calls
   * leave, searched by the search tool.
   */
  mirror: z
    .strictObject({
      enabled: flag.default(true),
      /** The largest share of the upstream rate background sync may use (0..1). */
      backgroundShare: z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1).default(0.5),
      /**
       * How often the activity log is asked what changed while in use: as often as held task lists and
       * discussions lapse (the tasks window), so polls keep them serving; a read between polls that needs
       * one asks for it (docs/decisions.md).
       */
      eventsEverySeconds: wholeNumber(10, 86_400).default(120),
      /** How often it is asked while no assistant has called for 10 minutes (a call asks it at once). */
      quietEventsEverySeconds: wholeNumber(10, 86_400).default(600),
      /** How often everything is listed again (what events do not report: tags, costs, timers). */
      fullCheckHours: wholeNumber(1, 720).default(24),
      /** Sync starts this long after the server does, so start-up calls go first. */
      startDelaySeconds: wholeNumber(0, 3_600).default(10),
    })
    .prefault({}),
  /** Downloaded attachments kept on disk (core/store/file-cache.ts), so a file is fetched once. */
  fileCache: z
    .strictObject({
      /** Total size on disk; the least recently used files go first. 0 keeps nothing. */
      maxMb: wholeNumber(0, 100_000).default(500),
      /** A larger download is stopped (30 MB: the most read_file extracts text from). */
      maxFileMb: wholeNumber(1, 1_000).default(30),
      /** A file fetched longer ago than this is dropped and fetched again when next needed. */
      retentionDays: wholeNumber(1, 3_650).default(30),
    })
    .prefault({}),
});

export type Config = z.output<typeof settingsSchema>;

const ENV: Record<string, Source> = {
  WSMCP_DATA_DIR: { path: ['dataDir'], kind: 'path' },
  WSMCP_PORT: { path: ['port'], kind: 'int' },
  WSMCP_DEMO: { path: ['demo'], kind: 'bool' },
  WSMCP_TIME_ZONE: { path: ['timeZone'], kind: 'string' },
  WSMCP_BUDGET_TOKENS: { path: ['limits', 'budgetTokens'], kind: 'int' },
  WSMCP_READ_ONLY: { path: ['toolSettings', 'readOnly'], kind: 'bool' },
  WSMCP_DISABLED_TOOLSETS: { path: ['toolSettings', 'disabledToolsets'], kind: 'list' },
  WSMCP_DISABLED_TOOLS: { path: ['toolSettings', 'disabledTools'], kind: 'list' },
  WSMCP_OPENAPI_CORS_ORIGINS: { path: ['openapi', 'corsOrigins'], kind: 'list' },
  WSMCP_MIRROR: { path: ['mirror', 'enabled'], kind: 'bool' },
  WSMCP_ACCOUNT_URL: { path: ['account', 'url'], kind: 'string' },
  WSMCP_AUTH_MODE: { path: ['account', 'authMode'], kind: 'string' },
  WSMCP_ME_EMAIL: { path: ['account', 'meEmail'], kind: 'string' },
  WSMCP_OAUTH_URL: { path: ['account', 'oauthUrl'], kind: 'string' },
  WSMCP_CLIENT_ID: { path: ['account', 'clientId'], kind: 'string' },
  WSMCP_CLIENT_SECRET: { path: ['account', 'clientSecret'], kind: 'string' },
  WSMCP_REDIRECT_URI: { path: ['account', 'redirectUri'], kind: 'string' },
  WSMCP_SCOPES: { path: ['account', 'scopes'], kind: 'list' },
  WSMCP_API_KEY: { path: ['account', 'apiKey'], kind: 'string' },
  WSMCP_PASSPHRASE: { path: ['vault', 'passphrase'], kind: 'string' },
  WSMCP_TOKEN: { path: ['bridge', 'token'], kind: 'string' },
  WSMCP_CLIENTS_HOME: { path: ['clients', 'home'], kind: 'path' },
};

/** Settings that are secrets: never read from the config file, never echoed in a message. */
const SECRETS: Record<string, string> = {
  'account.clientSecret': 'pass it to `wsmcp login` with --client-secret or WSMCP_CLIENT_SECRET',
  'account.apiKey': 'pipe it to `wsmcp login --api-key` or set WSMCP_API_KEY',
  'vault.passphrase': 'set WSMCP_PASSPHRASE',
  'bridge.token': "set WSMCP_TOKEN in the client's entry (`wsmcp connect` writes it)",
};

/** What commands may pass from their flags (raw strings, validated here like everything else). */
export interface ConfigFlags {
  dataDir?: string;
  port?: string;
  demo?: boolean;
  accountUrl?: string;
  meEmail?: string;
  oauthUrl?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scopes?: string;
}

const FLAGS: Record<keyof ConfigFlags, Source & { flag: string }> = {
  dataDir: { flag: '--data-dir', path: ['dataDir'], kind: 'path' },
  port: { flag: '--port', path: ['port'], kind: 'int' },
  demo: { flag: '--demo', path: ['demo'], kind: 'bool' },
  accountUrl: { flag: '--account-url', path: ['account', 'url'], kind: 'string' },
  meEmail: { flag: '--me-email', path: ['account', 'meEmail'], kind: 'string' },
  oauthUrl: { flag: '--oauth-url', path: ['account', 'oauthUrl'], kind: 'string' },
  clientId: { flag: '--client-id', path: ['account', 'clientId'], kind: 'string' },
  clientSecret: { flag: '--client-secret', path: ['account', 'clientSecret'], kind: 'string' },
  redirectUri: { flag: '--redirect-uri', path: ['account', 'redirectUri'], kind: 'string' },
  scopes: { flag: '--scopes', path: ['account', 'scopes'], kind: 'list' },
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

// config.json keys renamed since a release, old name → new: files written before keep working.
const RENAMED: Record<string, string> = { governance: 'toolSettings' };

function renamedKeys(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const [old, now] of Object.entries(RENAMED)) {
    if (Object.hasOwn(out, old) && !Object.hasOwn(out, now)) out[now] = out[old];
    delete out[old];
  }
  return out;
}

interface Layer {
  label: (path: string) => string;
  values: Record<string, unknown>;
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
    {
      label: (p) => `"${p}" in ${file}`,
      values: withoutSecrets(SECRETS, renamedKeys(readFileLayer(file, problems)), file, problems),
    },
    { label: (p) => envNames.get(p) ?? p, values: envValues },
    { label: (p) => flagNames.get(p) ?? p, values: flagValues },
  ];
  const merged = layers.reduce<Record<string, unknown>>((acc, l) => merge(acc, l.values), {});
  const result = settingsSchema.safeParse(merged);
  if (result.success && problems.length === 0) {
    // Secrets given in the environment or on the command line are redacted wherever they would be echoed.
    rememberSecret(result.data.account.clientSecret);
    rememberSecret(result.data.account.apiKey);
    rememberSecret(result.data.vault.passphrase);
    return result.data;
  }

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
    const got = Object.hasOwn(SECRETS, path) ? '' : `, got ${JSON.stringify(value)}`;
    problems.push(`${where} ${issue.message}${got}`);
  }
  // A list with several bad items is one problem.
  throw new ConfigError([...new Set(problems)]);
}

/**
 * Where MCP clients keep their configs on this machine: the OS, the home folder and the variables the
 * clients themselves honour (read here so that nothing else reads process.env). `wsmcp connect` and the
 * Clients panel pass it to core/clients. With `clients.home` set, that folder is the whole world.
 */
export function clientLocations(
  config: Pick<Config, 'clients'>,
  opts: Omit<LoadConfigOptions, 'flags'> = {},
): {
  platform: NodeJS.Platform;
  home: string;
  env: Record<
    'APPDATA' | 'LOCALAPPDATA' | 'XDG_CONFIG_HOME' | 'CODEX_HOME' | 'CLAUDE_CONFIG_DIR',
    string | undefined
  >;
} {
  const env = config.clients.home === undefined ? (opts.env ?? process.env) : {};
  const { APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME, CODEX_HOME, CLAUDE_CONFIG_DIR } = env;
  return {
    platform: opts.platform ?? process.platform,
    home: config.clients.home ?? opts.home ?? homedir(),
    env: { APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME, CODEX_HOME, CLAUDE_CONFIG_DIR },
  };
}
