// Projects section: listing, creating and updating projects, their members, folders and status.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { FolderRec, Id, ProjectRec } from '../model.js';
import type { ProjectOptions } from '../../worksection/schemas/projects.js';
import { MANAGER_NOT_ASSIGNED } from '../model.js';
import { PROJECT_OPTION_KEYS } from '../../worksection/schemas/projects.js';
import { allocateId, insertProject } from '../records.js';
import { fail } from './errors.js';
import { diff, recordEvent } from './events.js';
import { authorId, findProject, userOrFail, usersFromList } from './lookup.js';
import { dateParam, extraSet, listParam, numberParam, requireStr, str } from './params.js';
import { projectPage, renderProject, userRef } from './render.js';
import { resolveTags } from './tags.js';

const PROJECT_FILTERS = new Set(['active', 'pending', 'archive']);
const EXCLUSIVE_OPTIONS = ['time_require', 'time_today', 'timer_only'] as const;

/** options.* flags over a base; more than one of the cost-entry rules at 1 is error 11 (Postman). */
function readOptions(ctx: ActionContext, base: ProjectOptions): ProjectOptions {
  const out = { ...base };
  for (const key of PROJECT_OPTION_KEYS) {
    const v = str(ctx.params, `options.${key}`);
    if (v === '1' || v === '0') out[key] = v === '1' ? 1 : 0;
  }
  if (EXCLUSIVE_OPTIONS.filter((k) => out[k] === 1).length > 1) {
    fail(
      11,
      'Only one parameter (options.time_require or options.time_today or options.timer_only) can be set as 1.',
    );
  }
  return out;
}

/** email_manager: an address, or NOONE for "Manager isn't assigned". */
function managerId(ctx: ActionContext): Id | undefined {
  const v = str(ctx.params, 'email_manager');
  if (v === undefined) return undefined;
  return v.toUpperCase() === 'NOONE' ? MANAGER_NOT_ASSIGNED : userOrFail(ctx.data, v).id;
}

/** The fields an update event reports, in wire form. */
function eventFields(ctx: ActionContext, p: ProjectRec): Record<string, unknown> {
  return {
    title: p.name,
    user_to: userRef(ctx.data, p.userToId),
    date_start: p.dateStart ?? '',
    date_end: p.dateEnd ?? '',
    max_time: p.maxTime === undefined ? '' : String(p.maxTime),
    max_money: p.maxMoney === undefined ? '' : String(p.maxMoney),
  };
}

const addMembers = (p: ProjectRec, ids: Id[]): void => {
  for (const id of ids) if (id !== MANAGER_NOT_ASSIGNED && !p.memberIds.includes(id)) p.memberIds.push(id);
};

function setStatus(ctx: ActionContext, to: 'active' | 'archive'): ReturnType<ActionHandler> {
  const p = findProject(ctx);
  if (p.status === to) fail(12, `Project is already ${to === 'archive' ? 'closed' : 'active'}`);
  p.status = to;
  const userFromId = authorId(ctx);
  recordEvent(ctx, {
    action: to === 'archive' ? 'close' : 'reopen',
    type: 'project',
    id: p.id,
    page: projectPage(p.id),
    userFromId,
  });
  return ok();
}

function ensureFolder(ctx: ActionContext, title: string): FolderRec {
  const found = [...ctx.data.folders.values()].find((f) => f.title.toLowerCase() === title.toLowerCase());
  if (found) return found;
  const folder: FolderRec = { id: allocateId(ctx.data), title };
  ctx.data.folders.set(folder.id, folder);
  return folder;
}

const folderObj = (f: FolderRec) => ({ id: String(f.id), title: f.title, type: 'folder' });

const addFolder: ActionHandler = (ctx) =>
  ok({ data: folderObj(ensureFolder(ctx, requireStr(ctx.params, 'title'))) });

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  get_projects: (ctx) => {
    const filter = str(ctx.params, 'filter');
    const extra = extraSet(ctx.params);
    const list = [...ctx.data.projects.values()].filter(
      (p) => !filter || !PROJECT_FILTERS.has(filter) || p.status === filter,
    );
    return ok({ data: list.map((p) => renderProject(ctx.data, p, extra)) });
  },

  get_project: (ctx) => ok({ data: renderProject(ctx.data, findProject(ctx), extraSet(ctx.params)) }),

  post_project: (ctx) => {
    const name = requireStr(ctx.params, 'title');
    const options = readOptions(
      ctx,
      Object.fromEntries(PROJECT_OPTION_KEYS.map((k) => [k, 0])) as ProjectOptions,
    );
    const userFromId = authorId(ctx);
    const userToId = managerId(ctx) ?? MANAGER_NOT_ASSIGNED;
    const company = str(ctx.params, 'company') ?? ctx.data.users.get(userFromId)?.group ?? '';
    const p = insertProject(ctx.data, {
      id: allocateId(ctx.data),
      name,
      status: 'active',
      company,
      userFromId,
      userToId,
      text: str(ctx.params, 'text') ?? '',
      dateAdded: ctx.now,
      dateStart: dateParam(ctx.params, 'datestart'),
      dateEnd: dateParam(ctx.params, 'dateend'),
      maxTime: numberParam(ctx.params, 'max_time'),
      maxMoney: numberParam(ctx.params, 'max_money'),
      options,
      // Unknown tag names are skipped rather than failing the whole creation.
      tagIds: resolveTags(ctx.data, 'project', listParam(ctx.params, 'tags')).ids,
      memberIds: [],
    });
    addMembers(p, [userFromId, userToId, ...usersFromList(ctx.data, str(ctx.params, 'members'), false)]);
    recordEvent(
      ctx,
      { action: 'post', type: 'project', id: p.id, page: projectPage(p.id), userFromId },
      { new: { title: p.name, user_to: userRef(ctx.data, p.userToId) } },
    );
    return ok({ data: renderProject(ctx.data, p, extraSet(ctx.params)) });
  },

  update_project: (ctx) => {
    const p = findProject(ctx);
    const options = readOptions(ctx, p.options);
    const before = eventFields(ctx, p);
    const manager = managerId(ctx);
    const members = usersFromList(ctx.data, str(ctx.params, 'members'), false);
    p.options = options;
    p.name = str(ctx.params, 'title') ?? p.name;
    if (manager !== undefined) p.userToId = manager;
    p.dateStart = dateParam(ctx.params, 'datestart') ?? p.dateStart;
    p.dateEnd = dateParam(ctx.params, 'dateend') ?? p.dateEnd;
    p.maxTime = numberParam(ctx.params, 'max_time') ?? p.maxTime;
    p.maxMoney = numberParam(ctx.params, 'max_money') ?? p.maxMoney;
    // members adds people; removing them is delete_project_members' job.
    addMembers(p, manager === undefined ? members : [manager, ...members]);
    const changes = diff(before, eventFields(ctx, p));
    if (Object.keys(changes.new).length > 0) {
      recordEvent(
        ctx,
        { action: 'update', type: 'project', id: p.id, page: projectPage(p.id), userFromId: authorId(ctx) },
        changes,
      );
    }
    return ok({ data: renderProject(ctx.data, p, extraSet(ctx.params)) });
  },

  close_project: (ctx) => setStatus(ctx, 'archive'),
  activate_project: (ctx) => setStatus(ctx, 'active'),

  add_project_members: (ctx) => {
    const p = findProject(ctx);
    addMembers(p, usersFromList(ctx.data, requireStr(ctx.params, 'members'), true));
    return ok();
  },

  delete_project_members: (ctx) => {
    const p = findProject(ctx);
    const gone = usersFromList(ctx.data, requireStr(ctx.params, 'members'), true);
    p.memberIds = p.memberIds.filter((id) => !gone.includes(id));
    return ok();
  },

  get_project_groups: (ctx) =>
    ok({
      data: [
        ...[...ctx.data.folders.values()].map(folderObj),
        ...[...ctx.data.groups.values()].map((g) => ({
          id: String(g.id),
          title: g.title,
          type: 'company',
          client: g.client,
        })),
      ],
    }),

  add_project_group: addFolder,
  add_project_groups: addFolder,
};

export const projectHandlers = handlers;
