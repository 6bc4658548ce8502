// Projects, events and webhooks.
import { z } from 'zod';
import { userRefSchema } from './members.js';
import {
  dateSchema,
  dateTimeSchema,
  flagSchema,
  objectPageSchema,
  projectPageSchema,
  tagMapSchema,
  wsIdSchema,
} from './primitives.js';

/** The project settings Worksection answers with extra=options, each 0 or 1. */
export const PROJECT_OPTION_KEYS = [
  'allow_close',
  'allow_give',
  'allow_term',
  'allow_limit',
  'require_term',
  'require_tag',
  'require_limit',
  'require_hidden',
  'deny_comments_edit',
  'deny_task_edit',
  'deny_task_delete',
  'time_require',
  'time_today',
  'timer_only',
] as const;
type ProjectOptionKey = (typeof PROJECT_OPTION_KEYS)[number];

/** The project embedded in a task: {id, name, page}. */
export const projectRefSchema = z.strictObject({
  id: wsIdSchema,
  name: z.string(),
  page: projectPageSchema,
});

const projectOptionsSchema = z.strictObject(
  Object.fromEntries(PROJECT_OPTION_KEYS.map((key) => [key, flagSchema])) as Record<
    ProjectOptionKey,
    typeof flagSchema
  >,
);

const projectStatusSchema = z.enum(['active', 'pending', 'archive']);

export const projectSchema = projectRefSchema.extend({
  status: projectStatusSchema,
  /** The project's folder title. */
  company: z.string(),
  user_from: userRefSchema,
  /** The manager; {"id":"0","email":"NOONE",...} when none is assigned. */
  user_to: userRefSchema,
  /** Only with extra=text|html. */
  text: z.string().optional(),
  date_added: dateTimeSchema,
  date_start: dateSchema.optional(),
  date_end: dateSchema.optional(),
  /** Only with extra=options. */
  options: projectOptionsSchema.optional(),
  max_time: z.number().optional(),
  max_money: z.number().optional(),
  tags: tagMapSchema.optional(),
  /** Members; only with extra=users. */
  users: z.array(userRefSchema).optional(),
});

// The changed fields of an event: plain strings ("" for a cleared value) or an embedded user.
const eventFieldsSchema = z.record(z.string(), z.union([z.string(), userRefSchema]));

export const eventSchema = z.strictObject({
  action: z.enum(['post', 'update', 'close', 'delete', 'reopen']),
  object: z.strictObject({
    type: z.enum(['project', 'task', 'comment']),
    id: wsIdSchema,
    page: objectPageSchema,
  }),
  date_added: dateTimeSchema,
  user_from: userRefSchema,
  new: eventFieldsSchema.optional(),
  old: eventFieldsSchema.optional(),
});

export const webhookSchema = z.strictObject({
  id: wsIdSchema,
  url: z.url(),
  /** Comma list of event names, e.g. "post_task,post_comment". */
  events: z.string(),
  status: z.enum(['active', 'paused']),
  /** Comma list of project ids the hook is limited to; absent for all projects. */
  projects: z.string().optional(),
});

export type ProjectOptions = z.infer<typeof projectOptionsSchema>;
export type Project = z.infer<typeof projectSchema>;
export type WsEvent = z.infer<typeof eventSchema>;
export type Webhook = z.infer<typeof webhookSchema>;
