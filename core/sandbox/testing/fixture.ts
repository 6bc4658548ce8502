// A small account rebuilt from the Postman collection's example records (same ids, names, dates), so the
// action tests can compare answers with the documented examples field by field. Built with records.ts
// inserts only; the generated accounts (generate/) are exercised separately.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionResult, Actor, Params, UploadedFile } from '../handler.js';
import type { Id, SandboxData } from '../model.js';
import { createEmptyData } from '../records.js';
import { handlers } from '../handlers/index.js';
import { ACC, NOW, addAccounts } from './fixture-accounts.js';
import { addWork } from './fixture-work.js';

export { FRANK, HENRY, KATE, NOW, at } from './fixture-accounts.js';

export function buildFixture(): SandboxData {
  const data = createEmptyData(ACC);
  addAccounts(data);
  addWork(data);
  data.nextId = 400_000;
  return data;
}

export interface CallOptions {
  actor?: Actor | Id;
  uploads?: UploadedFile[];
  now?: number;
}

export async function run(
  data: SandboxData,
  action: ActionName,
  params: Params = {},
  opts: CallOptions = {},
): Promise<ActionResult> {
  const a = opts.actor;
  const actor: Actor =
    a === undefined
      ? { kind: 'admin' }
      : typeof a === 'number'
        ? { kind: 'user', user: data.users.get(a)! }
        : a;
  return handlers[action]({ data, actor, params, uploads: opts.uploads ?? [], now: opts.now ?? NOW });
}

// Answers are free-form JSON that the tests pick apart; typing each shape would only restate the schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Runs an action handler directly and answers its JSON body. */
export async function call(
  data: SandboxData,
  action: ActionName,
  params: Params = {},
  opts: CallOptions = {},
): Promise<Json> {
  const result = await run(data, action, params, opts);
  if (result.kind !== 'json') throw new Error(`${action} answered bytes`);
  return result.body;
}
