// Builds the ToolContext of one tool call from the account's client: an Upstream bound to the caller and
// the call's AbortSignal, and "me" resolved once per account (OAuth: the `me` action; admin key: the
// configured email looked up among the users, since an admin key belongs to no user).
import type { WorksectionClient } from '../worksection/client.js';
import type { Me, ResultLimits, ToolContext, Upstream } from './tool-context.js';
import { ToolError } from './tool-error.js';

export const DEFAULT_LIMITS: ResultLimits = { budgetTokens: 25_000, defaultPageSize: 50, maxPageSize: 200 };

export interface ToolContextFactoryOptions {
  client: WorksectionClient;
  /** Admin-key mode: the email of the user "me" means. */
  meEmail?: string;
  limits?: ResultLimits;
  now?: () => Date;
}

export type ToolContextFactory = (call: { caller: string; signal: AbortSignal }) => ToolContext;

export function createToolContextFactory(opts: ToolContextFactoryOptions): ToolContextFactory {
  const { client } = opts;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const now = opts.now ?? (() => new Date());
  let me: Promise<Me> | undefined;

  const resolveMe = async (ws: Upstream): Promise<Me> => {
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

  return ({ caller, signal }) => {
    const ws: Upstream = {
      call: (action, params) => client.call(action, params, { caller, signal }),
      download: (fileId) => client.download(fileId, { caller, signal }),
    };
    return {
      ws,
      authMode: client.mode,
      caller,
      signal,
      now,
      limits,
      upstreamStats: () => client.scheduler.stats(),
      me() {
        // A failed lookup is not cached: the next call tries again.
        me ??= resolveMe(ws).catch((err: unknown) => {
          me = undefined;
          throw err;
        });
        return me;
      },
    };
  };
}
