// Reading the tags and tag groups of one scope (task or project): the two scopes are the same actions
// under different names.
import type { Tag, TagGroup } from '../../../worksection/schemas.js';
import type { ToolContext } from '../kit/context.js';

type TagScope = 'task' | 'project';
type Scope = TagScope;

export function getTags(ctx: ToolContext, scope: Scope, params: Record<string, string> = {}): Promise<Tag[]> {
  const action = scope === 'task' ? 'get_task_tags' : 'get_project_tags';
  return ctx.ws.call(action, params).then((r) => r.data);
}

export function getTagGroups(
  ctx: ToolContext,
  scope: Scope,
  params: Record<string, string> = {},
): Promise<TagGroup[]> {
  const action = scope === 'task' ? 'get_task_tag_groups' : 'get_project_tag_groups';
  return ctx.ws.call(action, params).then((r) => r.data);
}
