// create_task and update_task: only the fields Worksection documents for post_task / update_task. Names
// the model gives (people, tags) are resolved and checked first, because Worksection silently skips
// unknown tags and subscribers instead of failing.
import { z } from 'zod';
import type { WsParams } from '../../../worksection/transport.js';
import { dateArg, toWsDate } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { idArg, peopleArg } from '../shapes/common.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { matchTags } from '../shapes/tag.js';
import { estimateArgs } from '../shapes/time.js';
import { planTaskUpdate } from './plans.js';
import { farDates } from '../kit/write-plan.js';
import { taskSummaryOf, taskSummaryShape } from '../shapes/task.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import {
  apiCode,
  assigneeArg,
  assigneeParam,
  authorParams,
  orNotFound,
  personList,
  resolveAssignee,
} from './shared.js';

const priority = z.number().int().min(0).max(10).describe('0 (lowest) to 10 (highest).');
const { time_estimate: timeEstimate, budget } = estimateArgs;

function checkDates(start: string | undefined, due: string | undefined): void {
  if (start && due && start > due) {
    throw new ToolError(`start_date ${start} is after due_date ${due}.`, 'Swap or fix the dates.');
  }
}

async function tagIds(ctx: ToolContext, names: string[]): Promise<string> {
  const { data } = await ctx.ws.call('get_task_tags');
  const { found, unknown } = matchTags(data, names);
  if (unknown.length > 0) {
    throw new ToolError(
      `Unknown task tag(s): ${unknown.join(', ')}.`,
      'list_tags shows the task tags; create_tags adds new ones.',
    );
  }
  return found.map((t) => t.id).join(',');
}

export const createInput = z.object({
  project_id: idArg('The project (not needed with parent_id).').optional(),
  parent_id: idArg('Parent task (two levels at most).').optional(),
  title: z.string().min(1).describe('The task name.'),
  assignee: assigneeArg('Assignee (default nobody).').optional(),
  priority: priority.optional(),
  text: z.string().optional().describe('The description (plain text).'),
  todo: z.array(z.string().min(1)).optional().describe('Checklist items.'),
  start_date: dateArg('Start date.').optional(),
  due_date: dateArg('Due date.').optional(),
  tags: z.array(z.string().min(1)).optional().describe('Tag names or ids.'),
  subscribers: peopleArg('People to notify.').optional(),
  time_estimate: timeEstimate.optional(),
  budget: budget.optional(),
});

export const createTask = defineTool({
  name: 'create_task',
  title: 'Create a task',
  toolset: 'tasks',
  effect: 'write',
  description: 'Create a task, or with parent_id a subtask.',
  input: createInput,
  output: z.object({ task: taskSummaryShape }),
  plan: async (args, ctx) => {
    const confirm = farDates(ctx, { start_date: args.start_date, due_date: args.due_date });
    return confirm.length ? { confirm } : {};
  },
  // After a lost answer: is there a task of this name in the project (or under the parent)?
  async verify(args, ctx) {
    const params = args.parent_id !== undefined ? { id_task: args.parent_id, extra: 'subtasks' } : undefined;
    if (params) {
      const { data } = await ctx.ws.call('get_task', params, { fresh: true });
      return (data.child ?? []).some((c) => c.name === args.title);
    }
    if (args.project_id === undefined) return false;
    const { data } = await ctx.ws.call('get_tasks', { id_project: args.project_id }, { fresh: true });
    return data.some((t) => t.name === args.title);
  },
  async handle(args, ctx) {
    checkDates(args.start_date, args.due_date);
    let projectId = args.project_id;
    if (args.parent_id !== undefined) {
      const { data: parent } = await orNotFound(ctx.ws.call('get_task', { id_task: args.parent_id }), {
        task: args.parent_id,
      });
      if (projectId !== undefined && projectId !== parent.project.id) {
        throw new ToolError(
          `Task ${parent.id} belongs to project ${parent.project.id}, not ${projectId}.`,
          'Leave project_id out when giving parent_id.',
        );
      }
      if (parent.status === 'done') {
        throw new ToolError(
          `The parent task ${parent.id} is completed; Worksection adds no subtasks to it.`,
          'Reopen it first with set_task_status status=active, or pick another parent.',
        );
      }
      projectId = parent.project.id;
    }
    if (projectId === undefined) {
      throw new ToolError(
        'Say where the task goes.',
        'Pass project_id (list_projects finds ids) or parent_id.',
      );
    }
    const people = createPeopleResolver(ctx);
    const params: Record<string, WsParams[string]> = {
      id_project: projectId,
      title: args.title,
      ...(await authorParams(ctx)),
    };
    if (args.parent_id !== undefined) params.id_parent = args.parent_id;
    if (args.assignee !== undefined)
      params.email_user_to = assigneeParam(await resolveAssignee(people, args.assignee));
    if (args.priority !== undefined) params.priority = args.priority;
    if (args.text !== undefined) params.text = args.text;
    if (args.todo && args.todo.length > 0) params.todo = args.todo;
    if (args.start_date) params.datestart = toWsDate(args.start_date);
    if (args.due_date) params.dateend = toWsDate(args.due_date);
    if (args.tags && args.tags.length > 0) params.tags = await tagIds(ctx, args.tags);
    const subscribers = await personList(args.subscribers, people);
    if (subscribers.length > 0) params.subscribe = subscribers.map((p) => p.email).join(',');
    if (args.time_estimate !== undefined) params.max_time = args.time_estimate;
    if (args.budget !== undefined) params.max_money = args.budget;
    try {
      const { data } = await orNotFound(ctx.ws.call('post_task', params), { project: projectId });
      return { task: taskSummaryOf(data, { today: ctx.today() }) };
    } catch (e) {
      if (apiCode(e) === 5 && args.parent_id !== undefined) {
        throw new ToolError(
          `Task ${args.parent_id} cannot take subtasks: Worksection nests tasks two levels deep at most.`,
          "Create it under the parent's parent instead (get_task shows the parent).",
        );
      }
      if (apiCode(e) === 8) {
        throw new ToolError(
          'The parent task is completed.',
          'Reopen it with set_task_status status=active first.',
        );
      }
      throw e;
    }
  },
});

const updateInput = z.object({
  task_id: idArg('The task to change.'),
  title: z.string().min(1).optional().describe('New task name.'),
  assignee: assigneeArg('New assignee.').optional(),
  priority: priority.optional(),
  start_date: dateArg('New start date.').optional(),
  due_date: dateArg('New due date.').optional(),
  time_estimate: timeEstimate.optional(),
  budget: budget.optional(),
});

// Worksection's API has no action that moves a task (or re-parents it): say so, and what works instead.
const MOVE = {
  message: "Worksection's API cannot move a task to another project or under another parent task.",
  hint:
    'Recreate it where it belongs: get_task reads it, create_task makes the copy (project_id or parent_id, ' +
    'same name, assignee, dates), then set_task_status closes the original. Comments, time and files stay ' +
    'with the original; or move it in the Worksection web app, which can.',
};

const FIELDS = {
  title: 'title',
  priority: 'priority',
  time_estimate: 'max_time',
  budget: 'max_money',
} as const;

export const updateTask = defineTool({
  name: 'update_task',
  title: 'Update a task',
  toolset: 'tasks',
  effect: 'write',
  idempotent: true,
  description:
    "Change a task's given fields. Status: set_task_status; tags: set_tags; subscribers: manage_task_subscribers. The API cannot edit descriptions or move tasks.",
  input: updateInput,
  refused: { project_id: MOVE, project: MOVE, parent_id: MOVE },
  output: z.object({
    task: taskSummaryShape,
    changed: z.array(z.string()).describe('The fields this call set.'),
  }),
  plan: (args, ctx) => {
    checkDates(args.start_date, args.due_date);
    return planTaskUpdate(ctx, args.task_id, args);
  },
  async handle(args, ctx) {
    checkDates(args.start_date, args.due_date);
    const params: Record<string, WsParams[string]> = { id_task: args.task_id };
    const changed: string[] = [];
    for (const [arg, wire] of Object.entries(FIELDS) as [keyof typeof FIELDS, string][]) {
      const v = args[arg];
      if (v !== undefined) {
        params[wire] = v;
        changed.push(arg);
      }
    }
    if (args.assignee !== undefined) {
      params.email_user_to = assigneeParam(await resolveAssignee(createPeopleResolver(ctx), args.assignee));
      changed.push('assignee');
    }
    if (args.start_date) {
      params.datestart = toWsDate(args.start_date);
      changed.push('start_date');
    }
    if (args.due_date) {
      params.dateend = toWsDate(args.due_date);
      changed.push('due_date');
    }
    if (changed.length === 0) {
      throw new ToolError('Nothing to change.', 'Pass at least one field, e.g. due_date or assignee.');
    }
    const { data } = await orNotFound(ctx.ws.call('update_task', params), { task: args.task_id });
    return { task: taskSummaryOf(data, { today: ctx.today() }), changed };
  },
});
