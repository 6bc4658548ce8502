// What a tool's ctx.ws is: one Worksection action (or file download) at a time, bound to the calling
// client, and what the call cost. The response and file caches (cached-responses.ts, cached-downloads.ts)
// wrap it; tools see only this interface, never the client, the caches or the store.
import type { DownloadedFile } from '../worksection/client.js';
import type { ActionResponse, JsonActionName } from '../worksection/schemas.js';
import type { WsParams } from '../worksection/transport.js';
import { unreadableOf, type UnreadableRecord } from '../worksection/tolerant-parse.js';

interface UpstreamCallOptions {
  /** Skip data cached from earlier calls (the answer is still kept for later ones). */
  fresh?: boolean;
  /**
   * get_events: the caller keeps only the events stamped from this whole minute on, which lies inside the
   * asked period by the cut's margin at least (activity-period.ts CUT_MARGIN_MS). The answer may then be
   * cut there from a held longer log, so it may lack the events before it that Worksection would give.
   */
  eventsFrom?: number;
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
  /** Reads answered from cached data (the response cache, the file cache, derived answers). */
  cacheHits: number;
  /** Epoch ms when the oldest data this call used was fetched; the answer's `fetched_at`. */
  fetchedAt?: number;
  /** Records of the answers used that did not fit our schemas, as Worksection sent them (tolerant-parse.ts). */
  unreadable?: UnreadableRecord[];
}

/** Notes the records `answer` set aside on the call's stats, once each. */
export function noteUnreadable(stats: CallStats, answer: unknown): void {
  for (const record of unreadableOf(answer)) {
    const list = (stats.unreadable ??= []);
    if (!list.some((r) => r.action === record.action && r.where === record.where)) list.push(record);
  }
}

/** Records that a call used data fetched at `at` (epoch ms): the answer is as old as its oldest part. */
export function noteFetched(stats: CallStats | undefined, at: number): void {
  if (stats && (stats.fetchedAt === undefined || at < stats.fetchedAt)) stats.fetchedAt = at;
}
