// One search across the account: projects, tasks (names and descriptions) and comments, from the local
// mirror's full-text index (core/mirror/). Costs no request to Worksection; the answer says how much of
// the account the index covers, and fetched_at how current it is.
import { z } from 'zod';
import { noteFetched } from '../../upstream/upstream.js';
import type { MirrorProgress } from '../../mirror/mirror.js';
import { dateArg } from './kit/dates.js';
import { defineTool } from './kit/define-tool.js';
import { ToolError } from './kit/errors.js';
import { idArg, personArg } from './shapes/common.js';
import { resolvePerson } from './shapes/people-args.js';

const hitShape = z.object({
  kind: z.enum(['project', 'task', 'comment']),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  page: z.string(),
  date: z.string(),
  project: z.object({ id: z.string(), name: z.string() }),
  task: z.object({ id: z.string(), status: z.string() }).optional(),
});

const n = (v: number) => v.toLocaleString('en-US');

function coverageOf(c: {
  projects: number;
  tasks: number;
  discussedTasks: number;
  commentsIndexedFor: number;
}) {
  const rest = c.discussedTasks - c.commentsIndexedFor;
  return (
    `${n(c.projects)} projects and ${n(c.tasks)} tasks indexed; comments indexed for ${n(c.commentsIndexedFor)} ` +
    `of ${n(c.discussedTasks)} tasks with comments` +
    (rest > 0 ? ' (the rest are names and descriptions only).' : '.')
  );
}

function notReady(p: MirrorProgress): ToolError {
  const left = p.requestsLeft > 0 ? ` about ${Math.ceil(p.secondsLeft / 60)} min left` : '';
  return new ToolError(
    `The search index is still being built (${n(p.counts.tasks)} tasks so far;${left}).`,
    'Meanwhile list_tasks with `name` finds tasks by name; try search again later.',
  );
}

export const search = defineTool({
  name: 'search',
  title: 'Search',
  toolset: 'tasks',
  effect: 'read',
  description:
    'Full-text search of projects, tasks and comments: words (prefix, any case/accent) or "a phrase"; close spellings if none match.',
  input: z.object({
    query: z.string().min(1).max(300).describe('Words or "a phrase".'),
    kind: z.enum(['project', 'task', 'comment']).optional().describe('Only this.'),
    project_id: idArg('Project.').optional(),
    status: z.enum(['active', 'done']).optional().describe('Task status.'),
    assignee: personArg('Task assignee.').optional(),
    from: dateArg('Created since.').optional(),
    to: dateArg('Created until.').optional(),
    limit: z.number().int().min(1).max(50).default(10).describe('Most hits.'),
  }),
  output: z.object({
    items: z.array(hitShape),
    more: z.boolean(),
    corrected_to: z.array(z.string()).optional().describe('Close spellings searched instead.'),
    coverage: z.string(),
  }),
  async handle(args, ctx) {
    const { mirror } = ctx;
    if (!mirror) {
      throw new ToolError(
        'Search needs the local mirror of the account, which is switched off in the settings.',
        'Use list_tasks with `name`, or turn the mirror on (mirror.enabled).',
      );
    }
    const assignee = args.assignee === undefined ? undefined : await resolvePerson(ctx, args.assignee);
    const answer = mirror.search({
      text: args.query,
      limit: args.limit,
      ...(args.kind ? { kind: args.kind } : {}),
      ...(args.project_id ? { projectId: Number(args.project_id) } : {}),
      ...(args.status ? { status: args.status } : {}),
      ...(assignee ? { assigneeEmail: assignee.email } : {}),
      ...(args.from ? { from: args.from } : {}),
      ...(args.to ? { to: args.to } : {}),
    });
    const progress = mirror.progress();
    if (!answer) throw notReady(progress);
    if (ctx.stats) {
      ctx.stats.cacheHits += 1;
      noteFetched(ctx.stats, progress.lastSyncAt ?? ctx.now().getTime());
    }
    return {
      items: answer.hits,
      more: answer.more,
      ...(answer.correctedTo ? { corrected_to: answer.correctedTo } : {}),
      coverage: coverageOf(answer.coverage),
    };
  },
});
