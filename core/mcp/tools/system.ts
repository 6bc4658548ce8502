// System toolset: is the connection to Worksection working (and how busy is the request queue), and which
// webhooks the account has. health_check reports failures as data instead of failing: it is the tool a
// model calls to find out what is wrong.
import { z } from 'zod';
import { isWorksectionError, WorksectionApiError } from '../../worksection/errors.js';
import type { Webhook } from '../../worksection/schemas.js';
import { defineTool, type AnyTool } from './kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from './kit/paging.js';
import { personShape } from './shapes/common.js';
import type { ToolContext } from './kit/context.js';
import { ToolError, mapToolFailure } from './kit/errors.js';

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

const healthCheck = defineTool({
  name: 'health_check',
  title: 'Health check',
  toolset: 'system',
  effect: 'read',
  description:
    'Checks the connection to Worksection: whether it answers, with which kind of sign-in, who "me" is, ' +
    'and how busy the request queue is (Worksection allows about one request a second). Call it when ' +
    'other tools fail with sign-in or availability errors.',
  input: z.object({}),
  output: z.object({
    status: z
      .enum(['ok', 'degraded', 'down'])
      .describe('ok; degraded = reachable but "me" is unknown; down.'),
    auth_mode: z
      .enum(['oauth', 'admin'])
      .describe("oauth = a personal sign-in; admin = the account's API key."),
    upstream: z.object({
      reachable: z.boolean(),
      problem: z.string().optional().describe('What went wrong, with what to do about it.'),
    }),
    me: personShape.nullable().describe('Who "me" is; null when it cannot be resolved.'),
    me_problem: z.string().optional(),
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
  }),
  async handle(_args, ctx) {
    let reachable = true;
    let problem: string | undefined;
    try {
      await probe(ctx);
    } catch (err) {
      if (!isWorksectionError(err)) throw err;
      reachable = false;
      problem = problemText(err);
    }
    let me: z.infer<typeof personShape> | null = null;
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
    return {
      status: !reachable ? ('down' as const) : me ? ('ok' as const) : ('degraded' as const),
      auth_mode: ctx.authMode,
      upstream: problem === undefined ? { reachable } : { reachable, problem },
      me,
      ...(meProblem === undefined ? {} : { me_problem: meProblem }),
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
  },
});

const webhookShape = z.object({
  id: z.string(),
  url: z.string().describe('Where events are sent (credentials and query string left out).'),
  events: z.array(z.string()).describe('Event names, e.g. post_task, post_comment.'),
  status: z
    .enum(['active', 'paused'])
    .describe('paused: Worksection stopped it (e.g. after repeated errors).'),
  project_ids: z.array(z.string()).describe('The projects it is limited to; empty = all projects.'),
});

// Webhook URLs often carry secrets (tokens in the query, user:pass@); the model needs only where they go.
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(not a valid URL)';
  }
}

const list = (csv: string | undefined): string[] =>
  (csv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const webhookOf = (w: Webhook) => ({
  id: w.id,
  url: safeUrl(w.url),
  events: list(w.events),
  status: w.status,
  project_ids: list(w.projects),
});

const listWebhooks = defineTool({
  name: 'list_webhooks',
  title: 'List webhooks',
  toolset: 'system',
  effect: 'read',
  description:
    "Lists the account's webhooks: where they send which events, for which projects, and whether " +
    'Worksection paused them. Needs the "administrative" permission.',
  input: z.object({ ...pagingInput }),
  output: z.object({ items: z.array(webhookShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const res = await ctx.ws.call('get_webhooks').catch((err: unknown) => {
      if (err instanceof WorksectionApiError && err.statusCode === 3) {
        throw new ToolError(
          'This connection may not read webhooks: it needs Worksection\'s "administrative" permission.',
          "Sign in again granting the administrative scope, or use the account's admin API key.",
        );
      }
      throw err;
    });
    return paginate(res.data.map(webhookOf), {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_webhooks', args),
      limits: ctx.limits,
    });
  },
});

export const systemTools: AnyTool[] = [healthCheck, listWebhooks];
