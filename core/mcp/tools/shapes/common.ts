// Argument and answer pieces every toolset shares. Answers are shaped for agents, not copied from the wire:
// ids stay strings, dates are ISO, placeholders become explicit (no assignee = null, "Anyone" = a flag).
import { z } from 'zod';
import type { UserRef } from '../../../worksection/schemas.js';

/** An id argument: Worksection ids are numeric strings; models send numbers as often as strings. */
export function idArg(description: string) {
  return idSchema(description);
}

function idSchema(description?: string) {
  const id = z.union([z.string().regex(/^\d+$/, 'a numeric id'), z.number().int().nonnegative()]);
  return (description === undefined ? id : id.describe(description)).transform((v, ctx) => {
    const id = String(v);
    // Worksection ids are far below 15 digits; past that a number is no longer exact in JSON. Checked
    // here, not in the schema, so tools/list keeps its compact id type (inventory/descriptor.ts).
    if (id.length > 15 || (typeof v === 'number' && !Number.isSafeInteger(v))) {
      ctx.addIssue({ code: 'custom', message: 'not a Worksection id (at most 15 digits)' });
      return z.NEVER;
    }
    return id;
  });
}

/** Most projects one call may name: each is its own upstream request. */
export const MAX_PROJECTS_PER_CALL = 20;

/** One project id or several ("my projects" in one call), parsed to a list without repeats. */
export function projectIdsArg(description: string) {
  return z
    .union([idSchema(), z.array(idSchema())])
    .describe(`${description} One id or a list.`)
    .transform((v, ctx) => {
      const ids = [...new Set(Array.isArray(v) ? v : [v])];
      // Checked here, not in the schema, like an id's length: the bounds need not cost every tools/list.
      if (ids.length === 0 || ids.length > MAX_PROJECTS_PER_CALL) {
        ctx.addIssue({ code: 'custom', message: `give 1 to ${MAX_PROJECTS_PER_CALL} project ids` });
        return z.NEVER;
      }
      return ids;
    });
}

/**
 * Marks a person argument; the forms it takes (email, user id, "me", a unique name) are said once, in the
 * server instructions, instead of on each of them.
 */
const PERSON_FORMS = '(person)';

/** A person argument. Resolved by resolvePerson in people-args.ts. */
export function personArg(description: string) {
  return z.string().min(1).describe(`${description} ${PERSON_FORMS}`);
}

/** Several people: the forms said once for the list, not again on its items. */
export function peopleArg(description: string, min = 0) {
  return z.array(z.string().min(1)).min(min).describe(`${description} (people)`);
}

export const personShape = z.object({
  id: z.string().describe('User id.'),
  name: z.string(),
  email: z.string(),
});
export type Person = z.infer<typeof personShape>;

/** A person in a list: name and id, no email (list_users has emails; every person argument takes the id). */
export const personRefShape = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof personRefShape>;

export function personRefOf(ref: UserRef | undefined): PersonRef | null {
  const p = personOf(ref);
  return p && { id: p.id, name: p.name };
}

/** A user reference from Worksection; NOONE/ANY placeholders are not people and yield null. */
export function personOf(ref: UserRef | undefined): Person | null {
  if (!ref || ref.email === 'NOONE' || ref.email === 'ANY') return null;
  return { id: ref.id, name: ref.name, email: ref.email };
}

export const assigneeShape = z.object({
  assignee: personShape
    .nullable()
    .describe('Who the task is assigned to; null when nobody is (or when anyone may take it).'),
  assigned_to_anyone: z.boolean().optional().describe('True when the task is open for anyone to take.'),
});

export function assigneeOf(ref: UserRef | undefined): z.infer<typeof assigneeShape> {
  const out: z.infer<typeof assigneeShape> = { assignee: personOf(ref) };
  if (ref?.email === 'ANY') out.assigned_to_anyone = true;
  return out;
}

/** Worksection tag maps {id: name} as a list agents can read and pass back. */
export function tagNames(tags: Record<string, string> | undefined): string[] {
  return tags ? Object.values(tags) : [];
}
