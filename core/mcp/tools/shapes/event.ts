// Activity events as agents read them. Worksection events have no project field: the project (and the task
// a comment belongs to) is parsed from object.page, which is /project/PID/, /project/PID/TID/ or
// /project/PID/TOP/TID/ (a comment event points at its task's page). Compact, as a feed of many events
// should be: the project is an id (the answer names each project once), people are names with ids, and
// a change says only the sides that have a value.
import { z } from 'zod';
import type { UserRef, WsEvent } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { personRefOf, personRefShape } from './common.js';

export const EVENT_ACTIONS = ['post', 'update', 'close', 'delete', 'reopen'] as const;
export const EVENT_OBJECT_TYPES = ['project', 'task', 'comment'] as const;

export interface PageIds {
  projectId: string;
  /** The last task segment: the task itself (a subtask's own id). */
  taskId?: string;
}

/** Project and task ids of a page path; undefined for anything that is not a project or task page. */
export function idsOfPage(page: string): PageIds | undefined {
  const m = /^\/project\/(\d+)\/(?:(\d+)\/)?(?:(\d+)\/)?(?:#.*)?$/.exec(page);
  if (!m?.[1]) return undefined;
  const taskId = m[3] ?? m[2];
  return taskId === undefined ? { projectId: m[1] } : { projectId: m[1], taskId };
}

const changeValue = z.string();
export const eventShape = z.object({
  date: z.string().describe('ISO date and time of the event (account time).'),
  action: z.enum(EVENT_ACTIONS).describe('post = created, update, close = completed, delete, reopen.'),
  object_type: z.enum(EVENT_OBJECT_TYPES),
  object_id: z.string().describe('Id of the project, task or comment.'),
  name: z.string().optional().describe("The project or task name (for a comment: its task's), when known."),
  project_id: z
    .string()
    .nullable()
    .describe("The project the object is in (the answer's `projects` names it)."),
  task_id: z.string().optional().describe("For comment events: the comment's task."),
  user: personRefShape.nullable().describe('Who did it.'),
  changes: z
    .record(z.string(), z.object({ old: changeValue.optional(), new: changeValue.optional() }))
    .optional()
    .describe('Changed fields with their old and new values; a side left out was empty.'),
});
export type EventInfo = z.infer<typeof eventShape>;

// Comment texts ride along in `changes`; a feed of long comments would crowd out the events themselves.
const MAX_VALUE_CHARS = 300;

function valueText(v: string | UserRef | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string') return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v;
  if (v.email === 'NOONE') return 'nobody';
  if (v.email === 'ANY') return 'anyone';
  return `${v.name} <${v.email}>`;
}

export function eventOf(e: WsEvent): EventInfo {
  const ids = idsOfPage(e.object.page);
  const out: EventInfo = {
    date: fromWsDateTime(e.date_added),
    action: e.action,
    object_type: e.object.type,
    object_id: e.object.id,
    project_id: ids?.projectId ?? null,
    user: personRefOf(e.user_from),
  };
  // A task event's task is its object; only a comment's task needs saying.
  if (e.object.type === 'comment' && ids?.taskId !== undefined) out.task_id = ids.taskId;
  const changes: Record<string, { old?: string; new?: string }> = {};
  for (const f of new Set([...Object.keys(e.new ?? {}), ...Object.keys(e.old ?? {})])) {
    const [before, after] = [valueText(e.old?.[f]), valueText(e.new?.[f])];
    if (before === undefined && after === undefined) continue;
    changes[f] = {
      ...(before === undefined ? {} : { old: before }),
      ...(after === undefined ? {} : { new: after }),
    };
  }
  if (Object.keys(changes).length > 0) out.changes = changes;
  return out;
}
