// Pieces the task, comment, tag and project tools share: "not found" errors the model can act on, the
// author of writes in admin-key mode, assignee arguments with Worksection's two placeholders, and the
// "Too many tasks" cap of broad listings.
import { z } from 'zod';
import type { UserRef } from '../../../worksection/schemas.js';
import { WorksectionApiError } from '../../../worksection/errors.js';
import type { PeopleResolver, ResolvedPerson } from '../shapes/people-args.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';

export function apiCode(e: unknown): number | undefined {
  return e instanceof WorksectionApiError ? e.statusCode : undefined;
}

export function isTooManyTasks(e: unknown): boolean {
  return e instanceof WorksectionApiError && /too many tasks/i.test(e.apiMessage);
}

export function tooManyTasksError(scope: string): ToolError {
  return new ToolError(
    `Worksection refuses to list ${scope}: it answers at most 10,000 tasks per request.`,
    'Narrow the query: pass project_id (list_projects finds ids), an assignee, or set include_subtasks=false.',
  );
}

/** Worksection answers 5 "Task is invalid" / 4 "Project is invalid" for unknown ids. */
export async function orNotFound<T>(call: Promise<T>, what: { task?: string; project?: string }): Promise<T> {
  try {
    return await call;
  } catch (e) {
    const code = apiCode(e);
    if (code === 5 && what.task !== undefined) {
      throw new ToolError(
        `Task ${what.task} was not found (or this account cannot see it).`,
        'list_tasks finds task ids.',
      );
    }
    if (code === 4 && what.project !== undefined) {
      throw new ToolError(
        `Project ${what.project} was not found (or this account cannot see it).`,
        'list_projects finds project ids.',
      );
    }
    throw e;
  }
}

/**
 * With an access token Worksection sets the author itself; with the admin key it would credit the account
 * owner, so writes name "me" explicitly when "me" is known.
 */
export async function authorParams(ctx: ToolContext): Promise<{ email_user_from?: string }> {
  if (ctx.authMode === 'oauth') return {};
  try {
    return { email_user_from: (await ctx.me()).email };
  } catch (e) {
    if (e instanceof ToolError) return {};
    throw e;
  }
}

// Person forms are in the server instructions; the two an assignee adds are said here.
const ASSIGNEE_FORMS = '(person, "anyone" or "nobody")';

export function assigneeArg(description: string) {
  return z.string().min(1).describe(`${description} ${ASSIGNEE_FORMS}`);
}

export type Assignee = { kind: 'person'; person: ResolvedPerson } | { kind: 'anyone' } | { kind: 'nobody' };

export async function resolveAssignee(people: PeopleResolver, arg: string): Promise<Assignee> {
  const a = arg.trim().toLowerCase();
  if (a === 'anyone' || a === 'any') return { kind: 'anyone' };
  if (a === 'nobody' || a === 'noone' || a === 'none' || a === 'unassigned') return { kind: 'nobody' };
  return { kind: 'person', person: await people.resolve(arg) };
}

/** The email_user_to value Worksection takes. */
export function assigneeParam(a: Assignee): string {
  return a.kind === 'anyone' ? 'ANY' : a.kind === 'nobody' ? 'NOONE' : a.person.email;
}

export function assigneeMatches(a: Assignee, ref: UserRef): boolean {
  if (a.kind === 'anyone') return ref.email === 'ANY';
  if (a.kind === 'nobody') return ref.email === 'NOONE';
  return ref.id === a.person.id;
}

export function personList(items: string[] | undefined, people: PeopleResolver): Promise<ResolvedPerson[]> {
  return Promise.all((items ?? []).map((p) => people.resolve(p)));
}
