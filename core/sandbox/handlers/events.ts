// get_events and the event log the write actions append to. Events carry no project field: the project
// is only in object.page, which is also how id_project filters them here.
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { EventAction, EventRec, Id } from '../model.js';
import type { ActionName } from '../../worksection/actions.js';
import { periodMs } from '../../worksection/activity-period.js';
import { requiredField } from './errors.js';
import { findProject } from './lookup.js';
import { str } from './params.js';
import { renderEvent } from './render.js';

type Fields = Record<string, unknown>;

export function recordEvent(
  ctx: ActionContext,
  e: { action: EventAction; type: EventRec['objectType']; id: Id; page: string; userFromId: Id },
  changes: { new?: Fields; old?: Fields } = {},
): void {
  ctx.data.events.push({
    action: e.action,
    objectType: e.type,
    objectId: e.id,
    page: e.page,
    dateAdded: ctx.now,
    userFromId: e.userFromId,
    ...(changes.new && Object.keys(changes.new).length > 0 ? { new: changes.new } : {}),
    ...(changes.old && Object.keys(changes.old).length > 0 ? { old: changes.old } : {}),
  });
}

/** The fields whose wire value differs between two snapshots, as the new/old pair of an update event. */
export function diff(before: Fields, after: Fields): { new: Fields; old: Fields } {
  const out = { new: {} as Fields, old: {} as Fields };
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out.new[key] = after[key];
    out.old[key] = before[key];
  }
  return out;
}

const getEvents: ActionHandler = (ctx) => {
  // Any other period is "Field is required", as Worksection answers it.
  const since = ctx.now - (periodMs(str(ctx.params, 'period')) ?? requiredField('period'));
  const prefix = str(ctx.params, 'id_project') === undefined ? undefined : `/project/${findProject(ctx).id}/`;
  const data = ctx.data.events
    .filter((e) => e.dateAdded >= since && e.dateAdded <= ctx.now && (!prefix || e.page.startsWith(prefix)))
    .sort((a, b) => a.dateAdded - b.dateAdded)
    .map((e) => renderEvent(ctx.data, e));
  return ok({ data });
};

export const eventHandlers: Partial<Record<ActionName, ActionHandler>> = { get_events: getEvents };
