import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clientLocations,
  ConfigError,
  DEFAULT_PORT,
  loadConfig,
  osTimeZone,
  type LoadConfigOptions,
} from './config.js';
import { defaultDataDir } from './data-dir/paths.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsmcp-config-'));
  dirs.push(dir);
  if (config !== undefined) {
    writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  }
  return dir;
}

function problems(opts: LoadConfigOptions): string[] {
  try {
    loadConfig(opts);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('defaultDataDir', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/worksection-mcp');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' }, '/home/u')).toBe('/x/worksection-mcp');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(
      '/Users/u/Library/Application Support/Worksection MCP',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Worksection MCP',
    );
  });
});

describe('loadConfig', () => {
  it('gives the defaults with nothing set', () => {
    const config = loadConfig({ env: { XDG_DATA_HOME: '/nowhere-xdg' }, platform: 'linux', home: '/h' });
    expect(config).toEqual({
      dataDir: '/nowhere-xdg/worksection-mcp',
      port: DEFAULT_PORT,
      demo: false,
      timeZone: osTimeZone(),
      limits: { budgetTokens: 25_000, defaultPageSize: 50, maxPageSize: 200 },
      toolSettings: { readOnly: false, disabledToolsets: [], disabledTools: [] },
      account: { authMode: 'oauth' },
      vault: {},
      writes: { duplicateWindowSeconds: 60 },
      bridge: {},
      clients: {},
      http: { maxBodyBytes: 1_048_576, maxSessions: 100, maxConnections: 256 },
      openapi: { corsOrigins: [] },
      callLog: { retentionDays: 30, maxRows: 100_000 },
      responseCache: {
        enabled: true,
        freshSeconds: {
          timers: 10,
          tasks: 120,
          comments: 120,
          files: 300,
          time: 120,
          activity: 60,
          projects: 600,
          people: 900,
          tags: 900,
          webhooks: 600,
        },
        maxMb: 100,
      },
      mirror: {
        enabled: true,
        backgroundShare: 0.5,
        eventsEverySeconds: 120,
        quietEventsEverySeconds: 600,
        fullCheckHours: 24,
        startDelaySeconds: 10,
      },
      fileCache: { maxMb: 500, maxFileMb: 30, retentionDays: 30 },
    });
  });

  it('layers defaults < file < environment < flags', () => {
    const dir = dataDir({ port: 9000, limits: { budgetTokens: 5000 }, account: { authMode: 'admin' } });
    const fileOnly = loadConfig({ flags: { dataDir: dir }, env: {} });
    expect(fileOnly.port).toBe(9000);
    expect(fileOnly.limits).toEqual({ budgetTokens: 5000, defaultPageSize: 50, maxPageSize: 200 });
    expect(fileOnly.account.authMode).toBe('admin');

    const env = {
      WSMCP_PORT: '9100',
      WSMCP_DISABLED_TOOLSETS: 'files, time',
      WSMCP_READ_ONLY: 'yes',
    };
    const withEnv = loadConfig({ flags: { dataDir: dir }, env });
    expect(withEnv.port).toBe(9100);
    expect(withEnv.toolSettings).toEqual({
      readOnly: true,
      disabledToolsets: ['files', 'time'],
      disabledTools: [],
    });

    const withFlags = loadConfig({ flags: { dataDir: dir, port: '0', demo: true }, env });
    expect(withFlags.port).toBe(0);
    expect(withFlags.demo).toBe(true);
    expect(withFlags.limits.budgetTokens).toBe(5000);
  });

  it('takes the data dir from the environment, resolved to an absolute path', () => {
    const dir = dataDir({ port: 9001 });
    expect(loadConfig({ env: { WSMCP_DATA_DIR: dir } })).toMatchObject({ dataDir: dir, port: 9001 });
    expect(loadConfig({ flags: { dataDir: 'rel/x' }, env: {} }).dataDir).toBe(join(process.cwd(), 'rel/x'));
  });

  it('names the source of every invalid value, one line each', () => {
    const dir = dataDir({ limits: { budgetTokens: 'lots' }, colour: 'red', account: { url: 'nope' } });
    const found = problems({
      flags: { dataDir: dir, port: '70000' },
      env: { WSMCP_AUTH_MODE: 'magic', WSMCP_DISABLED_TOOLSETS: 'files,bogus,worse', WSMCP_PROT: '1' },
    });
    const file = join(dir, 'config.json');
    expect(found.sort()).toEqual(
      [
        'unknown environment variable WSMCP_PROT; known: ' +
          'WSMCP_DATA_DIR, WSMCP_PORT, WSMCP_DEMO, WSMCP_TIME_ZONE, WSMCP_BUDGET_TOKENS, WSMCP_READ_ONLY, ' +
          'WSMCP_DISABLED_TOOLSETS, WSMCP_DISABLED_TOOLS, WSMCP_OPENAPI_CORS_ORIGINS, WSMCP_MIRROR, WSMCP_ACCOUNT_URL, ' +
          'WSMCP_AUTH_MODE, WSMCP_ME_EMAIL, ' +
          'WSMCP_OAUTH_URL, WSMCP_CLIENT_ID, WSMCP_CLIENT_SECRET, WSMCP_REDIRECT_URI, WSMCP_SCOPES, ' +
          'WSMCP_API_KEY, WSMCP_PASSPHRASE, WSMCP_TOKEN, WSMCP_CLIENTS_HOME',
        `unknown setting "colour" in ${file}`,
        '--port must be a whole number from 0 to 65535, got 70000',
        `"limits.budgetTokens" in ${file} must be a whole number from 1000 to 1000000, got "lots"`,
        `"account.url" in ${file} must be the account address, like https://yourcompany.worksection.com, got "nope"`,
        'WSMCP_AUTH_MODE must be oauth or admin, got "magic"',
        'WSMCP_DISABLED_TOOLSETS must be toolset names from: projects, tasks, comments, files, time, ' +
          'people, tags, activity, analytics, system, got ["files","bogus","worse"]',
      ].sort(),
    );
  });

  it("reads the bridge's client token from WSMCP_TOKEN only, and never echoes a bad one", () => {
    const token = `wsmcp_${'a'.repeat(43)}`;
    expect(loadConfig({ env: { WSMCP_TOKEN: token }, platform: 'linux', home: '/h' }).bridge.token).toBe(
      token,
    );
    expect(problems({ env: { WSMCP_TOKEN: 'secret-looking-value' }, platform: 'linux', home: '/h' })).toEqual(
      ['WSMCP_TOKEN must be a client token (wsmcp_…); connect the client again to get one'],
    );
  });

  it("looks for clients' configs under WSMCP_CLIENTS_HOME alone when it is set", () => {
    const env = { XDG_CONFIG_HOME: '/real/.config', APPDATA: '/real/AppData' };
    const home = mkdtempSync(join(tmpdir(), 'wsmcp-clients-home-'));
    const config = loadConfig({ env: { ...env, WSMCP_CLIENTS_HOME: home }, platform: 'linux', home: '/h' });
    expect(config.clients.home).toBe(home);
    expect(clientLocations(config, { env, platform: 'linux', home: '/h' })).toMatchObject({
      home,
      env: { XDG_CONFIG_HOME: undefined, APPDATA: undefined },
    });
    const usual = loadConfig({ env, platform: 'linux', home: '/h' });
    expect(clientLocations(usual, { env, platform: 'linux', home: '/h' })).toMatchObject({
      home: '/h',
      env: { XDG_CONFIG_HOME: '/real/.config' },
    });
    rmSync(home, { recursive: true });
  });

  it('says so when the file is not JSON, or tries to move the data dir', () => {
    const bad = dataDir('{ port: 1');
    expect(problems({ flags: { dataDir: bad }, env: {} })).toEqual([
      expect.stringMatching(/config\.json is not valid JSON .*; fix or delete it$/),
    ]);
    const moving = dataDir({ dataDir: '/elsewhere' });
    expect(problems({ flags: { dataDir: moving }, env: {} })).toEqual([
      `${join(moving, 'config.json')}: "dataDir" cannot be set here; use --data-dir or WSMCP_DATA_DIR`,
    ]);
  });

  it('takes the time zone from the file or the environment, and names a bad one', () => {
    const dir = dataDir({ timeZone: 'Europe/Kyiv' });
    expect(loadConfig({ flags: { dataDir: dir }, env: {} }).timeZone).toBe('Europe/Kyiv');
    const env = { WSMCP_TIME_ZONE: 'Pacific/Kiritimati' };
    expect(loadConfig({ flags: { dataDir: dir }, env }).timeZone).toBe('Pacific/Kiritimati');
    expect(problems({ flags: { dataDir: dir }, env: { WSMCP_TIME_ZONE: 'Europe/Atlantis' } })).toEqual([
      'WSMCP_TIME_ZONE must be an IANA time zone name, like Europe/Kyiv or UTC, got "Europe/Atlantis"',
    ]);
    const bad = dataDir({ timeZone: 3 });
    expect(problems({ flags: { dataDir: bad }, env: {} })).toEqual([
      `"timeZone" in ${join(bad, 'config.json')} must be an IANA time zone name, like Europe/Kyiv or UTC, got 3`,
    ]);
  });

  it('rejects a flag value that is not a number', () => {
    expect(problems({ flags: { dataDir: dataDir(), port: 'abc' }, env: {} })).toEqual([
      '--port must be a whole number from 0 to 65535, got "abc"',
    ]);
  });

  it('takes the OpenAPI CORS origins from the file or the environment, exact origins only', () => {
    const dir = dataDir({ openapi: { corsOrigins: ['http://localhost:3000'] } });
    expect(loadConfig({ flags: { dataDir: dir }, env: {} }).openapi.corsOrigins).toEqual([
      'http://localhost:3000',
    ]);
    const env = { WSMCP_OPENAPI_CORS_ORIGINS: 'http://localhost:8080,https://webui.example' };
    expect(loadConfig({ flags: { dataDir: dir }, env }).openapi.corsOrigins).toEqual([
      'http://localhost:8080',
      'https://webui.example',
    ]);
    const bad = { WSMCP_OPENAPI_CORS_ORIGINS: 'http://localhost:3000/,*' };
    expect(problems({ flags: { dataDir: dir }, env: bad })).toEqual([
      expect.stringMatching(
        /^WSMCP_OPENAPI_CORS_ORIGINS must be web origins like http:\/\/localhost:3000 \(scheme, host and port; no path\)/,
      ),
    ]);
  });
});
