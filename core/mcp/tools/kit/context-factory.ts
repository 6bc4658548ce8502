// Builds the ToolContext of one tool call from the account's client: an Upstream bound to the caller and
// the call's AbortSignal, and "me" resolved once per account (OAuth: the `me` action; admin key: the
// configured email looked up among the users, since an admin key belongs to no user). Reads go through
// the response cache when one is given; every call counts what it cost upstream on its CallStats.
import type { WorksectionClient } from '../../../worksection/client.js';
import type { FileCacheScope } from '../../../upstream/cached-downloads.js';
import type { ResponseCacheScope } from '../../../upstream/cached-responses.js';
import { isoDateIn } from './dates.js';
import { type Me, type ResultLimits, type ToolContext } from './context.js';
import { noteFetched, noteUnreadable, type CallStats, type Upstream } from '../../../upstream/upstream.js';
import { ToolError } from './errors.js';
import { isWrite } from '../../../upstream/cache-policy.js';
import type { MirrorAccess } from './context.js';

export const DEFAULT_LIMITS: ResultLimits = { budgetTokens: 25_000, defaultPageSize: 50, maxPageSize: 200 };

export interface ToolContextFactoryOptions {
  client: WorksectionClient;
  /** Admin-key mode: the email of the user "me" means. */
  meEmail?: string;
  limits?: ResultLimits;
  now?: () => Date;
  /** The account's IANA time zone (config `timeZone`); default 'UTC', the sandbox's calendar. */
  timeZone?: string;
  /** The account's response cache (core/upstream/cached-responses.ts); without it every read goes upstream. */
  responses?: ResponseCacheScope;
  /** The file cache (core/upstream/cached-downloads.ts); without it every download goes upstream. */
  files?: FileCacheScope;
  /** The local mirror (core/mirror/): search reads it, and our writes reach it at once. */
  mirror?: MirrorAccess;
  /** Before a cached "me" is used: lets a sign-in made elsewhere surface (and forgetMe be called) first. */
  recheck?: () => Promise<unknown>;
}

export type ToolContextFactory = (call: { caller: string; signal: AbortSignal }) => ToolContext;

/** The factory plus a way to drop the cached "me" (another user signed in: "me" is someone else now). */
export type CachedMeToolContextFactory = ToolContextFactory & { forgetMe(): void };

export function createToolContextFactory(opts: ToolContextFactoryOptions): CachedMeToolContextFactory {
  const { client } = opts;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? 'UTC';
  const today = (): string => isoDateIn(now(), timeZone);
  let me: Promise<Me> | undefined;

  const resolveMe = async (ws: Upstream): Promise<Omit<Me, 'fetchedAt'>> => {
    if (client.mode === 'oauth') {
      const { data } = await ws.call('me');
      return { id: data.id, email: data.email, name: data.name, profile: data };
    }
    if (!opts.meEmail) {
      throw new ToolError(
        'This connection uses an admin API key, which belongs to no user, and no "me" email is configured.',
        'Pass an explicit user email instead of "me", or set the account\'s "me" email in the settings.',
      );
    }
    const wanted = opts.meEmail.toLowerCase();
    const { data } = await ws.call('get_users');
    const user = data.find((u) => u.email.toLowerCase() === wanted);
    if (!user) {
      throw new ToolError(
        `The configured "me" email ${opts.meEmail} is not a user of this account.`,
        'Fix the "me" email in the settings; list_users shows the account\'s users.',
      );
    }
    const { rate: _rate, ...profile } = user;
    return { id: user.id, email: user.email, name: user.name, profile };
  };

  const resolveHeldMe = (ws: Upstream): Promise<Me> => {
    // A failed lookup is not cached: the next call tries again.
    const resolving = resolveMe(ws).then(
      (resolved): Me => ({ ...resolved, fetchedAt: now().getTime() }),
      (err: unknown) => {
        if (me === resolving) me = undefined;
        throw err;
      },
    );
    me = resolving;
    return resolving;
  };

  const factory: ToolContextFactory = ({ caller, signal }) => {
    opts.mirror?.noteCall();
    const stats: CallStats = { upstreamRequests: 0, cacheHits: 0 };
    // Requests that reach Worksection: counted here, whatever sits in front.
    const upstreamFor = (into: CallStats, fresh: boolean): Upstream => {
      const fetched = <T>(answer: Promise<T>): Promise<T> =>
        answer.then((value) => {
          noteFetched(into, now().getTime());
          return value;
        });
      const direct: Upstream = {
        call: (action, params) => {
          into.upstreamRequests += 1;
          const answer = fetched(client.call(action, params, { caller, signal }));
          const { mirror } = opts;
          if (!mirror || !isWrite(action)) return answer;
          return answer.then((value) => {
            mirror.noteWrite(action, params, value);
            return value;
          });
        },
        download: (fileId) => {
          if (opts.files) return opts.files.download(fileId, { caller, signal, stats: into });
          into.upstreamRequests += 1;
          return fetched(client.download(fileId, { caller, signal }));
        },
      };
      return opts.responses ? opts.responses.wrap(direct, into, { fresh }) : direct;
    };
    // The "me" look-up counts as this call's requests, but its age is not the answer's (kit/context.ts).
    const lookUpMe = async (fresh: boolean, cached: () => Promise<Me> | undefined): Promise<Me> => {
      const own: CallStats = { upstreamRequests: 0, cacheHits: 0 };
      try {
        return await (cached() ?? resolveHeldMe(upstreamFor(own, fresh)));
      } finally {
        stats.upstreamRequests += own.upstreamRequests;
        stats.cacheHits += own.cacheHits;
      }
    };
    const context = (fresh: boolean): ToolContext => {
      const inner = upstreamFor(stats, fresh);
      const ws: Upstream = {
        call: async (action, params, o) => {
          const answer = await inner.call(action, params, o);
          noteUnreadable(stats, answer);
          return answer;
        },
        download: (fileId) => inner.download(fileId),
      };
      let freshMe: Promise<Me> | undefined;
      return {
        ws,
        authMode: client.mode,
        caller,
        signal,
        now,
        timeZone,
        today,
        limits,
        stats,
        upstreamStats: () => client.scheduler.stats(),
        ...(opts.mirror ? { mirror: opts.mirror } : {}),
        fresh: () => context(true),
        async me() {
          // A fresh call looks "me" up again, once (and holds the new answer for later calls).
          if (!fresh && me && opts.recheck) await opts.recheck();
          if (!fresh) return lookUpMe(false, () => me);
          freshMe ??= lookUpMe(true, () => undefined);
          return freshMe;
        },
      };
    };
    return context(false);
  };
  return Object.assign(factory, {
    forgetMe() {
      me = undefined;
    },
  });
}
