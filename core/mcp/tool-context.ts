// What a tool handler may use. Tools never see the Worksection client, tokens or the store directly: they
// get an Upstream bound to the calling client (fairness, cancellation, call-log attribution), the resolved
// "me", the clock and the result limits. Tests build a context over the sandbox (testing/harness.ts).
import type { DownloadedFile } from '../worksection/client.js';
import type { SchedulerStats } from '../worksection/scheduler.js';
import type { ActionResponse, JsonActionName, Me as MeProfile } from '../worksection/schemas.js';
import type { WsParams } from '../worksection/transport.js';

export interface UpstreamCallOptions {
  /** Skip data held from earlier calls (the answer is still kept for later ones). */
  fresh?: boolean;
}

export interface Upstream {
  /**
   * One Worksection action through the account's scheduler; throws the typed errors of worksection/errors.ts.
   * Reads may be answered from the response cache (see CallStats for what a call cost).
   */
  call<A extends JsonActionName>(
    action: A,
    params?: WsParams,
    opts?: UpstreamCallOptions,
  ): Promise<ActionResponse<A>>;
  download(fileId: string): Promise<DownloadedFile>;
}

/** What one tool call (or resource read, prompt get) cost upstream; the call log writes it down. */
export interface CallStats {
  /** Requests sent to Worksection on behalf of this call. */
  upstreamRequests: number;
  /** Reads answered from held data (the response cache, the file cache, derived answers). */
  cacheHits: number;
  /** Epoch ms when the oldest data this call used was fetched; the answer's `fetched_at`. */
  fetchedAt?: number;
}

/** Records that a call used data fetched at `at` (epoch ms): the answer is as old as its oldest part. */
export function noteFetched(stats: CallStats | undefined, at: number): void {
  if (stats && (stats.fetchedAt === undefined || at < stats.fetchedAt)) stats.fetchedAt = at;
}

/** The person "me" means: the OAuth token's user, or the configured user in admin-key mode. */
export interface Me {
  id: string;
  email: string;
  name: string;
  /** The whole user record as Worksection answered it when "me" was resolved (held for get_me). */
  profile: MeProfile;
  /** When "me" was fetched (epoch ms): get_me's answer is that old; other answers do not count it. */
  fetchedAt: number;
}

export interface ResultLimits {
  /** Every result must fit this many tokens (estimated at 4 characters a token). */
  budgetTokens: number;
  /** Items per page when the model gives no `limit`. */
  defaultPageSize: number;
  /** The largest `limit` a model may ask for. */
  maxPageSize: number;
}

export interface ToolContext {
  ws: Upstream;
  /** Who "me" is. Its age does not count toward the answer's fetched_at: knowing who "me" is is not data. */
  me(): Promise<Me>;
  /** 'oauth': a user's token (user-only actions work); 'admin': the account's API key. */
  authMode: 'oauth' | 'admin';
  signal: AbortSignal;
  /** The MCP client's token name (or 'stdio'): for fairness and the call log. */
  caller: string;
  now(): Date;
  /** The account's IANA time zone: what "today" and a zone-less time mean to its people. */
  timeZone: string;
  /** Today's ISO date in timeZone (log_time's default date, "overdue"). */
  today(): string;
  limits: ResultLimits;
  /** The upstream scheduler's queue, rate and retry figures (get_me check=true shows them). */
  upstreamStats?(): SchedulerStats;
  /** This call's upstream accounting, shared by every context derived from it (fresh()). */
  stats?: CallStats;
  /** The same call, but every read skips held data (a read tool's `fresh` argument). */
  fresh?(): ToolContext;
}
