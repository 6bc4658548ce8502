// Activity events as agents read them. Worksection events have no project field: the project (and the task
// a comment belongs to) is parsed from object.page, which is /project/PID/, /project/PID/TID/ or
// /project/PID/TOP/TID/ (a comment event points at its task's page).
import { z } from 'zod';
import type { UserRef, WsEvent } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { personOf, personShape } from './common.js';

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

const changeValue = z.string().nullable();
export const eventShape = z.object({
  date: z.string().describe('ISO date and time of the event (account time).'),
  action: z.enum(EVENT_ACTIONS).describe('post = created, update, close = completed, delete, reopen.'),
  object_type: z.enum(EVENT_OBJECT_TYPES),
  object_id: z.string().describe('Id of the project, task or comment.'),
  name: z.string().optional().describe("The project or task name (for a comment: its task's), when known."),
  project: z
    .object({ id: z.string(), name: z.string().optional() })
    .nullable()
    .describe('The project the object is in (parsed from its page).'),
  task_id: z.string().optional().describe('For task and comment events: the task (for a comment, its task).'),
  user: personShape.nullable().describe('Who did it.'),
  changes: z
    .record(z.string(), z.object({ old: changeValue, new: changeValue }))
    .optional()
    .describe('Changed fields with their old and new values; null = empty.'),
});
export type EventInfo = z.infer<typeof eventShape>;

// Comment texts ride along in `changes`; a feed of long comments would crowd out the events themselves.
const MAX_VALUE_CHARS = 300;

function valueText(v: string | UserRef | undefined): string | null {
  if (v === undefined || v === '') return null;
  if (typeof v === 'string') return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v;
  if (v.email === 'NOONE') return 'nobody';
  if (v.email === 'ANY') return 'anyone';
  return `${v.name} <${v.email}>`;
}

export function eventOf(e: WsEvent, projectNames: ReadonlyMap<string, string> = new Map()): EventInfo {
  const ids = idsOfPage(e.object.page);
  const out: EventInfo = {
    date: fromWsDateTime(e.date_added),
    action: e.action,
    object_type: e.object.type,
    object_id: e.object.id,
    project: null,
    user: personOf(e.user_from),
  };
  if (ids) {
    const name = projectNames.get(ids.projectId);
    out.project = name === undefined ? { id: ids.projectId } : { id: ids.projectId, name };
    if (e.object.type !== 'project' && ids.taskId !== undefined) out.task_id = ids.taskId;
  }
  const fields = new Set([...Object.keys(e.new ?? {}), ...Object.keys(e.old ?? {})]);
  if (fields.size > 0) {
    out.changes = Object.fromEntries(
      [...fields].map((f) => [f, { old: valueText(e.old?.[f]), new: valueText(e.new?.[f]) }]),
    );
  }
  return out;
}
