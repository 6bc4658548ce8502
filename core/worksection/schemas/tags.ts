// Task and project tags and tag groups. Their ids are ints.
import { z } from 'zod';
import { intIdSchema } from './primitives.js';

export const tagGroupSchema = z.strictObject({
  title: z.string(),
  id: intIdSchema,
  /** "" for groups created by add_project_tag_groups, which takes no type. */
  type: z.enum(['status', 'label', '']),
  access: z.enum(['public', 'private']),
});

/** A tag with its group; the group also carries Worksection's internal id_group (negative for projects). */
export const tagSchema = z.strictObject({
  title: z.string(),
  id: intIdSchema,
  group: tagGroupSchema.extend({ id_group: z.string().regex(/^-?\d+$/, 'an integer string') }),
});

/** add_task_tags / add_project_tags answer only the new tags' titles and ids. */
export const newTagSchema = tagSchema.pick({ title: true, id: true });

export type TagGroup = z.infer<typeof tagGroupSchema>;
export type Tag = z.infer<typeof tagSchema>;
