// Small tools that exercise every path of the server (answers, media, each kind of failure) for the
// framework's own tests. They are not part of the product.
import { z } from 'zod';
import { AuthExpiredError, UpstreamUnavailableError, WorksectionApiError } from '../../worksection/errors.js';
import { dateArg } from '../tools/kit/dates.js';
import { defineTool, mediaReply, type AnyTool } from '../tools/kit/define-tool.js';
import { idArg } from '../tools/shapes/common.js';
import { ToolError } from '../tools/kit/errors.js';

export const echoTool = defineTool({
  name: 'get_echo',
  title: 'Echo',
  toolset: 'system',
  effect: 'read',
  description: 'Answers with its arguments, normalised (ids as strings, ISO dates).',
  input: z.object({
    id: idArg('Any numeric id.'),
    when: dateArg('Any date.').optional(),
    tags: z.array(z.string()).default([]).describe('Any labels.'),
  }),
  output: z.object({
    id: z.string(),
    when: z.string().optional(),
    tags: z.array(z.string()),
  }),
  handle: async (args) => args,
});

export const meTool = defineTool({
  name: 'get_whoami',
  title: 'Who am I',
  toolset: 'people',
  effect: 'read',
  description: 'The signed-in user, resolved through the upstream client.',
  input: z.object({}),
  output: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  handle: async (_args, ctx) => ctx.me(),
});

export const taskTool = defineTool({
  name: 'get_task_name',
  title: 'Task name',
  toolset: 'tasks',
  effect: 'read',
  description: 'The name of one task, read from Worksection (errors pass through to the server).',
  input: z.object({ task_id: idArg('The task id.') }),
  output: z.object({ name: z.string() }),
  handle: async ({ task_id }, ctx) => {
    const { data } = await ctx.ws.call('get_task', { id_task: task_id });
    return { name: data.name };
  },
});

export const failures = [
  'tool_error',
  'api_error',
  'auth_expired',
  'unavailable_write',
  'bug',
  'bad_output',
] as const;

export const failTool = defineTool({
  name: 'update_failing',
  title: 'Fail',
  toolset: 'tasks',
  effect: 'write',
  idempotent: true,
  description: 'Fails in the way asked for, to test how failures reach the model.',
  input: z.object({ how: z.enum(failures).describe('Which failure.') }),
  output: z.object({ ok: z.boolean() }),
  handle: async ({ how }) => {
    switch (how) {
      case 'tool_error':
        throw new ToolError('Task 123 not found.', 'list_tasks finds task ids.');
      case 'api_error':
        throw new WorksectionApiError('complete_task', 'Task has children', 13);
      case 'auth_expired':
        throw new AuthExpiredError('get_tasks');
      case 'unavailable_write':
        throw new UpstreamUnavailableError('post_task', {
          attempts: 1,
          reason: 'timeout',
          mayHaveApplied: true,
        });
      case 'bug':
        throw new Error('secret internals at /home/user/token=abc');
      case 'bad_output':
        return { ok: 'yes' } as unknown as { ok: boolean };
    }
  },
});

export const mediaTool = defineTool({
  name: 'read_picture',
  title: 'Picture',
  toolset: 'files',
  effect: 'read',
  description: 'Answers with an image and a caption (media content, no structured answer).',
  input: z.object({ size: z.number().int().min(0).describe('Caption length in characters.') }),
  handle: async ({ size }) =>
    mediaReply([
      { type: 'image', data: Buffer.from('png').toString('base64'), mimeType: 'image/png' },
      { type: 'text', text: 'x'.repeat(size) },
    ]),
});

export const bigTool = defineTool({
  name: 'list_big',
  title: 'Big',
  toolset: 'analytics',
  effect: 'read',
  description: 'Answers with as many characters as asked, to test the token budget.',
  input: z.object({ chars: z.number().int().min(0).describe('How many characters.') }),
  output: z.object({ text: z.string() }),
  handle: async ({ chars }) => ({ text: 'y'.repeat(chars) }),
});

export const deleteTool = defineTool({
  name: 'delete_thing',
  title: 'Delete',
  toolset: 'time',
  effect: 'destructive',
  description: 'Pretends to delete something; for scope and read-only tests.',
  input: z.object({ id: idArg('What to delete.') }),
  output: z.object({ deleted: z.string() }),
  handle: async ({ id }) => ({ deleted: id }),
});

export const FIXTURE_TOOLS: AnyTool[] = [
  echoTool,
  meTool,
  taskTool,
  failTool,
  mediaTool,
  bigTool,
  deleteTool,
];

// The HTTP endpoint's pair (testing/http-endpoint.ts): a read that names its caller and a write.
const callerEchoTool = defineTool({
  name: 'get_echo',
  title: 'Echo',
  toolset: 'system',
  effect: 'read',
  description: 'Answers with its text.',
  input: z.object({ text: z.string().describe('Any text.') }),
  output: z.object({ text: z.string(), caller: z.string() }),
  handle: async ({ text }, ctx) => ({ text, caller: ctx.caller }),
});

const noteTool = defineTool({
  name: 'create_note',
  title: 'Create note',
  toolset: 'system',
  effect: 'write',
  description: 'Pretends to write.',
  input: z.object({ text: z.string().describe('Any text.') }),
  output: z.object({ created: z.string() }),
  handle: async ({ text }) => ({ created: text }),
});

export const HTTP_TOOLS: AnyTool[] = [callerEchoTool, noteTool];
