// The comments toolset: a task's whole discussion (get_comments; get_task shows only the newest five) and
// posting to it.
import { z } from 'zod';
import type { WsParams } from '../../worksection/transport.js';
import type { AnyTool } from './kit/define-tool.js';
import { defineTool } from './kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from './kit/paging.js';
import { commentOf, commentShape } from './shapes/comment.js';
import { idArg, peopleArg, personArg } from './shapes/common.js';
import { createPeopleResolver } from './shapes/people-args.js';
import { ToolError } from './kit/errors.js';
import { authorParams, orNotFound, personList } from './tasks/shared.js';

export const listComments = defineTool({
  name: 'list_comments',
  title: 'List comments',
  toolset: 'comments',
  effect: 'read',
  description:
    "A task's comments with author, time, text and files; newest first (order=oldest reads it as a conversation).",
  input: z.object({
    task_id: idArg('The task.'),
    order: z.enum(['newest', 'oldest']).default('newest').describe('Which first.'),
    include_files: z.boolean().default(true).describe('Also list files.'),
    author: personArg('Comments by them.').optional(),
    ...pagingInput,
  }),
  output: z.object({ task_id: z.string(), items: z.array(commentShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const params = args.include_files ? { id_task: args.task_id, extra: 'files' } : { id_task: args.task_id };
    const { data } = await orNotFound(ctx.ws.call('get_comments', params), { task: args.task_id });
    let comments = data;
    if (args.author !== undefined) {
      const who = await createPeopleResolver(ctx).resolve(args.author);
      comments = comments.filter((c) => c.user_from.id === who.id);
    }
    // Worksection answers newest first.
    const items = (args.order === 'oldest' ? [...comments].reverse() : comments).map(commentOf);
    const page = paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_comments', args),
      limits: ctx.limits,
    });
    return { task_id: args.task_id, ...page };
  },
});

export const postComment = defineTool({
  name: 'post_comment',
  title: 'Post a comment',
  toolset: 'comments',
  effect: 'write',
  description:
    'Comment on a task (text and/or checklist); mentioned people and its subscribers are notified.',
  input: z.object({
    task_id: idArg('The task to comment on.'),
    text: z.string().min(1).optional().describe('Plain text.'),
    todo: z.array(z.string().min(1)).optional().describe('Checklist items.'),
    mention: peopleArg('People to mention and notify.').optional(),
  }),
  output: z.object({ task_id: z.string(), comment: commentShape }),
  // After a lost answer: is a comment with this text on the task?
  async verify(args, ctx) {
    if (args.text === undefined) throw new Error('a checklist-only comment cannot be recognised');
    const text = args.text;
    const { data } = await ctx.ws.call('get_comments', { id_task: args.task_id }, { fresh: true });
    return data.some((c) => c.text.includes(text));
  },
  async handle(args, ctx) {
    if (args.text === undefined && (args.todo ?? []).length === 0) {
      throw new ToolError('A comment needs text or checklist items.', 'Pass text, todo, or both.');
    }
    const params: Record<string, WsParams[string]> = { id_task: args.task_id, ...(await authorParams(ctx)) };
    if (args.text !== undefined) params.text = args.text;
    if (args.todo && args.todo.length > 0) params.todo = args.todo;
    const mentioned = await personList(args.mention, createPeopleResolver(ctx));
    if (mentioned.length > 0) params.mention = mentioned.map((p) => p.email).join(',');
    const { data } = await orNotFound(ctx.ws.call('post_comment', params), { task: args.task_id });
    return { task_id: args.task_id, comment: commentOf(data) };
  },
});

export const commentsTools: AnyTool[] = [listComments, postComment];
