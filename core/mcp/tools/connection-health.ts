// Is the connection to Worksection working, who is "me", and how busy is the request queue: get_me with
// check=true. Failures are reported as data instead of failing: this is what a model calls to find out
// what is wrong when other tools fail.
import { z } from 'zod';
import { isWorksectionError } from '../../worksection/errors.js';
import type { Me, ToolContext } from './kit/context.js';
import { mapToolFailure, ToolError } from './kit/errors.js';

const problemText = (err: unknown): string => {
  const first = mapToolFailure(err).result.content[0];
  return first?.type === 'text' ? first.text : 'unknown failure';
};

/**
 * A cheap read that needs only a basic scope: `me` with a personal token, user groups with the admin key.
 * Always fresh: a cached answer would say nothing about the connection now.
 */
async function probe(ctx: ToolContext): Promise<void> {
  if (ctx.authMode === 'oauth') await ctx.ws.call('me', {}, { fresh: true });
  else await ctx.ws.call('get_user_groups', {}, { fresh: true });
}

export const connectionShape = z.object({
  status: z.enum(['ok', 'degraded', 'down']).describe('ok; degraded = reachable but "me" is unknown; down.'),
  reachable: z.boolean(),
  problem: z.string().optional().describe('What went wrong, with what to do about it.'),
  queue: z
    .object({
      queued: z.number().int(),
      in_flight: z.number().int(),
      rate_per_second: z.number().nullable().describe('The request rate limit; null when unlimited.'),
      requests_last_minute: z.number().int(),
      wait_p95_ms: z.number().describe('95th percentile of the time requests waited to start, recently.'),
      retries: z.record(z.string(), z.number().int()),
      failed: z.number().int().describe('Requests that failed since the app started.'),
    })
    .optional(),
});

export interface ConnectionHealth {
  connection: z.infer<typeof connectionShape>;
  me: Me | null;
  meProblem?: string;
}

export async function checkConnection(ctx: ToolContext): Promise<ConnectionHealth> {
  let reachable = true;
  let problem: string | undefined;
  try {
    await probe(ctx);
  } catch (err) {
    if (!isWorksectionError(err)) throw err;
    reachable = false;
    problem = problemText(err);
  }
  let me: Me | null = null;
  let meProblem: string | undefined;
  if (reachable) {
    try {
      me = await ctx.me();
    } catch (err) {
      if (!(err instanceof ToolError) && !isWorksectionError(err)) throw err;
      meProblem = problemText(err);
    }
  }
  const stats = ctx.upstreamStats?.();
  const connection: ConnectionHealth['connection'] = {
    status: !reachable ? 'down' : me ? 'ok' : 'degraded',
    reachable,
    ...(problem === undefined ? {} : { problem }),
    ...(stats
      ? {
          queue: {
            queued: stats.queued,
            in_flight: stats.inFlight,
            rate_per_second: Number.isFinite(stats.ratePerSecond) ? stats.ratePerSecond : null,
            requests_last_minute: stats.startsLastMinute,
            wait_p95_ms: stats.wait.p95,
            retries: { ...stats.retries },
            failed: stats.failed,
          },
        }
      : {}),
  };
  return { connection, me, ...(meProblem === undefined ? {} : { meProblem }) };
}
