// Task and project tag groups with their tags, shaped like the account in Worksection's own examples:
// a "Basic workflow" status group, label groups, and project groups whose internal id_group is negative.
import type { Id, TagGroupRec, TagScope } from '../model.js';
import { allocateId } from '../records.js';
import type { GenContext } from './context.js';

interface GroupSpec {
  title: string;
  type: TagGroupRec['type'];
  access: TagGroupRec['access'];
  tags: readonly string[];
  /** Only in the large account. */
  extra?: true;
}

const TASK_GROUPS: readonly GroupSpec[] = [
  {
    title: 'Basic workflow',
    type: 'status',
    access: 'public',
    tags: ['To-do', 'In progress', 'Review', 'Done'],
  },
  {
    title: 'Task type',
    type: 'label',
    access: 'public',
    tags: ['Bug', 'Feature', 'Improvement', 'Research'],
  },
  {
    title: 'General labels',
    type: 'label',
    access: 'public',
    tags: ['urgent', 'blocked', 'client feedback'],
  },
  { title: 'Task results', type: 'label', access: 'private', tags: ['approved', 'rejected', 'postponed'] },
  {
    title: 'Sales',
    type: 'status',
    access: 'public',
    tags: ['Lead', 'Negotiation', 'Won', 'Lost'],
    extra: true,
  },
  {
    title: 'Time tracking types',
    type: 'label',
    access: 'public',
    tags: ['Billable', 'Non-billable'],
    extra: true,
  },
];

const PROJECT_GROUPS: readonly GroupSpec[] = [
  {
    title: 'Project status',
    type: 'status',
    access: 'public',
    tags: ['Backlog', 'In progress', 'Paused', 'Completed', 'Canceled'],
  },
  {
    title: 'Common labels',
    type: 'label',
    access: 'public',
    tags: ['client', 'internal', 'retainer', 'fixed price'],
  },
  { title: 'Internal labels', type: 'label', access: 'private', tags: ['inner', 'wiki'] },
  // Groups added through add_project_tag_groups have no type.
  { title: 'Budget level', type: '', access: 'public', tags: ['Small', 'Medium', 'Large'], extra: true },
];

/** Tag ids by group title and tag title, so the generator can pick tags by meaning. */
export type TagIndex = Map<string, Map<string, Id>>;

export interface Tags {
  task: TagIndex;
  project: TagIndex;
}

function addGroups(ctx: GenContext, scope: TagScope, specs: readonly GroupSpec[]): TagIndex {
  const index: TagIndex = new Map();
  let n = 0;
  for (const spec of specs) {
    if (spec.extra && !ctx.profile.extraTagGroups) continue;
    n++;
    const group: TagGroupRec = {
      id: allocateId(ctx.data),
      scope,
      title: spec.title,
      type: spec.type,
      access: spec.access,
      idGroup: String(scope === 'project' ? -n : n),
    };
    ctx.data.tagGroups.set(group.id, group);
    const byTitle = new Map<string, Id>();
    for (const title of spec.tags) {
      const id = allocateId(ctx.data);
      ctx.data.tags.set(id, { id, groupId: group.id, title });
      byTitle.set(title, id);
    }
    index.set(spec.title, byTitle);
  }
  return index;
}

export function generateTags(ctx: GenContext): Tags {
  return { task: addGroups(ctx, 'task', TASK_GROUPS), project: addGroups(ctx, 'project', PROJECT_GROUPS) };
}

/** The id of a tag known to exist (the generator only asks for tags of groups it created). */
export function tagId(index: TagIndex, group: string, title: string): Id {
  const id = index.get(group)?.get(title);
  if (id === undefined) throw new Error(`generator: no tag ${group}/${title}`);
  return id;
}

/** Ids of every tag of a label group that exists in this account (empty for a group left out). */
export function labelIds(index: TagIndex, group: string): Id[] {
  return [...(index.get(group)?.values() ?? [])];
}
