// Tags section: the task and project variants are the same five actions over a different tag scope, so
// they are built from one table. Tag and tag-group ids travel as ints.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { Id, SandboxData, TagGroupRec, TagRec, TagScope } from '../model.js';
import { allocateId } from '../records.js';
import { requiredField, tagInvalid } from './errors.js';
import { findProject, findTask } from './lookup.js';
import { listParam, requireStr, str } from './params.js';
import { renderTag, renderTagGroup } from './render.js';

const lower = (s: string): string => s.trim().toLowerCase();

function groupsOf(data: SandboxData, scope: TagScope): TagGroupRec[] {
  return [...data.tagGroups.values()].filter((g) => g.scope === scope);
}

function tagsOf(data: SandboxData, scope: TagScope): TagRec[] {
  return [...data.tags.values()].filter((t) => data.tagGroups.get(t.groupId)?.scope === scope);
}

/** Tags named by id or (case-insensitive) title within a scope; `unknown` keeps what matched nothing. */
export function resolveTags(
  data: SandboxData,
  scope: TagScope,
  items: string[],
): { ids: Id[]; unknown: string[] } {
  const tags = tagsOf(data, scope);
  const ids: Id[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const tag = tags.find((t) => String(t.id) === item) ?? tags.find((t) => lower(t.title) === lower(item));
    if (!tag) unknown.push(item);
    else if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  return { ids, unknown };
}

function findGroup(data: SandboxData, scope: TagScope, ref: string): TagGroupRec | undefined {
  const groups = groupsOf(data, scope);
  return groups.find((g) => String(g.id) === ref) ?? groups.find((g) => lower(g.title) === lower(ref));
}

/** plus/minus on a task's or project's tags; a status group holds one tag at a time. */
function applyTagChanges(ctx: ActionContext, scope: TagScope, current: Id[]): Id[] {
  const plus = resolveTags(ctx.data, scope, listParam(ctx.params, 'plus'));
  const minus = resolveTags(ctx.data, scope, listParam(ctx.params, 'minus'));
  const bad = plus.unknown[0] ?? minus.unknown[0];
  if (bad !== undefined) tagInvalid(bad);
  let next = current.filter((id) => !minus.ids.includes(id));
  for (const id of plus.ids) {
    const group = ctx.data.tagGroups.get(ctx.data.tags.get(id)!.groupId);
    if (group?.type === 'status')
      next = next.filter((other) => ctx.data.tags.get(other)?.groupId !== group.id);
    if (!next.includes(id)) next.push(id);
  }
  return next;
}

function matchesGroupFilters(ctx: ActionContext, g: TagGroupRec): boolean {
  const type = str(ctx.params, 'type');
  const access = str(ctx.params, 'access');
  return (!type || g.type === type) && (!access || g.access === access);
}

function scopeHandlers(scope: TagScope): Record<string, ActionHandler> {
  const getTags: ActionHandler = (ctx) => {
    const groupRef = str(ctx.params, 'group');
    const group = groupRef === undefined ? undefined : findGroup(ctx.data, scope, groupRef);
    if (groupRef !== undefined && !group) return ok({ data: [] });
    const data = tagsOf(ctx.data, scope)
      .filter(
        (t) =>
          (!group || t.groupId === group.id) && matchesGroupFilters(ctx, ctx.data.tagGroups.get(t.groupId)!),
      )
      .map((t) => renderTag(ctx.data, t));
    return ok({ data });
  };

  const addTags: ActionHandler = (ctx) => {
    const ref = requireStr(ctx.params, 'group', 'group (id or title)');
    const titles = listParam(ctx.params, 'title');
    if (titles.length === 0) requiredField('title');
    const group = findGroup(ctx.data, scope, ref) ?? requiredField('group (id or title)');
    const data = titles.map((title) => {
      const existing = tagsOf(ctx.data, scope).find(
        (t) => t.groupId === group.id && lower(t.title) === lower(title),
      );
      const tag = existing ?? { id: allocateId(ctx.data), groupId: group.id, title };
      ctx.data.tags.set(tag.id, tag);
      return { title: tag.title, id: tag.id };
    });
    return ok({ data });
  };

  const updateTags: ActionHandler = (ctx) => {
    const target = scope === 'task' ? findTask(ctx) : findProject(ctx);
    target.tagIds = applyTagChanges(ctx, scope, target.tagIds);
    return ok();
  };

  const getGroups: ActionHandler = (ctx) =>
    ok({
      data: groupsOf(ctx.data, scope)
        .filter((g) => matchesGroupFilters(ctx, g))
        .map(renderTagGroup),
    });

  // Task groups need a type; project groups take none and answer type "" (Postman example).
  const addGroups: ActionHandler = (ctx) => {
    const type = scope === 'task' ? requireStr(ctx.params, 'type') : '';
    if (scope === 'task' && type !== 'status' && type !== 'label') requiredField('type');
    const accessRaw = requireStr(ctx.params, 'access');
    if (accessRaw !== 'public' && accessRaw !== 'private') requiredField('access');
    const titles = listParam(ctx.params, 'title');
    if (titles.length === 0) requiredField('title');
    // "statuses are always visible and have public value"
    const access: TagGroupRec['access'] = type === 'status' ? 'public' : accessRaw;
    const data = titles.map((title) => {
      const existing = groupsOf(ctx.data, scope).find((g) => lower(g.title) === lower(title));
      if (existing) return renderTagGroup(existing);
      const n = groupsOf(ctx.data, scope).length + 1;
      const g: TagGroupRec = {
        id: allocateId(ctx.data),
        scope,
        title,
        type: type as TagGroupRec['type'],
        access,
        idGroup: String(scope === 'task' ? n : -n),
      };
      ctx.data.tagGroups.set(g.id, g);
      return renderTagGroup(g);
    });
    return ok({ data });
  };

  return {
    [`get_${scope}_tags`]: getTags,
    [`add_${scope}_tags`]: addTags,
    [`update_${scope}_tags`]: updateTags,
    [`get_${scope}_tag_groups`]: getGroups,
    [`add_${scope}_tag_groups`]: addGroups,
  };
}

export const tagHandlers = { ...scopeHandlers('task'), ...scopeHandlers('project') } as Partial<
  Record<ActionName, ActionHandler>
>;
