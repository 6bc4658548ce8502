// What a tool handler may use. Tools never see the Worksection client, tokens or the store directly: they
// get an Upstream bound to the calling client (fairness, cancellation, call-log attribution), the resolved
// "me", the clock and the result limits. Tests build a context over the sandbox (testing/harness.ts).
import type { CallStats, Upstream } from '../../../upstream/upstream.js';
import type { SchedulerStats } from '../../../worksection/scheduler/scheduler.js';
import type { Mirror } from '../../../mirror/mirror.js';

/** What tools reach of the local mirror: its search, its progress, and our writes reflected at once. */
export type MirrorAccess = Pick<Mirror, 'search' | 'noteWrite' | 'noteCall' | 'progress'>;
import type { Me as MeProfile } from '../../../worksection/schemas.js';
import type { ChangeJournal, ChangeRow } from '../../../store/change-journal.js';

/** The person "me" means: the OAuth token's user, or the configured user in admin-key mode. */
export interface Me {
  id: string;
  email: string;
  name: string;
  /** The whole user record as Worksection answered it when "me" was resolved (cached for get_me). */
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
  /** The account's local mirror, when it is on (the search tool). */
  mirror?: MirrorAccess;
  /** This call's upstream accounting, shared by every context derived from it (fresh()). */
  stats?: CallStats;
  /** The same call, but every read skips cached data (a read tool's `fresh` argument). */
  fresh?(): ToolContext;
  /** The change journal (list_changes, undo_change); set by the MCP server. */
  changes?: Pick<ChangeJournal, 'get' | 'list' | 'markUndone'>;
  /** A write's own journal id while it runs (undo_change links the change it undoes to it). */
  changeId?: number;
  /** A resumable write's earlier run with the same idempotency_key that did not finish (its requests). */
  resumes?: Pick<ChangeRow, 'id' | 'time' | 'requests'>;
  /** MCP progress notifications, when the client asked for them (a progressToken). */
  progress?(done: number, total: number, message?: string): void;
}
