// What the control API needs from the app, and nothing more. The routes depend only on this interface;
// wire/ connects it to the app's services (the one place to change when the app's composition changes).
// Methods throw ControlError for what the user can fix; anything else is a bug.
import type { AccountView, AdminSignIn, OAuthSignIn } from '../../shared/api/account.js';
import type { CacheClear, CacheView } from '../../shared/api/cache.js';
import type {
  ClientSummary,
  ConnectInput,
  CopyInput,
  CopyResponse,
  PreviewResponse,
  RemoveResponse,
  WriteResponse,
} from '../../shared/api/clients.js';
import type { OpenApiConnection, OpenApiTokenRequest } from '../../shared/api/openapi.js';
import type { CallRow, LogFacets, LogFilter, LogPage, LogPageQuery } from '../../shared/api/logs.js';
import type { Attention, LiveStats, ServerState } from '../../shared/api/server.js';
import type { SessionInfo } from '../../shared/api/session.js';
import type { SettingsChange, SettingsView } from '../../shared/api/settings.js';
import type { CreatedToken, CreateToken, TokenInfo } from '../../shared/api/tokens.js';
import type { ToolsChange, ToolsView } from '../../shared/api/tools.js';
import type { ChangesView, UndoResult } from '../../shared/api/changes.js';

export type Listener<T> = (value: T) => void;
export type Unsubscribe = () => void;

export interface ServerControl {
  state(): ServerState;
  /** Stops or starts the MCP endpoint (clients get 503 meanwhile); the app and this API keep running. */
  setRunning(on: boolean): Promise<ServerState>;
  subscribe(listener: Listener<ServerState>): Unsubscribe;
}

export interface AccountControl {
  view(): AccountView;
  /** Starts an OAuth sign-in; the view then carries the consent page's address until it ends. */
  signInOAuth(input?: OAuthSignIn): Promise<AccountView>;
  cancelSignIn(): AccountView;
  signInAdmin(input: AdminSignIn): Promise<AccountView>;
  signOut(): Promise<AccountView>;
  subscribe(listener: Listener<AccountView>): Unsubscribe;
}

export interface ToolsControl {
  view(): ToolsView;
  /** Applies at once: connected clients get tools/list_changed. */
  change(change: ToolsChange): ToolsView;
  subscribe(listener: Listener<ToolsView>): Unsubscribe;
}

export interface TokensControl {
  list(): TokenInfo[];
  create(input: CreateToken): CreatedToken;
  /** False when no token has that name. */
  revoke(name: string): boolean;
}

/** Connecting MCP clients (core/clients); ClientsError codes reach the UI as ControlError codes. */
export interface ClientsControl {
  list(): ClientSummary[];
  preview(input: ConnectInput): PreviewResponse;
  connect(input: ConnectInput): Promise<WriteResponse>;
  disconnect(client: string): Promise<RemoveResponse>;
  copy(input: CopyInput): CopyResponse;
  /** The Claude Desktop extension (.mcpb), built once on first use. */
  extension(): Promise<Uint8Array<ArrayBuffer>>;
  /** Where OpenAPI clients connect and how; with a scope, also a new token replacing the previous one. */
  openApi(scope?: OpenApiTokenRequest['scope']): OpenApiConnection;
}

export interface CallsControl {
  page(query: LogPageQuery): LogPage;
  facets(): LogFacets;
  /** The matching rows oldest first, in chunks (never all held at once). */
  export(format: 'csv' | 'jsonl', filter: LogFilter): AsyncIterable<string>;
  /** Each row once committed. */
  subscribe(listener: Listener<CallRow>): Unsubscribe;
}

export interface CacheControl {
  view(): CacheView;
  clear(which: CacheClear['cache']): CacheView;
  /** Starts a full sync of the local mirror at once (a no-op when the mirror is off). */
  syncNow(): CacheView;
}

export interface SettingsControl {
  view(): SettingsView;
  change(change: SettingsChange): SettingsView;
  /** Desktop only: the host's login item. */
  setLaunchAtLogin?(enabled: boolean): SettingsView;
}

export interface ChangesControl {
  view(): ChangesView;
  undo(changeId: number): Promise<UndoResult>;
}

export interface ControlServices {
  info: SessionInfo;
  changes: ChangesControl;
  server: ServerControl;
  account: AccountControl;
  tools: ToolsControl;
  tokens: TokensControl;
  clients: ClientsControl;
  calls: CallsControl;
  stats: { live(): LiveStats };
  cache: CacheControl;
  settings: SettingsControl;
  /** Problems only the host knows of (the desktop shell: port taken, keychain unavailable). */
  notices?(): Attention[];
}
