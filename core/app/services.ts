// What a started app offers whoever drives it: the CLI's commands, the control API for the UI and the
// desktop shell all call these, so none of them keeps logic of its own. Each service is a thin face over
// the part of core that owns the fact (account/, mcp/inventory/, store/); nothing here decides anything.
import { firstSignIn } from '../account/first-sign-in.js';
import { signInAdmin, signInOAuth, type OAuthSignInOptions, type SignInResult } from '../account/login.js';
import { signOut, type SignOutResult } from '../account/logout.js';
import { servingSignIn, type ServingSignIn } from '../account/serving-sign-in.js';
import { accountSection, type AccountSection } from '../account/status.js';
import type { AccountStatus } from '../auth/account-state.js';
import { defaultScopes } from '../auth/settings.js';
import type { Config } from '../config.js';
import { ALL_TOOLS } from '../mcp/inventory/registry.js';
import type { LockedToolSettings, ToolSettings } from '../mcp/inventory/tool-settings.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ChangeRow } from '../store/change-journal.js';
import type { AnyTool } from '../mcp/tools/kit/define-tool.js';
import type { CallLogRow } from '../store/call-log.js';
import type { CallLogReader } from '../store/call-log-query.js';
import type { ClientTokens } from '../store/client-tokens.js';
import type { FileCacheStats } from '../store/file-cache.js';
import type { ResponseCacheStats } from '../store/response-cache.js';
import {
  collectStats,
  upstreamStats,
  type MirrorStats,
  type StoreStats,
  type UpstreamStats,
} from '../store/stats.js';
import type { AppMirror } from './mirror.js';
import { mintOpenCode, takeOpenCode } from '../store/ui-open-codes.js';
import { openConfigFile, type ConfigFile } from './config-file.js';
import type { AppHost } from './host.js';
import type { Core } from './core.js';
import type { ServerService } from './server-state.js';

type Unsubscribe = () => void;

interface AccountService {
  /** Signed in (as whom), signed out, or "sign-in needed" and why; never a secret. */
  state(): AccountStatus;
  subscribe(listener: (state: AccountStatus) => void): Unsubscribe;
  /** The saved sign-in as `wsmcp status` shows it (mode, scopes, token expiry as masked hints). */
  report(): Promise<AccountSection>;
  /** OAuth: the address goes to the host's openUrl unless the caller shows it itself. */
  signInOAuth(opts?: Partial<OAuthSignInOptions>): Promise<SignInResult>;
  signInAdmin(apiKey: string): Promise<SignInResult>;
  signOut(): Promise<SignOutResult>;
  /** Signing in again inside this serving process (the UI), with the kind it was started with. */
  serving: ServingSignIn;
}

interface ToolSettingsService {
  /** What applies now: the saved settings plus what the config locks. */
  effective(): ToolSettings;
  /** What the user saved (what the UI's switches show), and what the config locks (shown as locked). */
  saved(): ToolSettings;
  readonly locked: LockedToolSettings;
  /** Changes the saved settings; connected clients get tools/list_changed. Answers the effective ones. */
  update(patch: Partial<ToolSettings>): ToolSettings;
  /** Every tool with whether a write-scope client may call it now. */
  tools(): Array<{ tool: AnyTool; enabled: boolean }>;
  /** The >40-tools warning, if it applies. */
  warning(): string | undefined;
  /** Hears the effective settings after every change. */
  subscribe(listener: (effective: ToolSettings) => void): Unsubscribe;
}

interface CallLogService {
  /** Pages, filters, summaries and exports of the logged requests. */
  reader: CallLogReader;
  /** Hears each row once it is committed (the UI's live log). */
  subscribe(listener: (row: CallLogRow) => void): Unsubscribe;
}

interface CacheService<S> {
  stats(): S;
  /** Drops everything held; answers nothing the caller must act on. */
  clear(): void;
}

/** One-time codes that open a UI session (the printed address, `wsmcp open`, the desktop window). */
interface UiCodes {
  mint(ttlMs: number): string;
  /** True once for a valid code; it is gone afterwards. */
  take(code: string): boolean;
}

/** The change journal (the Changes panel) and undo, which runs undo_change so it is journaled too. */
interface ChangesService {
  list(limit: number): ChangeRow[];
  undo(changeId: number): Promise<CallToolResult>;
}

export interface AppServices {
  account: AccountService;
  changes: ChangesService;
  toolSettings: ToolSettingsService;
  tokens: ClientTokens;
  callLog: CallLogService;
  /** Figures for the status panel: caches, upstream budget, calls per tool and client. */
  stats(): StoreStats;
  /** The upstream budget alone (no scan of the call log): cheap enough to read every second. */
  upstream(): UpstreamStats;
  /** The response cache is absent (stats undefined) when the config turns it off. */
  caches: {
    responses: CacheService<ResponseCacheStats | undefined>;
    files: CacheService<FileCacheStats>;
    /** The local mirror; absent when the config turns it off. */
    mirror?: { stats(): MirrorStats; syncNow(): void };
  };
  server: ServerService;
  uiCodes: UiCodes;
  /** The data dir's config.json: what the next start uses, and saving changes to it. */
  configFile: ConfigFile;
}

/** The services over a started app's parts (core.ts); `server` reads the live serving state. */
export function createServices(
  config: Config,
  host: Pick<AppHost, 'openUrl' | 'log' | 'secretBackend' | 'control'>,
  core: Core,
  server: ServerService,
): AppServices {
  const { mcp, toolSettings, callLog } = core;
  return {
    account: {
      state: () => core.upstream.account.current,
      subscribe: (listener) => core.upstream.account.subscribe(listener),
      report: () => accountSection(config),
      signInOAuth: async (opts = {}) => {
        const openUrl = opts.openUrl ?? host.openUrl;
        if (!openUrl) throw new Error('this host cannot show a sign-in address: pass openUrl');
        return signInOAuth(config, { secretBackend: host.secretBackend, ...opts, openUrl });
      },
      signInAdmin: (apiKey) =>
        signInAdmin(config, () => Promise.resolve(apiKey), { secretBackend: host.secretBackend }),
      signOut: () => signOut(config),
      serving:
        core.upstream.firstSignIn && host.control?.restart
          ? firstSignIn(config, {
              secretBackend: host.secretBackend,
              restart: host.control.restart,
              oauthAppKnown: core.upstream.firstSignIn.oauthAppKnown,
              log: host.log,
            })
          : servingSignIn(core.upstream.signIn, core.upstream.account, {
              demo: config.demo,
              log: host.log,
              scopes: () => config.account.scopes ?? defaultScopes(!toolSettings.get().readOnly),
            }),
    },
    toolSettings: {
      effective: () => toolSettings.get(),
      saved: () => toolSettings.saved(),
      locked: toolSettings.locked,
      update: (patch) => toolSettings.update(patch),
      tools: () => {
        const enabled = new Set(mcp.enabledTools().map((t) => t.name));
        return ALL_TOOLS.map((tool) => ({ tool, enabled: enabled.has(tool.name) }));
      },
      warning: () => mcp.warning(),
      subscribe: (listener) => toolSettings.subscribe(listener),
    },
    changes: {
      list: (limit) => mcp.writes.journal.list({ limit }),
      undo: (changeId) =>
        mcp.callTool({
          name: 'undo_change',
          args: { change_id: changeId },
          caller: 'app',
          scope: 'write',
          signal: new AbortController().signal,
          method: 'tools/call',
        }),
    },
    tokens: core.tokens,
    callLog: { reader: callLog, subscribe: (listener) => callLog.subscribe(listener) },
    stats: () =>
      collectStats({
        files: core.files,
        responses: core.responseCache,
        scheduler: core.upstream.client.scheduler,
        calls: callLog,
        mirror: core.mirror,
      }),
    upstream: () => upstreamStats(core.upstream.client.scheduler.stats()),
    caches: {
      responses: {
        stats: () => core.responseCache?.stats(),
        clear: () => core.responseCache?.clear(),
      },
      files: { stats: () => core.files.stats(), clear: () => void core.files.clear() },
      ...(core.mirror ? { mirror: mirrorService(core.mirror) } : {}),
    },
    server,
    uiCodes: {
      mint: (ttlMs) => mintOpenCode(core.codes, ttlMs),
      take: (code) => takeOpenCode(core.codes, code),
    },
    configFile: openConfigFile(config),
  };
}

const mirrorService = (m: AppMirror) => ({ stats: () => m.stats(), syncNow: () => m.syncNow() });
