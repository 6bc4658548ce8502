// How each kind of change is put back through Worksection's API: what the object looks like now (for the
// conflict check) and the requests that restore the journal's "before". What the API cannot undo is said
// plainly, with what to do instead.
import type { ChangeRow } from '../../../store/change-journal.js';
import type { ToolContext } from '../kit/context.js';
import { toWsDate } from '../kit/dates.js';
import { ToolError } from '../kit/errors.js';
import { matchTags } from '../shapes/tag.js';
import { getTags } from '../tags/api.js';
import { readTask, taskFieldsOf } from '../tasks/plans.js';

type Fields = Record<string, unknown>;

interface Inverse {
  /** The object's fields now, for the keys the change set. */
  read(ctx: ToolContext, id: string): Promise<Fields>;
  apply(ctx: ToolContext, id: string, before: Fields, after: Fields): Promise<void>;
}

const pick = (all: Fields, keys: string[]): Fields =>
  Object.fromEntries(keys.map((k) => [k, all[k] ?? null]));

async function projectOf(ctx: ToolContext, id: string, extra?: string) {
  const params = extra ? { id_project: id, extra } : { id_project: id };
  return (await ctx.ws.call('get_project', params, { fresh: true })).data;
}

const TASK_WIRE: Record<string, string> = {
  title: 'title',
  priority: 'priority',
  time_estimate: 'max_time',
  budget: 'max_money',
};

function assigneeWire(value: unknown): string {
  return value === 'anyone' ? 'ANY' : value === 'nobody' ? 'NOONE' : String(value);
}

const INVERSES: Record<string, Inverse> = {
  update_task: {
    read: async (ctx, id) => taskFieldsOf(await readTask(ctx, id)),
    async apply(ctx, id, before) {
      const params: Record<string, string | number> = { id_task: id };
      for (const [field, value] of Object.entries(before)) {
        if (value === null) {
          throw new ToolError(
            `The change set ${field} where there was none; Worksection's API cannot clear a task's ${field}.`,
            'Clear it in the Worksection web app.',
          );
        }
        if (field === 'assignee') params.email_user_to = assigneeWire(value);
        else if (field === 'start_date') params.datestart = toWsDate(String(value));
        else if (field === 'due_date') params.dateend = toWsDate(String(value));
        else if (TASK_WIRE[field]) params[TASK_WIRE[field]] = value as string | number;
      }
      await ctx.ws.call('update_task', params);
    },
  },
  set_task_status: {
    read: async (ctx, id) => ({ status: (await readTask(ctx, id)).status }),
    async apply(ctx, id, before) {
      await ctx.ws.call(before.status === 'done' ? 'complete_task' : 'reopen_task', { id_task: id });
    },
  },
  set_project_status: {
    read: async (ctx, id) => ({ status: (await projectOf(ctx, id)).status }),
    async apply(ctx, id, before) {
      await ctx.ws.call(before.status === 'archive' ? 'close_project' : 'activate_project', {
        id_project: id,
      });
    },
  },
  manage_task_subscribers: {
    async read(ctx, id) {
      const { data } = await ctx.ws.call('get_task', { id_task: id, extra: 'subscribers' }, { fresh: true });
      return { subscribers: (data.subscribers ?? []).map((u) => u.email) };
    },
    async apply(ctx, id, before, after) {
      const [was, is] = [before.subscribers as string[], after.subscribers as string[]];
      for (const email of was.filter((e) => !is.includes(e))) {
        await ctx.ws.call('subscribe', { id_task: id, email_user: email });
      }
      for (const email of is.filter((e) => !was.includes(e))) {
        await ctx.ws.call('unsubscribe', { id_task: id, email_user: email });
      }
    },
  },
  manage_project_members: {
    read: async (ctx, id) => ({
      members: ((await projectOf(ctx, id, 'users')).users ?? []).map((u) => u.email),
    }),
    async apply(ctx, id, before, after) {
      const [was, is] = [before.members as string[], after.members as string[]];
      const add = was.filter((e) => !is.includes(e));
      const remove = is.filter((e) => !was.includes(e));
      if (add.length) await ctx.ws.call('add_project_members', { id_project: id, members: add.join(',') });
      if (remove.length) {
        await ctx.ws.call('delete_project_members', { id_project: id, members: remove.join(',') });
      }
    },
  },
  set_tags: {
    async read(ctx, id) {
      const { data } = await ctx.ws.call('get_task', { id_task: id }, { fresh: true });
      return { tags: Object.values(data.tags ?? {}) };
    },
    async apply(ctx, id, before, after) {
      const [was, is] = [before.tags as string[], after.tags as string[]];
      const all = await getTags(ctx, 'task');
      const ids = (names: string[]) =>
        matchTags(all, names)
          .found.map((t) => String(t.id))
          .join(',');
      const plus = ids(was.filter((t) => !is.includes(t)));
      const minus = ids(is.filter((t) => !was.includes(t)));
      await ctx.ws.call('update_task_tags', {
        id_task: id,
        ...(plus ? { plus } : {}),
        ...(minus ? { minus } : {}),
      });
    },
  },
};

/** Why a change of this tool cannot be undone, and what to do instead; undefined when it can. */
export const CANNOT_UNDO: Record<string, string> = {
  post_comment:
    "Worksection's API cannot delete or edit comments: post a correcting comment, or delete it in the web app.",
  create_task: "Worksection's API cannot delete tasks: close it with set_task_status status=done.",
  bulk_create_tasks:
    "Worksection's API cannot delete tasks: close them with bulk_update_tasks status=done (the change lists their ids).",
  bulk_update_tasks: 'Change them back with bulk_update_tasks: the change lists each task before and after.',
  create_project: "Worksection's API cannot delete projects: archive it with set_project_status.",
  create_tags: "Worksection's API cannot delete tags: delete them in the web app.",
  start_timer: 'Stop the timer with stop_timer, then delete the entry it logged with delete_time_entry.',
  stop_timer:
    'The entry the timer logged is not known by id: list_time_entries finds it, delete_time_entry removes it.',
  delete_time_entry: 'A deleted entry cannot be brought back: log it again with log_time.',
  update_time_entry: 'Correct the entry again with update_time_entry (its earlier values are not kept).',
  update_project: 'Change it back with update_project (its earlier values are not kept).',
  undo_change: 'Make the change again with the tool that made it first.',
};

export interface UndoPlan {
  id: string;
  kind: string;
  /** How it is now (for the keys the change set), and what undo sets. */
  now: Fields;
  restore: Fields;
  apply(): Promise<void>;
}

/** Reads the object back and says how to put the change back, or throws why it cannot be. */
export async function undoPlan(ctx: ToolContext, row: ChangeRow): Promise<UndoPlan> {
  if (row.tool === 'log_time') {
    const entryId = entryIdOf(row);
    return {
      id: entryId,
      kind: 'time entry',
      now: { entry: entryId },
      restore: { entry: null },
      apply: async () => void (await ctx.ws.call('delete_costs', { id_costs: entryId })),
    };
  }
  // set_tags on a project: its inverse is set_tags again (project tags are read differently).
  const inverse = row.tool === 'set_tags' && row.object?.kind === 'project' ? undefined : INVERSES[row.tool];
  if (!inverse || !row.object || !row.before || !row.after) {
    throw new ToolError(
      `Change ${row.id} (${row.tool}) cannot be undone through Worksection's API.`,
      CANNOT_UNDO[row.tool] ?? 'Change it back with the tool that made it.',
    );
  }
  const { id, kind } = row.object;
  const before = row.before;
  const after = row.after;
  const now = pick(await inverse.read(ctx, id), Object.keys(after));
  return { id, kind, now, restore: before, apply: () => inverse.apply(ctx, id, before, now) };
}

function entryIdOf(row: ChangeRow): string {
  const result = row.result
    ? (JSON.parse(row.result) as { structuredContent?: { id?: unknown } })
    : undefined;
  const id = result?.structuredContent?.id;
  if (typeof id !== 'string') {
    throw new ToolError(
      `Change ${row.id} has no time entry id on record.`,
      'list_time_entries finds the entry.',
    );
  }
  return id;
}
