// MCP prompts: ready-made requests a user picks in the client (daily standup, project status report,
// weekly timesheet review). Each expands to one user message that names the tools to call with concrete
// arguments (dates already worked out), what to look for, and the shape of the answer. They make no
// upstream calls themselves: the model does, so the user sees every step.
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';
import { addDays, parseDateInput } from './tools/kit/dates.js';
import type { McpPromptProvider } from './server/providers.js';
import type { ToolContext } from './tools/kit/context.js';
import { ToolError } from './tools/kit/errors.js';
import { quoted } from './tools/kit/quote.js';
import { completeArgument } from './prompt-completions.js';

type Args = Record<string, string>;

interface PromptDef extends Prompt {
  render(args: Args, ctx: ToolContext): string;
}

function dateOf(args: Args, name: string, fallback?: string): string {
  const raw = args[name]?.trim();
  if (!raw) {
    if (fallback !== undefined) return fallback;
    throw new ToolError(`The prompt needs the argument "${name}".`, 'Give it as YYYY-MM-DD.');
  }
  const iso = parseDateInput(raw);
  if (iso === undefined) throw new ToolError(`${quoted(raw)} is not a date.`, `Give ${name} as YYYY-MM-DD.`);
  return iso;
}

const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();
const dayName = (iso: string): string =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** The working day before `iso`: Friday for a Monday (or a weekend day). */
export function previousWorkday(iso: string): string {
  let d = addDays(iso, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

function person(args: Args): string {
  return args.user?.trim() || 'me';
}

const dailyStandup: PromptDef = {
  name: 'daily_standup',
  title: 'Daily standup',
  description: 'What I did on the last working day, what I am doing today, and what blocks me.',
  arguments: [
    { name: 'user', description: 'Whose standup: an email, a user id or "me" (default).', required: false },
    { name: 'date', description: 'The standup day, YYYY-MM-DD (default today).', required: false },
  ],
  render(args, ctx) {
    const who = person(args);
    const today = dateOf(args, 'date', ctx.today());
    const prev = previousWorkday(today);
    return [
      `Prepare the daily standup of ${who === 'me' ? 'me' : who} for ${dayName(today)} ${today}.`,
      '',
      'Gather the facts with these tools (call them, do not guess):',
      who === 'me'
        ? '1. get_me — to know whose standup it is.'
        : `1. list_users with search "${who}" — to know whose standup it is.`,
      `2. list_time_entries with user "${who}", date_from ${prev}, date_to ${addDays(today, -1)} — the time logged since the last working day (${dayName(prev)}).`,
      `3. get_activity with user "${who}" and since ${prev} — tasks created, completed and commented on since then.`,
      `4. list_tasks with assignee "${who}" and status "active" — the open tasks; note those due on or before ${today} and the high-priority ones.`,
      `5. list_tasks with assignee "${who}" and overdue true — overdue work.`,
      '6. list_timers — a timer still running (only your own is visible with a personal sign-in).',
      '',
      'Then write the standup in three short sections:',
      `- **Yesterday** (${prev}${prev === addDays(today, -1) ? '' : ` to ${addDays(today, -1)}`}): what was worked on, with task names, ids and the time logged (H:MM); completed tasks first.`,
      '- **Today**: the few tasks most likely worked on today (due today, overdue, high priority, or started yesterday), with ids.',
      '- **Blockers**: overdue tasks, tasks waiting on others (from the discussions), anything unassigned or stuck; say "none" if there are none.',
      'Keep it to about ten bullets; do not invent work that the data does not show.',
    ].join('\n');
  },
};

const projectStatusReport: PromptDef = {
  name: 'project_status_report',
  title: 'Project status report',
  description: 'A status report of one project: progress, recent work, risks, time spent and next steps.',
  arguments: [
    { name: 'project_id', description: 'The project id (completes from project names).', required: true },
    {
      name: 'days',
      description: 'How many days back "recent" means (default 7, at most 30).',
      required: false,
    },
  ],
  render(args, ctx) {
    // A completed value is "<id> <name>" (prompt-completions.ts); the id is what counts.
    const id = /^(\d+)(?:\s|$)/.exec(args.project_id?.trim() ?? '')?.[1] ?? '';
    if (id === '') {
      throw new ToolError('project_id must be a numeric project id.', 'list_projects finds project ids.');
    }
    const days = args.days?.trim() ? Number(args.days) : 7;
    if (!Number.isInteger(days) || days < 1 || days > 30) {
      throw new ToolError(
        'days must be a whole number from 1 to 30.',
        'Worksection keeps 30 days of activity.',
      );
    }
    const today = ctx.today();
    const from = addDays(today, -(days - 1));
    return [
      `Write a status report for project ${id} as of ${today}, covering the last ${days} days (${from} to ${today}).`,
      '',
      'Gather the facts with these tools:',
      `1. project_stats with project_id ${id} — progress, overdue count, workload by assignee, time logged.`,
      `2. list_tasks with project_id ${id} and overdue true — the overdue tasks and how late they are.`,
      `3. list_tasks with project_id ${id}, status "done" and closed_after ${from} — what was completed.`,
      `4. list_tasks with project_id ${id}, status "active", due_after ${today} and due_before ${addDays(today, 14)} — what is due in the next two weeks.`,
      `5. list_time_entries with project_id ${id}, date_from ${from}, date_to ${today}, group_by "user" — who spent how much time.`,
      `6. get_activity with project_id ${id} and period "${days}d" — notable changes and discussions.`,
      '',
      'Write the report with these sections:',
      '- **Summary**: two or three sentences and an overall status (on track / at risk / off track) with the reason.',
      '- **Progress**: tasks done vs open, completion percent, what was completed in the period (names and ids).',
      '- **Coming up**: the tasks due in the next two weeks and who owns them.',
      '- **Risks and blockers**: overdue tasks (most overdue first), unassigned work, people with too much open work.',
      '- **Time**: hours logged in the period by person (H:MM) and in total.',
      '- **Next steps**: three concrete suggestions.',
      'Use only what the tools return; if something could not be fetched, say so.',
    ].join('\n');
  },
};

const weeklyTimesheetReview: PromptDef = {
  name: 'weekly_timesheet_review',
  title: 'Weekly timesheet review',
  description: 'Check a week of logged time (one person, or the whole team) for gaps and mistakes.',
  arguments: [
    {
      name: 'week_start',
      description: 'The first day of the week, YYYY-MM-DD (usually a Monday).',
      required: true,
    },
    {
      name: 'user',
      description: 'Whose timesheet: an email, a user id or "me"; leave out for the whole team.',
      required: false,
    },
  ],
  render(args) {
    const start = dateOf(args, 'week_start');
    const end = addDays(start, 6);
    const who = args.user?.trim();
    const scope = who ? `the timesheet of ${who}` : 'the timesheets of the whole team';
    const filter = who ? `, user "${who}"` : '';
    return [
      `Review ${scope} for the week ${start} (${dayName(start)}) to ${end}.`,
      '',
      'Gather the facts with these tools:',
      `1. list_time_entries with date_from ${start}, date_to ${end}${filter}, group_by "date" — hours per day.`,
      who
        ? `2. list_time_entries with date_from ${start}, date_to ${end}${filter}, group_by "project" — hours per project.`
        : `2. list_time_entries with date_from ${start}, date_to ${end}, group_by "user" — hours per person.`,
      `3. list_time_entries with date_from ${start}, date_to ${end}${filter} — every entry (page through with cursor if truncated).`,
      '',
      'Check for:',
      '- working days (Monday to Friday) with no time logged, and days with more than 10 hours;',
      '- entries without a comment, and very long single entries (more than 8 hours, often a forgotten timer);',
      '- likely duplicates (same person, task, day and duration);',
      '- time logged on tasks that were already done before that day.',
      '',
      'Answer with a table of hours per day (H:MM) and per project or person, the total for the week, then a',
      'list of the issues found with entry ids. Suggest corrections, but do not change anything',
      '(update_time_entry, delete_time_entry, log_time) unless the user confirms each change.',
    ].join('\n');
  },
};

export const PROMPTS: readonly PromptDef[] = [dailyStandup, projectStatusReport, weeklyTimesheetReview];

function promptNamed(name: string): PromptDef {
  const prompt = PROMPTS.find((p) => p.name === name);
  if (!prompt) {
    throw new ToolError(
      `Unknown prompt ${quoted(name)}.`,
      `The prompts are ${PROMPTS.map((p) => p.name).join(', ')}.`,
    );
  }
  return prompt;
}

export function createPromptProvider(): McpPromptProvider {
  return {
    list: () => PROMPTS.map(({ render: _render, ...prompt }) => prompt),
    async complete(name, argument, value, ctx) {
      const prompt = promptNamed(name);
      if (!prompt.arguments?.some((a) => a.name === argument)) return [];
      return completeArgument(argument, value, ctx);
    },
    async get(name, args, ctx): Promise<GetPromptResult> {
      const prompt = promptNamed(name);
      const text = prompt.render(args, ctx);
      return {
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  };
}
