// Every business error the action handlers answer, in one place. Handlers throw WsFail deep inside a
// lookup or a parameter read and index.ts turns it into the HTTP 200 error envelope, so a handler body
// reads as the happy path.
//
// Codes and messages come from the Postman examples. The ones marked
// SYNTHETIC have no documented code: they are our choice, kept here so a later fact changes one line.
import type { ActionResult } from '../handler.js';
import { wsError } from '../handler.js';

export class WsFail extends Error {
  constructor(readonly result: ActionResult) {
    super('worksection business error');
  }
}

export function fail(code: number, message: string, details?: string): never {
  throw new WsFail(wsError(code, message, details));
}

export function requiredField(field: string): never {
  return fail(10, 'Field is required', field);
}
export function atLeastOne(fields: string): never {
  return fail(10, 'At least one of fields required', fields);
}
export function projectInvalid(): never {
  return fail(4, 'Project is invalid');
}
export function fileNotFound(): never {
  return fail(4, 'File not found');
}
export function taskInvalid(): never {
  return fail(5, 'Task is invalid');
}
export function invalidEmail(emails: string): never {
  return fail(11, 'Invalid email', emails);
}
export function tagInvalid(tag: string): never {
  return fail(16, 'Tag is invalid', tag);
}

/** SYNTHETIC codes: Worksection documents none for these situations. */
export const SYNTHETIC = {
  /** An action name the API does not know (for the HTTP layer; handlers exist for every ActionName). */
  unknownAction: { code: 1, message: 'Action is invalid' },
  /** me / *_my_timer called with the admin key: the docs only say "User method (only for access token)". */
  userTokenOnly: { code: 3, message: 'User method (only for access token)' },
  /** get_timers / stop_timer with a user token: the official SDK calls them admin-only. */
  adminTokenOnly: { code: 3, message: 'Admin method (only for admin token)' },
  /** The token lacks the action's OAuth scope; Worksection publishes no scope→action mapping either. */
  scopeMissing: { code: 3, message: 'Access denied' },
  /** The live message pbv7 recorded carries no status_code; we add one so clients can switch on it. */
  tooManyTasks: { code: 9, message: 'Too many tasks (10000 max)' },
  /** A search_tasks / get_costs filter that does not parse or names an unsupported field. */
  filterInvalid: { code: 15, message: 'Filter is invalid' },
  /** update_costs / delete_costs with an unknown id, phrased like "WebHook not found". */
  costsNotFound: { code: 10, message: 'Costs not found' },
} as const;

/** Broad task listings refuse to answer past this many tasks. */
export const MAX_LISTED_TASKS = 10_000;

export function userTokenOnly(): never {
  return fail(SYNTHETIC.userTokenOnly.code, SYNTHETIC.userTokenOnly.message);
}
export function tooManyTasks(): never {
  return fail(SYNTHETIC.tooManyTasks.code, SYNTHETIC.tooManyTasks.message);
}
export function filterInvalid(why: string): never {
  return fail(SYNTHETIC.filterInvalid.code, SYNTHETIC.filterInvalid.message, why);
}
export function costsNotFound(): never {
  return fail(SYNTHETIC.costsNotFound.code, SYNTHETIC.costsNotFound.message);
}
