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

export const listProjects = defineTool({
  name: 'list_projects',
  title: 'List projects',
  toolset: 'projects',
  effect: 'read',
  description:
    'Projects of the account: active (default), pending (on hold), archived or all; filter by folder, ' +
    'name or manager. include=text adds descriptions, include=members the member list.',
  input: z.object({
    status: z
      .enum(['active', 'pending', 'archive', 'all'])
      .default('active')
      .describe('active (default), pending = on hold, archive = closed, all.'),
    folder: z.string().min(1).optional().describe('Only projects in this folder (list_project_folders).'),
    name_contains: z.string().min(1).optional().describe('Only projects whose name contains this text.'),
    manager: personArg('Only projects managed by this person.').optional(),
    include: z
      .array(z.enum(['text', 'members']))
      .optional()
      .describe('Extra parts: text = description, members = project members.'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(projectSummaryShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const include = new Set(args.include ?? []);
    const extra = [include.has('text') ? 'text' : '', include.has('members') ? 'users' : ''].filter(Boolean);
    const params: Record<string, string> = {};
    if (args.status !== 'all') params.filter = args.status;
    if (extra.length > 0) params.extra = extra.join(',');
    const manager =
      args.manager === undefined ? undefined : await createPeopleResolver(ctx).resolve(args.manager);
    const { data } = await ctx.ws.call('get_projects', params);
    const items = data
      .filter(
        (p) =>
          (args.folder === undefined || lower(p.company) === lower(args.folder)) &&
          (args.name_contains === undefined || lower(p.name).includes(lower(args.name_contains))) &&
          (manager === undefined || p.user_to.id === manager.id),
      )
      .map(projectSummaryOf);
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
  description:
    'One project in detail: manager, folder, dates, estimates, tags, description, members, the ' +
    'restriction options switched on, and task counts (open, overdue, unassigned, done).',
  input: z.object({
    project_id: idArg('The project (list_projects finds ids).'),
    include_counts: z.boolean().default(true).describe('Count its tasks (two more Worksection requests).'),
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

export const listProjectFolders = defineTool({
  name: 'list_project_folders',
  title: 'List project folders',
  toolset: 'projects',
  effect: 'read',
  description:
    'The folders projects are sorted into (and the companies Worksection lists beside them), with how ' +
    'many projects each holds. Use a folder name with list_projects folder=… or create_project.',
  input: z.object({ ...pagingInput }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(['folder', 'company']).describe('folder = project folder; company = a user group.'),
        client: z.boolean().optional().describe('For companies: true when it is a client company.'),
        project_count: z.number().int().describe('Projects in it (all statuses).'),
      }),
    ),
    ...pageMetaShape,
  }),
  async handle(args, ctx) {
    const { data: groups } = await ctx.ws.call('get_project_groups');
    const { data: projects } = await ctx.ws.call('get_projects');
    const items = groups.map((g) => ({
      id: g.id,
      name: g.title,
      kind: g.type === 'folder' ? ('folder' as const) : ('company' as const),
      ...(g.type === 'company' ? { client: g.client === 1 } : {}),
      project_count: projects.filter((p) => lower(p.company) === lower(g.title)).length,
    }));
    return paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_project_folders', args),
      limits: ctx.limits,
    });
  },
});

export const projectsTools: AnyTool[] = [
  listProjects,
  getProject,
  listProjectFolders,
  createProject,
  updateProject,
  setProjectStatus,
  manageProjectMembers,
];
