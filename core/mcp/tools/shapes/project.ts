// Projects shaped for agents: the manager as a person (null when none), the folder by name, ISO dates,
// tag names, options as the list of switched-on rules.
import { z } from 'zod';
import type { Project, ProjectOptions } from '../../../worksection/schemas.js';
import { PROJECT_OPTION_KEYS } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { personOf, personShape, tagNames } from './common.js';

const projectStatusShape = z
  .enum(['active', 'pending', 'archive'])
  .describe('active = running, pending = on hold, archive = closed.');

export const projectSummaryShape = z.object({
  id: z.string().describe('Project id (pass it as project_id).'),
  name: z.string(),
  status: projectStatusShape,
  folder: z.string().describe('The project folder ("" when none).'),
  manager: personShape.nullable().describe('The project manager; null when none is assigned.'),
  author: personShape.nullable(),
  created_at: z.string().describe('ISO date and time.'),
  start_date: z.string().optional(),
  due_date: z.string().optional(),
  time_estimate: z.number().optional().describe('Planned hours.'),
  budget: z.number().optional().describe('Planned money.'),
  tags: z.array(z.string()),
  text: z.string().optional().describe('The description, when asked for.'),
  members: z.array(personShape).optional().describe('Project members, when asked for.'),
  page: z.string().describe('Path of the project page relative to the account URL.'),
});
export type ProjectSummary = z.infer<typeof projectSummaryShape>;

export function projectSummaryOf(p: Project): ProjectSummary {
  const out: ProjectSummary = {
    id: p.id,
    name: p.name,
    status: p.status,
    folder: p.company,
    manager: personOf(p.user_to),
    author: personOf(p.user_from),
    created_at: fromWsDateTime(p.date_added),
    tags: tagNames(p.tags),
    page: p.page,
  };
  if (p.date_start !== undefined) out.start_date = p.date_start;
  if (p.date_end !== undefined) out.due_date = p.date_end;
  if (p.max_time !== undefined) out.time_estimate = p.max_time;
  if (p.max_money !== undefined) out.budget = p.max_money;
  if (p.text !== undefined) out.text = p.text;
  if (p.users !== undefined) out.members = p.users.flatMap((u) => personOf(u) ?? []);
  return out;
}

export const PROJECT_OPTIONS = PROJECT_OPTION_KEYS;
export type ProjectOptionName = (typeof PROJECT_OPTION_KEYS)[number];

/** What each project option means, for tool descriptions. */
export const PROJECT_OPTION_DOCS: Record<ProjectOptionName, string> = {
  allow_close: 'the assignee can mark a task as done',
  allow_give: 'the assignee can hand the task to someone else',
  allow_term: 'the assignee can change the task dates',
  allow_limit: 'the assignee can change the estimates',
  require_term: 'a new task requires dates',
  require_tag: 'a new task requires stages and labels',
  require_limit: 'a new task requires estimates',
  require_hidden: 'a new task requires visibility settings',
  deny_comments_edit: 'users may not edit or delete comments',
  deny_task_edit: 'users may not edit or delete tasks',
  deny_task_delete: 'users may not delete tasks',
  time_require: 'a task can be marked done only with time logged',
  time_today: 'time can be logged for today only',
  timer_only: 'time can be logged from the timer only',
};

/** The option names that are switched on. */
export function enabledOptions(o: ProjectOptions | undefined): ProjectOptionName[] {
  return o ? PROJECT_OPTION_KEYS.filter((k) => o[k] === 1) : [];
}
