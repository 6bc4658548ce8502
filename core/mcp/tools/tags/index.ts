// The tags toolset. Task and project tags are separate sets, each sorted into groups; a "status" group
// holds one tag per task or project at a time, a "label" group any number.
import { z } from 'zod';
import type { AnyTool } from '../kit/define-tool.js';
import { defineTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { tagGroupOf, tagGroupShape, tagScopeArg } from '../shapes/tag.js';
import { ToolError } from '../kit/errors.js';
import { getTagGroups, getTags } from './api.js';
import { setTags } from './set.js';

const groupFilters = {
  type: z.enum(['status', 'label']).optional().describe('Groups of this type.'),
  access: z.enum(['public', 'private']).optional().describe('Public or private groups.'),
};

const defined = (o: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));

const norm = (s: string) => s.trim().toLowerCase();

// One tool for both: tags come grouped, so each group (and its type: one status at a time, or labels) is
// said once rather than on every tag.
const groupWithTags = tagGroupShape.extend({
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const listTags = defineTool({
  name: 'list_tags',
  title: 'List tags',
  toolset: 'tags',
  effect: 'read',
  description:
    'Task or project tags by group, each group with its type (status = one at a time, label = any number) and visibility.',
  input: z.object({
    scope: tagScopeArg,
    group: z.string().min(1).optional().describe('This group (name or id).'),
    ...groupFilters,
    ...pagingInput,
  }),
  output: z.object({ items: z.array(groupWithTags), ...pageMetaShape }),
  async handle(args, ctx) {
    const filters = defined({ type: args.type, access: args.access });
    const [groups, tags] = await Promise.all([
      getTagGroups(ctx, args.scope, filters),
      getTags(ctx, args.scope, defined({ ...filters, group: args.group })),
    ]);
    const wanted = args.group === undefined ? undefined : norm(args.group);
    const items = groups
      .filter((g) => wanted === undefined || norm(String(g.id)) === wanted || norm(g.title) === wanted)
      .map((g) => ({
        ...tagGroupOf(g),
        tags: tags.filter((t) => t.group.id === g.id).map((t) => ({ id: String(t.id), name: t.title })),
      }));
    if (wanted !== undefined && items.length === 0) {
      throw new ToolError(
        `No ${args.scope} tag group is named "${args.group}".`,
        'Call list_tags without `group` to see the groups.',
      );
    }
    return paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_tags', args),
      limits: ctx.limits,
    });
  },
});

export const createTags = defineTool({
  name: 'create_tags',
  title: 'Create tags',
  toolset: 'tags',
  effect: 'write',
  idempotent: true,
  description:
    'Add tags to a tag group (existing names are kept); create_group=true creates a missing group. The API cannot delete tags.',
  input: z.object({
    scope: tagScopeArg,
    group: z.string().min(1).describe('Tag group name or id.'),
    names: z.array(z.string().min(1)).min(1).describe('Names of the tags to create.'),
    create_group: z.boolean().default(false).describe('Create the group when it does not exist.'),
    group_type: z.enum(['status', 'label']).default('label').describe('Type of a new task tag group.'),
    group_access: z.enum(['public', 'private']).default('public').describe('Visibility of a new group.'),
  }),
  output: z.object({
    group: tagGroupShape,
    group_created: z.boolean(),
    created: z.array(z.object({ id: z.string(), name: z.string() })).describe('Tags added by this call.'),
    existing: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .describe('Tags that were there already.'),
  }),
  async handle(args, ctx) {
    // Worksection takes the names as a comma list.
    const bad = args.names.filter((n) => n.includes(','));
    if (bad.length > 0) {
      throw new ToolError(
        `Tag names cannot contain commas: ${bad.join('; ')}.`,
        'Rename them without commas.',
      );
    }
    const groups = await getTagGroups(ctx, args.scope);
    let group =
      groups.find((g) => String(g.id) === args.group.trim()) ??
      groups.find((g) => norm(g.title) === norm(args.group));
    let groupCreated = false;
    if (!group) {
      if (!args.create_group) {
        throw new ToolError(
          `There is no ${args.scope} tag group "${args.group}". Groups: ${groups.map((g) => g.title).join(', ') || 'none'}.`,
          'Use one of those groups, or pass create_group=true to create it.',
        );
      }
      const created =
        args.scope === 'task'
          ? await ctx.ws.call('add_task_tag_groups', {
              title: args.group,
              type: args.group_type,
              access: args.group_access,
            })
          : await ctx.ws.call('add_project_tag_groups', { title: args.group, access: args.group_access });
      group = created.data[0];
      groupCreated = true;
      if (!group) throw new Error('add_*_tag_groups answered no group');
    }
    const inGroup = (await getTags(ctx, args.scope)).filter((t) => t.group.id === group.id);
    const existing = inGroup.filter((t) => args.names.some((n) => norm(n) === norm(t.title)));
    const missing = [...new Set(args.names.map((n) => n.trim()))].filter(
      (n) => !existing.some((t) => norm(t.title) === norm(n)),
    );
    let created: { id: string; name: string }[] = [];
    if (missing.length > 0) {
      const action = args.scope === 'task' ? 'add_task_tags' : 'add_project_tags';
      const { data } = await ctx.ws.call(action, { group: String(group.id), title: missing.join(',') });
      created = data.map((t) => ({ id: String(t.id), name: t.title }));
    }
    return {
      group: tagGroupOf(group),
      group_created: groupCreated,
      created,
      existing: existing.map((t) => ({ id: String(t.id), name: t.title })),
    };
  },
});

export const tagsTools: AnyTool[] = [listTags, createTags, setTags];
