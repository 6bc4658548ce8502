// Argument and answer pieces every toolset shares. Answers are shaped for agents, not copied from the wire:
// ids stay strings, dates are ISO, placeholders become explicit (no assignee = null, "Anyone" = a flag).
import { z } from 'zod';
import type { UserRef } from '../../../worksection/schemas.js';

/** An id argument: Worksection ids are numeric strings; models send numbers as often as strings. */
export function idArg(description: string) {
  return (
    z
      // Worksection ids are far below 15 digits; past that a number is no longer exact in JSON.
      .union([
        z.string().regex(/^\d{1,15}$/, 'a numeric id of at most 15 digits'),
        z.number().int().nonnegative().max(999_999_999_999_999),
      ])
      .describe(description)
      .transform((v) => String(v))
  );
}

/** A person argument: an email, a numeric user id, or "me". Resolved by resolvePerson in people-args.ts. */
export function personArg(description: string) {
  return z.string().min(1).describe(`${description} An email, a user id, or "me".`);
}

export const personShape = z.object({
  id: z.string().describe('User id.'),
  name: z.string(),
  email: z.string(),
});
export type Person = z.infer<typeof personShape>;

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
