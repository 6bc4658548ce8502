// Finding the records a request names, with Worksection's errors when they are missing, and the
// per-request indexes that SandboxData does not keep (files and relations by task).
import type { ActionContext } from '../handler.js';
import type { FileRec, Id, ProjectRec, RelationRec, SandboxData, TaskRec, UserRec } from '../model.js';
import { ANYONE, NOONE, isTaskPublished } from '../model.js';
import { userByEmail } from '../records.js';
import { filterInvalid, invalidEmail, projectInvalid, taskInvalid, userTokenOnly } from './errors.js';
import type { FieldGetter, FilterSchema } from '../../worksection/filter-grammar.js';
import { FilterError, evaluate, parseFilter } from '../../worksection/filter-grammar.js';
import { commaList, requireId, requireStr, str } from './params.js';

/** Whether the API shows a task now (model.ts's one publication rule: the task and its ancestors). */
export const isPublished = (data: SandboxData, t: TaskRec, now: number): boolean =>
  isTaskPublished(data.tasks, t, now);

export function findProject(ctx: ActionContext, key = 'id_project'): ProjectRec {
  return ctx.data.projects.get(requireId(ctx.params, key)) ?? projectInvalid();
}

export function findTask(ctx: ActionContext, key = 'id_task'): TaskRec {
  const t = ctx.data.tasks.get(requireId(ctx.params, key));
  return t && isPublished(ctx.data, t, ctx.now) ? t : taskInvalid();
}

export function requireUserActor(ctx: ActionContext): UserRec {
  if (ctx.actor.kind !== 'user') return userTokenOnly();
  return ctx.data.users.get(ctx.actor.user.id) ?? ctx.actor.user;
}

export function userOrFail(data: SandboxData, email: string): UserRec {
  return userByEmail(data, email) ?? invalidEmail(email);
}

/**
 * The author of a write: the token's user, else (admin key) `email_user_from`, else the account owner.
 * With an access token Worksection sets the author itself and ignores the parameter.
 */
export function authorId(ctx: ActionContext, requireWithAdmin = false): Id {
  if (ctx.actor.kind === 'user') return ctx.actor.user.id;
  const email = requireWithAdmin
    ? requireStr(ctx.params, 'email_user_from')
    : str(ctx.params, 'email_user_from');
  return email === undefined ? ctx.data.ownerId : userOrFail(ctx.data, email).id;
}

/** email_user_to: an address, ANY or NOONE. */
export function assigneeId(data: SandboxData, value: string): Id {
  const v = value.trim();
  if (v.toUpperCase() === 'ANY') return ANYONE;
  if (v.toUpperCase() === 'NOONE') return NOONE;
  return userOrFail(data, v).id;
}

/**
 * Users named in a comma list. `strict` answers 11 Invalid email listing the unknown addresses
 * (add_project_members); otherwise unknown addresses are skipped, as post_task/post_project accept
 * outside addresses in the Postman examples.
 */
export function usersFromList(data: SandboxData, value: string | undefined, strict: boolean): Id[] {
  const ids: Id[] = [];
  const bad: string[] = [];
  for (const email of commaList(value)) {
    const u = userByEmail(data, email);
    if (u) {
      if (!ids.includes(u.id)) ids.push(u.id);
    } else bad.push(email);
  }
  if (strict && bad.length > 0) invalidEmail(bad.join(','));
  return ids;
}

/** Indexes one request needs and SandboxData does not keep; each is built on first use. */
export class Lookups {
  private byTask?: Map<Id, FileRec[]>;
  private byComment?: Map<Id, FileRec[]>;
  private relFrom?: Map<Id, RelationRec[]>;
  private relTo?: Map<Id, RelationRec[]>;

  constructor(readonly data: SandboxData) {}

  private buildFiles(): void {
    this.byTask = new Map();
    this.byComment = new Map();
    for (const f of this.data.files.values()) {
      if (f.commentId !== undefined) push(this.byComment, f.commentId, f);
      else if (f.taskId !== undefined) push(this.byTask, f.taskId, f);
    }
  }

  /** Files attached to a task's description. */
  taskFiles(id: Id): FileRec[] {
    if (!this.byTask) this.buildFiles();
    return this.byTask!.get(id) ?? [];
  }

  commentFiles(id: Id): FileRec[] {
    if (!this.byComment) this.buildFiles();
    return this.byComment!.get(id) ?? [];
  }

  /** Relations pointing at the task (its predecessors: "from") and leaving it (successors: "to"). */
  relations(id: Id): { from: RelationRec[]; to: RelationRec[] } {
    if (!this.relFrom || !this.relTo) {
      this.relFrom = new Map();
      this.relTo = new Map();
      for (const r of this.data.relations) {
        push(this.relFrom, r.toTaskId, r);
        push(this.relTo, r.fromTaskId, r);
      }
    }
    return { from: this.relFrom.get(id) ?? [], to: this.relTo.get(id) ?? [] };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

/** The `filter` parameter compiled to a predicate, or undefined when absent; a bad filter is an error. */
export function filterParam(
  ctx: ActionContext,
  schema: FilterSchema,
): ((get: FieldGetter) => boolean) | undefined {
  const src = str(ctx.params, 'filter');
  if (src === undefined) return undefined;
  try {
    const tree = parseFilter(src, schema);
    return (get) => evaluate(tree, get);
  } catch (e) {
    if (e instanceof FilterError) return filterInvalid(e.message);
    throw e;
  }
}
