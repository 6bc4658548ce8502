// get_task: one task with everything an agent needs to talk about it, from a single get_task call with
// the `extra` parts asked for. Worksection shows only the five newest comments there; the answer says so
// and points at list_comments for the whole discussion.
import { z } from 'zod';
import type { TaskDetail, TaskRelations } from '../../../worksection/schemas.js';
import { defineTool } from '../kit/define-tool.js';
import { attachmentOf, attachmentShape, commentOf, commentShape } from '../shapes/comment.js';
import { idArg, personOf, personShape } from '../shapes/common.js';
import { taskRefOf, taskRefShape, taskSummaryOf, taskSummaryShape } from '../shapes/task.js';
import { orNotFound } from './shared.js';

const PARTS = ['text', 'subtasks', 'relations', 'subscribers', 'files', 'comments'] as const;
type Part = (typeof PARTS)[number];

const TASK_COMMENT_LIMIT = 5;

const input = z.object({
  task_id: idArg('The task.'),
  include: z.array(z.enum(PARTS)).optional().describe('Parts to include (default all).'),
});

const subtaskShape = taskRefShape.extend({
  subtasks: z.array(taskRefShape).optional().describe('Sub-subtasks.'),
});

const relationShape = z.object({
  type: z.enum(['finish-to-start', 'start-to-start']),
  task: taskRefShape,
});

const output = taskSummaryShape.extend({
  parent: taskRefShape.optional().describe('The parent task of a subtask.'),
  text: z.string().optional().describe('The description (checklist items appear as "• item" lines).'),
  start_time: z.string().optional().describe('HH:MM on the start date, when set.'),
  time_estimate: z.number().optional().describe('Planned hours.'),
  budget: z.number().optional().describe('Planned money.'),
  subtasks: z.array(subtaskShape).optional(),
  depends_on: z.array(relationShape).optional().describe('Tasks this one waits for (predecessors).'),
  blocks: z.array(relationShape).optional().describe('Tasks waiting for this one (successors).'),
  subscribers: z.array(personShape).optional().describe('People notified of changes.'),
  files: z.array(attachmentShape).optional().describe('Files attached to the description.'),
  latest_comments: z.array(commentShape).optional().describe('Newest first; at most 5.'),
  comments_note: z.string().optional().describe('How to get the whole discussion.'),
});

type Out = z.infer<typeof output>;

function relationsOf(r: TaskRelations | undefined): Pick<Out, 'depends_on' | 'blocks'> {
  const map = (list: NonNullable<TaskRelations['from']> | undefined) =>
    (list ?? []).map((x) => ({ type: x.type, task: taskRefOf(x.task) }));
  return { depends_on: map(r?.from), blocks: map(r?.to) };
}

function taskDetailOf(t: TaskDetail, parts: Set<Part>, today: string): Out {
  const out: Out = taskSummaryOf(t, { today });
  if (t.parent) out.parent = taskRefOf(t.parent);
  if (parts.has('text')) out.text = t.text ?? '';
  if (t.time_start !== undefined) out.start_time = t.time_start;
  if (t.max_time !== undefined) out.time_estimate = t.max_time;
  if (t.max_money !== undefined) out.budget = t.max_money;
  if (parts.has('subtasks')) {
    out.subtasks = (t.child ?? []).map((c) => {
      const s: z.infer<typeof subtaskShape> = taskRefOf(c);
      if (c.child && c.child.length > 0) s.subtasks = c.child.map(taskRefOf);
      return s;
    });
  }
  if (parts.has('relations')) Object.assign(out, relationsOf(t.relations));
  if (parts.has('subscribers')) out.subscribers = (t.subscribers ?? []).flatMap((u) => personOf(u) ?? []);
  if (parts.has('files')) out.files = (t.files ?? []).map(attachmentOf);
  if (parts.has('comments')) {
    const latest = (t.comments ?? []).map(commentOf);
    out.latest_comments = latest;
    if (latest.length >= TASK_COMMENT_LIMIT) {
      out.comments_note = `Only the ${TASK_COMMENT_LIMIT} newest comments are shown; list_comments task_id=${t.id} returns the whole discussion.`;
    }
  }
  return out;
}

export const getTask = defineTool({
  name: 'get_task',
  title: 'Get a task',
  toolset: 'tasks',
  effect: 'read',
  description:
    'One task in detail: description, subtasks, dependencies, subscribers, files and the newest comments.',
  input,
  output,
  async handle(args, ctx) {
    const parts = new Set<Part>(args.include ?? PARTS);
    // The part names are Worksection's `extra` values.
    const params =
      parts.size > 0 ? { id_task: args.task_id, extra: [...parts].join(',') } : { id_task: args.task_id };
    const { data } = await orNotFound(ctx.ws.call('get_task', params), { task: args.task_id });
    return taskDetailOf(data, parts, ctx.today());
  },
});
