// Tasks in their wire variants, comments and files.
import { z } from 'zod';
import { userRefSchema } from './members.js';
import {
  byteSizeSchema,
  clockSchema,
  commentPageSchema,
  dateSchema,
  dateTimeSchema,
  filePageSchema,
  flagSchema,
  prioritySchema,
  tagMapSchema,
  taskPageSchema,
  wsIdSchema,
} from './primitives.js';
import { projectRefSchema } from './projects.js';

/** A file as listed inside a task or comment. */
const fileRefSchema = z.strictObject({
  id: wsIdSchema,
  page: filePageSchema,
  name: z.string(),
  size: byteSizeSchema,
});

/** A get_files item. */
export const fileSchema = fileRefSchema.extend({
  date_added: dateTimeSchema,
  user_from: userRefSchema,
});

export const commentSchema = z.strictObject({
  id: wsIdSchema,
  page: commentPageSchema,
  text: z.string(),
  date_added: dateTimeSchema,
  user_from: userRefSchema,
  /** Only with extra=files. */
  files: z.array(fileRefSchema).optional(),
});

const taskStatusSchema = z.enum(['active', 'done']);

/** The slim task: a relation's task, a subtask's parent, get_task's child items. */
export const taskCoreSchema = z.strictObject({
  id: wsIdSchema,
  name: z.string(),
  page: taskPageSchema,
  status: taskStatusSchema,
  priority: prioritySchema,
});

const relationSchema = z.strictObject({
  type: z.enum(['finish-to-start', 'start-to-start']),
  task: taskCoreSchema,
});

/** Only with extra=relations; each side is omitted when empty. */
const taskRelationsSchema = z.strictObject({
  from: z.array(relationSchema).optional(),
  to: z.array(relationSchema).optional(),
});

/**
 * A task as post_task, update_task, complete_task and search_tasks answer it, and the base of the list
 * variants. Fields that are unset or not asked for via `extra` are omitted.
 */
export const taskSchema = taskCoreSchema.extend({
  user_from: userRefSchema,
  /** Assignee; the placeholders are {"id":"1","email":"NOONE"} and {"id":"2","email":"ANY"}. */
  user_to: userRefSchema,
  project: projectRefSchema,
  parent: taskCoreSchema.optional(),
  text: z.string().optional(),
  date_added: dateTimeSchema,
  date_start: dateSchema.optional(),
  date_end: dateSchema.optional(),
  time_start: clockSchema.optional(),
  time_end: clockSchema.optional(),
  date_closed: dateTimeSchema.optional(),
  max_time: z.number().optional(),
  max_money: z.number().optional(),
  tags: tagMapSchema.optional(),
  files: z.array(fileRefSchema).optional(),
  has_comments: flagSchema.optional(),
  /** The five most recent comments only; get_comments has them all. */
  comments: z.array(commentSchema).optional(),
  subscribers: z.array(userRefSchema).optional(),
  relations: taskRelationsSchema.optional(),
});

/** The task embedded in a cost or timer: the task without any `extra` parts. */
export const taskBriefSchema = taskSchema.omit({
  text: true,
  files: true,
  has_comments: true,
  comments: true,
  subscribers: true,
  relations: true,
});

/** get_task nests slim children (two levels at most). */
const taskSlimChildSchema = taskCoreSchema.extend({ child: z.array(taskCoreSchema).optional() });
export const taskDetailSchema = taskSchema.extend({ child: z.array(taskSlimChildSchema).optional() });

/** get_tasks and get_all_tasks nest full task objects (two levels at most). */
const listSubtaskSchema = taskSchema.extend({ child: z.array(taskSchema).optional() });
export const listTaskSchema = taskSchema.extend({ child: z.array(listSubtaskSchema).optional() });

export type FileRef = z.infer<typeof fileRefSchema>;
export type WsFile = z.infer<typeof fileSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type TaskCore = z.infer<typeof taskCoreSchema>;
export type TaskRelations = z.infer<typeof taskRelationsSchema>;
export type Task = z.infer<typeof taskSchema>;
export type TaskBrief = z.infer<typeof taskBriefSchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;
export type ListTask = z.infer<typeof listTaskSchema>;
