// The projects toolset, reading side: list projects, one project with its counts, project folders.
// The writes live in projects-write.ts.
import { z } from 'zod';
import type { Task } from '../../../worksection/schemas.js';
import type { AnyTool } from '../kit/define-tool.js';
import { defineTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { idArg, personArg } from '../shapes/common.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import {
  enabledOptions,
  PROJECT_OPTION_DOCS,
  projectSummaryOf,
  projectSummaryShape,
} from '../shapes/project.js';
import { isOverdue } from '../shapes/task.js';
import { createProject, manageProjectMembers, setProjectStatus, updateProject } from './write.js';
import { flattenTasks, parentOf, type FoundTask } from '../tasks/query.js';
import { isTooManyTasks, orNotFound } from '../tasks/shared.js';

const lower = (s: string) => s.trim().toLowerCase();

const PROJECT_STATUSES = ['active', 'pending', 'archive'] as const;

export const listProjects = defineTool({
  name: 'list_projects',
  title: 'List projects',
  toolset: 'projects',
  effect: 'read',
  description: 'Projects by status, folder, name, manager or member (member="me": my projects).',
  input: z.object({
    status: z
      .union([z.enum([...PROJECT_STATUSES, 'all']), z.array(z.enum(PROJECT_STATUSES)).min(1)])
      .default('active')
      .describe('active, pending = on hold, archive = closed, all, or a list of them.'),
    member: personArg('Projects they are a member of.').optional(),
    folder: z.string().min(1).optional().describe('Projects in this folder (list_groups).'),
    name_contains: z.string().min(1).optional().describe('Name contains this text.'),
    manager: personArg('Projects they manage.').optional(),
    include: z
      .array(z.enum(['text', 'members']))
      .optional()
      .describe('Add descriptions or member lists.'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(projectSummaryShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const include = new Set(args.include ?? []);
    // Members come with extra=users; a member filter needs them even when the answer leaves them out.
    const users = include.has('members') || args.member !== undefined;
    const extra = [include.has('text') ? 'text' : '', users ? 'users' : ''].filter(Boolean);
    // One status is Worksection's own filter; several (or all) are one unfiltered request cut here.
    const statuses = typeof args.status === 'string' ? [args.status] : args.status;
    const params: Record<string, string> = {};
    if (statuses.length === 1 && statuses[0] !== 'all') params.filter = statuses[0] as string;
    if (extra.length > 0) params.extra = extra.join(',');
    const people = createPeopleResolver(ctx);
    const manager = args.manager === undefined ? undefined : await people.resolve(args.manager);
    const member = args.member === undefined ? undefined : await people.resolve(args.member);
    const { data } = await ctx.ws.call('get_projects', params);
    const items = data
      .filter(
        (p) =>
          (statuses.includes('all') || (statuses as string[]).includes(p.status)) &&
          (args.folder === undefined || lower(p.company) === lower(args.folder)) &&
          (args.name_contains === undefined || lower(p.name).includes(lower(args.name_contains))) &&
          (manager === undefined || p.user_to.id === manager.id) &&
          (member === undefined || (p.users ?? []).some((u) => u.id === member.id)),
      )
      .map((p) => {
        const summary = projectSummaryOf(p);
        if (!include.has('members')) delete summary.members;
        return summary;
      });
    return paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_projects', args),
      limits: ctx.limits,
      narrowHint: 'narrow with status, folder or name_contains',
    });
  },
});

const countsShape = z.object({
  open: z.number().int().describe('Open tasks, subtasks included.'),
  open_top_level: z.number().int().describe('Open top-level tasks.'),
  overdue: z.number().int().describe('Open tasks (and subtasks) past their due date.'),
  unassigned_open: z.number().int().describe('Open tasks with nobody assigned.'),
  done: z.number().int().describe('Completed tasks, subtasks included.'),
});

export const getProject = defineTool({
  name: 'get_project',
  title: 'Get a project',
  toolset: 'projects',
  effect: 'read',
  description: 'One project in detail with members, restrictions and task counts.',
  input: z.object({
    project_id: idArg('The project.'),
    include_counts: z.boolean().default(true).describe('Count its tasks (slower).'),
  }),
  output: projectSummaryShape.extend({
    options: z
      .array(z.object({ name: z.string(), meaning: z.string() }))
      .describe('Restriction options switched on for the project.'),
    task_counts: countsShape
      .optional()
      .describe('Tasks awaiting delayed publication are not counted, as in list_tasks.'),
    task_counts_note: z.string().optional().describe('Why task_counts is missing.'),
  }),
  async handle(args, ctx) {
    const id = args.project_id;
    const { data } = await orNotFound(
      ctx.ws.call('get_project', { id_project: id, extra: 'text,options,users' }),
      { project: id },
    );
    const out = {
      ...projectSummaryOf(data),
      options: enabledOptions(data.options).map((name) => ({ name, meaning: PROJECT_OPTION_DOCS[name] })),
    };
    if (!args.include_counts) return out;
    const today = ctx.today();
    let open: FoundTask[];
    let done: Task[];
    try {
      const active = await ctx.ws.call('get_tasks', { id_project: id, filter: 'active', extra: 'subtasks' });
      open = flattenTasks(active.data, []);
      done = (await ctx.ws.call('search_tasks', { id_project: id, status: 'done' })).data;
    } catch (e) {
      if (!isTooManyTasks(e)) throw e;
      return {
        ...out,
        task_counts_note: 'The project has more tasks than Worksection lists in one request (10,000).',
      };
    }
    return {
      ...out,
      task_counts: {
        open: open.length,
        open_top_level: open.filter((f) => parentOf(f) === undefined).length,
        overdue: open.filter((f) => isOverdue(f.task, today)).length,
        unassigned_open: open.filter((f) => f.task.user_to.email === 'NOONE').length,
        done: done.length,
      },
    };
  },
});

export const projectsTools: AnyTool[] = [
  listProjects,
  getProject,
  createProject,
  updateProject,
  setProjectStatus,
  manageProjectMembers,
];
