// The contract between the sandbox's HTTP layer (server.ts: routing, auth, scopes, rate limit, faults)
// and its action handlers (handlers/*.ts: the Worksection business logic over SandboxData).
import type { ActionName } from '../worksection/actions.js';
import type { SandboxData, UserRec } from './model.js';

/**
 * Request parameters merged from query string, form body and JSON body (later sources win). PHP array
 * syntax (`todo[]=a&todo[]=b`, `x[0]=…`) arrives as an array under the bare name (`todo: ['a', 'b']`);
 * nested JSON objects arrive as dotted names (`options.allow_close`).
 */
export type Params = Record<string, string | string[]>;

export interface UploadedFile {
  field: string;
  name: string;
  bytes: Uint8Array;
}

/** Who is calling: a user through an OAuth access token, or the account owner's admin API key. */
export type Actor = { kind: 'user'; user: UserRec } | { kind: 'admin' };

export interface ActionContext {
  data: SandboxData;
  actor: Actor;
  params: Params;
  /** Multipart attachments (attach[n] / files[]), if any. */
  uploads: UploadedFile[];
  /** The sandbox clock (epoch ms); injectable so tests can move time. */
  now: number;
}

export type ActionResult =
  | { kind: 'json'; status?: number; body: unknown }
  | { kind: 'bytes'; contentType: string; filename: string; etag: string; body: Uint8Array };

// Most handlers are synchronous; add_webhook awaits a test call of the hook URL, as Worksection does.
export type ActionHandler = (ctx: ActionContext) => ActionResult | Promise<ActionResult>;

export type ActionHandlers = Record<ActionName, ActionHandler>;

/** A business error exactly as Worksection sends it: HTTP 200 with status_code/message[/message_details]. */
export function wsError(statusCode: number, message: string, details?: string): ActionResult {
  const body: Record<string, unknown> = { status: 'error', status_code: statusCode, message };
  if (details !== undefined) body.message_details = details;
  return { kind: 'json', body };
}

export function ok(extra: Record<string, unknown> = {}): ActionResult {
  return { kind: 'json', body: { status: 'ok', ...extra } };
}
