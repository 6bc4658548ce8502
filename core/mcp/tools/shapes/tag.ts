// Tags and tag groups. Worksection has two tag scopes (tasks, projects), each with groups of type
// "status" (a task holds one tag of the group at a time) or "label" (any number).
import { z } from 'zod';
import type { Tag, TagGroup } from '../../../worksection/schemas.js';

export const tagScopeArg = z.enum(['task', 'project']).default('task').describe('Task or project tags.');

export const tagGroupShape = z.object({
  id: z.string().describe('Tag group id.'),
  name: z.string(),
  type: z
    .enum(['status', 'label', 'none'])
    .describe('status: one tag of the group at a time (adding one replaces the other); label: any number.'),
  access: z.enum(['public', 'private']),
});
export type TagGroupOut = z.infer<typeof tagGroupShape>;

export function tagGroupOf(g: TagGroup): TagGroupOut {
  return { id: String(g.id), name: g.title, type: g.type === '' ? 'none' : g.type, access: g.access };
}

const norm = (s: string) => s.trim().toLowerCase();

/** Tags of a list named by id or (case-insensitive) name, and the names that matched nothing. */
export function matchTags(all: Tag[], wanted: string[]): { found: Tag[]; unknown: string[] } {
  const found: Tag[] = [];
  const unknown: string[] = [];
  for (const w of wanted) {
    const t = all.find((x) => String(x.id) === w.trim()) ?? all.find((x) => norm(x.title) === norm(w));
    if (!t) unknown.push(w);
    else if (!found.includes(t)) found.push(t);
  }
  return { found, unknown };
}
