// System toolset: which webhooks the account has. (Whether the connection works is get_me check=true,
// connection-health.ts.)
import { z } from 'zod';
import { WorksectionApiError } from '../../worksection/errors.js';
import type { Webhook } from '../../worksection/schemas.js';
import { defineTool, type AnyTool } from './kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from './kit/paging.js';
import { ToolError } from './kit/errors.js';

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
  description: "The account's webhooks (URL, events, projects, paused); needs administrative permission.",
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

export const systemTools: AnyTool[] = [listWebhooks];
