// The projects toolset, writing side: create and update projects, close or reopen them, add or remove
// members. Only the documented post_project / update_project fields; the API cannot delete projects.
import { z } from 'zod';
import type { WsParams } from '../../../worksection/transport.js';
import { dateArg, toWsDate } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { idArg, peopleArg, personArg, personOf, personShape } from '../shapes/common.js';
import { createPeopleResolver, type PeopleResolver } from '../shapes/people-args.js';
import { enabledOptions, PROJECT_OPTIONS, projectSummaryOf, projectSummaryShape } from '../shapes/project.js';
import { matchTags } from '../shapes/tag.js';
import { estimateArgs } from '../shapes/time.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { getTags } from '../tags/api.js';
import { apiCode, authorParams, orNotFound, personList } from '../tasks/shared.js';

// One described map rather than fourteen described booleans: the same meaning in a third of the schema.
const optionsArg = z
  .partialRecord(z.enum(PROJECT_OPTIONS), z.boolean())
  .optional()
  .describe(
    'Restrictions on (true) or off: allow_* = the assignee may (give = hand over, term = dates, limit = ' +
      'estimates), require_* = new tasks need, deny_* = users may not; one at most of time_require (done ' +
      'only with time logged), time_today, timer_only.',
  );

const managerArg = personArg('Manager, or "nobody".');

const projectWithOptions = projectSummaryShape.extend({
  options: z.array(z.string()).describe('Restriction options switched on.'),
});

function optionParams(options: z.output<typeof optionsArg>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(options ?? {})) if (v !== undefined) out[`options.${k}`] = v ? 1 : 0;
  const exclusive = ['time_require', 'time_today', 'timer_only'].filter((k) => out[`options.${k}`] === 1);
  if (exclusive.length > 1) {
    throw new ToolError(
      `Only one of time_require, time_today and timer_only can be on (got ${exclusive.join(', ')}).`,
      'Switch on just one of them.',
    );
  }
  return out;
}

async function managerParam(people: PeopleResolver, arg: string): Promise<string> {
  const a = arg.trim().toLowerCase();
  if (a === 'nobody' || a === 'none' || a === 'noone') return 'NOONE';
  return (await people.resolve(arg)).email;
}

function checkDates(start?: string, due?: string): void {
  if (start && due && start > due) {
    throw new ToolError(`start_date ${start} is after due_date ${due}.`, 'Swap or fix the dates.');
  }
}

function dateParams(a: { start_date?: string; due_date?: string }): Record<string, string> {
  checkDates(a.start_date, a.due_date);
  return {
    ...(a.start_date ? { datestart: toWsDate(a.start_date) } : {}),
    ...(a.due_date ? { dateend: toWsDate(a.due_date) } : {}),
  };
}

const estimates = {
  time_estimate: estimateArgs.time_estimate.optional(),
  budget: estimateArgs.budget.optional(),
};

export const createProject = defineTool({
  name: 'create_project',
  title: 'Create a project',
  toolset: 'projects',
  effect: 'write',
  description: 'Create a project; the creator and the manager become members.',
  input: z.object({
    title: z.string().min(1).describe('The project name.'),
    folder: z.string().min(1).optional().describe('Folder name (list_groups).'),
    manager: managerArg.optional(),
    members: peopleArg('People to add as members.').optional(),
    text: z.string().optional().describe('The description.'),
    start_date: dateArg('Start date.').optional(),
    due_date: dateArg('Due date.').optional(),
    ...estimates,
    tags: z.array(z.string().min(1)).optional().describe('Project tag names or ids.'),
    options: optionsArg,
  }),
  output: z.object({ project: projectWithOptions }),
  async handle(args, ctx) {
    const people = createPeopleResolver(ctx);
    const params: Record<string, WsParams[string]> = {
      title: args.title,
      extra: 'options',
      ...(await authorParams(ctx)),
      ...dateParams(args),
      ...optionParams(args.options),
    };
    if (args.folder !== undefined) params.company = args.folder;
    if (args.manager !== undefined) params.email_manager = await managerParam(people, args.manager);
    const members = await personList(args.members, people);
    if (members.length > 0) params.members = members.map((p) => p.email).join(',');
    if (args.text !== undefined) params.text = args.text;
    if (args.time_estimate !== undefined) params.max_time = args.time_estimate;
    if (args.budget !== undefined) params.max_money = args.budget;
    if (args.tags && args.tags.length > 0) {
      const { found, unknown } = matchTags(await getTags(ctx, 'project'), args.tags);
      if (unknown.length > 0) {
        throw new ToolError(
          `Unknown project tag(s): ${unknown.join(', ')}.`,
          'list_tags scope=project shows them; create_tags scope=project adds new ones.',
        );
      }
      params.tags = found.map((t) => String(t.id)).join(',');
    }
    const { data } = await ctx.ws.call('post_project', params);
    return { project: { ...projectSummaryOf(data), options: enabledOptions(data.options) } };
  },
});

export const updateProject = defineTool({
  name: 'update_project',
  title: 'Update a project',
  toolset: 'projects',
  effect: 'write',
  idempotent: true,
  description:
    "Change a project's fields; others stay. Members: manage_project_members; status: set_project_status; tags: set_tags.",
  input: z.object({
    project_id: idArg('The project to change.'),
    title: z.string().min(1).optional().describe('New name.'),
    manager: managerArg.optional(),
    start_date: dateArg('New start date.').optional(),
    due_date: dateArg('New due date.').optional(),
    ...estimates,
    // Its meaning is said once, on create_project (tools/list is read in every conversation).
    options: optionsArg.describe('Restrictions on (true) or off, as in create_project.'),
  }),
  output: z.object({ project: projectWithOptions, changed: z.array(z.string()) }),
  async handle(args, ctx) {
    const params: Record<string, WsParams[string]> = {
      id_project: args.project_id,
      extra: 'options',
      ...dateParams(args),
      ...optionParams(args.options),
    };
    const changed: string[] = [];
    if (args.title !== undefined) params.title = args.title;
    if (args.manager !== undefined)
      params.email_manager = await managerParam(createPeopleResolver(ctx), args.manager);
    if (args.time_estimate !== undefined) params.max_time = args.time_estimate;
    if (args.budget !== undefined) params.max_money = args.budget;
    for (const k of [
      'title',
      'manager',
      'start_date',
      'due_date',
      'time_estimate',
      'budget',
      'options',
    ] as const)
      if (args[k] !== undefined) changed.push(k);
    if (changed.length === 0) throw new ToolError('Nothing to change.', 'Pass at least one field.');
    const { data } = await orNotFound(ctx.ws.call('update_project', params), { project: args.project_id });
    return { project: { ...projectSummaryOf(data), options: enabledOptions(data.options) }, changed };
  },
});

async function currentProject(ctx: ToolContext, id: string, extra?: string) {
  const params = extra ? { id_project: id, extra } : { id_project: id };
  return (await orNotFound(ctx.ws.call('get_project', params), { project: id })).data;
}

export const setProjectStatus = defineTool({
  name: 'set_project_status',
  title: 'Close or reopen a project',
  toolset: 'projects',
  // Archiving takes a project out of everyone's lists.
  effect: 'destructive',
  idempotent: true,
  description: 'Close (archive) a project or reopen it. The API cannot put a project on hold.',
  input: z.object({
    project_id: idArg('The project.'),
    status: z.enum(['archive', 'active']).describe('archive = close; active = reopen.'),
  }),
  output: z.object({ project: projectSummaryShape, already: z.boolean() }),
  async plan(args, ctx) {
    const p = await currentProject(ctx, args.project_id);
    const object = { kind: 'project', id: args.project_id };
    if (p.status === args.status) return { object, unchanged: ['status'] };
    return {
      object,
      before: { status: p.status },
      after: { status: args.status },
      destructive: args.status === 'archive',
    };
  },
  async handle(args, ctx) {
    const action = args.status === 'archive' ? 'close_project' : 'activate_project';
    let already = false;
    try {
      await orNotFound(ctx.ws.call(action, { id_project: args.project_id }), { project: args.project_id });
    } catch (e) {
      if (apiCode(e) !== 12) throw e;
      already = true;
    }
    return { project: projectSummaryOf(await currentProject(ctx, args.project_id)), already };
  },
});

export const manageProjectMembers = defineTool({
  name: 'manage_project_members',
  title: 'Add or remove project members',
  toolset: 'projects',
  effect: 'destructive',
  idempotent: true,
  description: 'Add people to a project or remove them; answers the members afterwards.',
  input: z.object({
    project_id: idArg('The project.'),
    action: z.enum(['add', 'remove']).describe('Add or remove the people.'),
    people: peopleArg('The people to add or remove.', 1),
  }),
  output: z.object({ project_id: z.string(), members: z.array(personShape) }),
  async plan(args, ctx) {
    const people = await personList(args.people, createPeopleResolver(ctx));
    const p = await currentProject(ctx, args.project_id, 'users');
    const emails = (p.users ?? []).map((u) => u.email);
    const adding = args.action === 'add';
    const todo = people.filter((x) => emails.includes(x.email) !== adding).map((x) => x.email);
    const after = adding ? [...emails, ...todo] : emails.filter((e) => !todo.includes(e));
    const confirm: string[] = [];
    if (!adding && todo.includes(p.user_to.email)) confirm.push(`${p.user_to.email} manages the project`);
    if (!adding && todo.length > 0 && after.length === 0) confirm.push('it removes the last member');
    return {
      object: { kind: 'project', id: args.project_id },
      ...(todo.length ? { before: { members: emails }, after: { members: after } } : {}),
      unchanged: people.filter((x) => !todo.includes(x.email)).map((x) => x.email),
      destructive: !adding,
      ...(confirm.length ? { confirm } : {}),
    };
  },
  async handle(args, ctx) {
    const people = await personList(args.people, createPeopleResolver(ctx));
    const action = args.action === 'add' ? 'add_project_members' : 'delete_project_members';
    const members = people.map((p) => p.email).join(',');
    await orNotFound(ctx.ws.call(action, { id_project: args.project_id, members }), {
      project: args.project_id,
    });
    const p = await currentProject(ctx, args.project_id, 'users');
    return { project_id: args.project_id, members: (p.users ?? []).flatMap((u) => personOf(u) ?? []) };
  },
});
