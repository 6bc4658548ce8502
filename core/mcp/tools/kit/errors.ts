// What a tool's failure becomes for the model. A ToolError is a failure the model can act on: the tool's
// own advice, shown as the message and the hint. Worksection's typed errors get a hint per status; anything
// else is a bug whose details go to the log only, so stack traces, URLs and tokens never reach the model.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import {
  isWorksectionError,
  NoSignInError,
  RequestTooLongError,
  WorksectionApiError,
  UpstreamUnavailableError,
  type WorksectionError,
} from '../../../worksection/errors.js';

export class ToolError extends Error {
  constructor(
    message: string,
    /** What the model can do next, e.g. "list_tasks finds task ids". */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export const INTERNAL_ERROR_TEXT = "Internal error while running the tool; see the app's log.";

export const SIGN_IN_HINT =
  'Sign-in needed: the user must sign in again in the Worksection MCP app (or run `wsmcp login`). ' +
  'Retrying will not help until then.';

/** What kind of failure a result reports: the OpenAPI routes answer each with its own HTTP status. */
export type FailureKind =
  | 'arguments'
  | 'unavailable'
  | 'tool'
  | 'too_large'
  | 'sign_in'
  | 'rate_limited'
  | 'upstream'
  | 'cancelled'
  | 'internal';

export interface Failure {
  kind: FailureKind;
  message: string;
  hint?: string;
}

// Beside the result, not in it: MCP clients get exactly the result they always got, while a REST caller
// of the same call learns its kind, message and hint apart (failureOf).
const failures = new WeakMap<CallToolResult, Failure>();

// Our own messages are a sentence or two; anything longer quotes input back and is cut here, as a backstop.
const MAX_ERROR_CHARS = 2000;

/** The model-facing result of a failure. */
export function errorResult(message: string, hint?: string, kind: FailureKind = 'tool'): CallToolResult {
  const full = hint ? `${message}\nHint: ${hint}` : message;
  const text =
    full.length <= MAX_ERROR_CHARS
      ? full
      : `${full.slice(0, MAX_ERROR_CHARS)}… (${full.length - MAX_ERROR_CHARS} characters cut)`;
  const result: CallToolResult = { isError: true, content: [{ type: 'text', text }] };
  failures.set(result, hint === undefined ? { kind, message } : { kind, message, hint });
  return result;
}

/** The failure an errorResult reports; undefined for answers and for results made elsewhere. */
export function failureOf(result: CallToolResult): Failure | undefined {
  return failures.get(result);
}

export interface MappedFailure {
  result: CallToolResult;
  /** Set when the failure is ours (a bug, a broken upstream answer): the caller logs it. */
  internal?: unknown;
}

// Hints per Worksection status_code. Code 4 covers projects and files alike.
const API_HINTS: Record<number, string> = {
  4: 'The project or file does not exist or is not visible to this account; list_projects finds project ids and list_files finds file ids.',
  5: 'The task does not exist or is not visible to this account; list_tasks finds task ids.',
  6: 'A timer is already running; list_timers shows it, stop_timer stops it.',
  7: 'No timer is running; list_timers shows running timers.',
  8: 'The parent task is closed; reopen it with set_task_status or choose an open parent.',
  10: 'A required field is missing or out of range; the message names it. Add it and call again.',
  11: 'A value is not accepted (usually an email that is not a user of the account); list_users shows valid emails.',
  12: 'It is already in the requested state; nothing needs to be done.',
  13: 'The task has open subtasks; complete them first (get_task with subtasks lists them).',
  14: 'The parent task is done; reopen the parent first.',
  16: 'A tag name does not exist; list_tags shows the tags that can be set.',
};

// Worksection's own words, without its action name or status code: the model calls tools, not actions, and
// an action name it cannot call only misleads it.
function apiFailure(err: WorksectionApiError): CallToolResult {
  const hint =
    err.statusCode === undefined
      ? 'Narrow the request (e.g. add a project or a status filter) and call again.'
      : (API_HINTS[err.statusCode] ?? 'Check the arguments against the tool description and call again.');
  const details = err.details ? `: ${err.details}` : '';
  return errorResult(`Worksection refused: ${err.apiMessage}${details}.`, hint);
}

/** What happened, as the model should hear it: a server error is not a timeout. */
function unavailableWhat(err: UpstreamUnavailableError): string {
  switch (err.reason) {
    case 'server_error':
      return `Worksection answered with a server error${err.httpStatus === undefined ? '' : ` (HTTP ${err.httpStatus})`}`;
    case 'timeout':
      return 'Worksection did not answer in time';
    case 'network':
      return 'The connection to Worksection failed';
  }
}

function worksectionFailure(err: WorksectionError): MappedFailure {
  switch (err.kind) {
    case 'api_error':
      if (err instanceof RequestTooLongError) {
        return {
          result: errorResult(
            err.message,
            'Shorten the longest argument (a filter, a search text, a description) and call again.',
            'arguments',
          ),
        };
      }
      return { result: err instanceof WorksectionApiError ? apiFailure(err) : errorResult(err.message) };
    case 'auth_expired':
    case 'auth_invalid':
      if (err instanceof NoSignInError) {
        return {
          result: errorResult(
            `Sign-in needed: ${err.reason}.`,
            'Retrying will not help until the user has signed in.',
            'sign_in',
          ),
        };
      }
      return {
        result: errorResult('Worksection refused the sign-in of this app.', SIGN_IN_HINT, 'sign_in'),
      };
    case 'rate_limited':
      return {
        result: errorResult(
          'Worksection is rate-limiting requests right now.',
          'Try again in a minute; fewer or narrower calls help.',
          'rate_limited',
        ),
      };
    case 'upstream_unavailable': {
      const applied = 'mayHaveApplied' in err && err.mayHaveApplied === true;
      const what =
        err instanceof UpstreamUnavailableError ? unavailableWhat(err) : 'Worksection did not answer';
      return {
        result: errorResult(
          applied
            ? `${what}; the change may have been applied anyway.`
            : `${what}; Worksection is unavailable right now.`,
          applied
            ? 'Check before retrying (read the object back) so the change is not made twice.'
            : 'Try again later.',
          'upstream',
        ),
      };
    }
    case 'cancelled':
      return { result: errorResult('The request was cancelled.', undefined, 'cancelled') };
    case 'bad_response':
      // An upstream shape our schemas reject is our problem to fix, not the model's.
      return { result: errorResult(INTERNAL_ERROR_TEXT, undefined, 'internal'), internal: err };
  }
}

/** Issues of a zod failure as "`field`: what is expected" lines. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(arguments)';
      return `\`${path}\`: ${issue.message}`;
    })
    .join('; ');
}

export function mapToolFailure(err: unknown): MappedFailure {
  if (err instanceof ToolError) return { result: errorResult(err.message, err.hint) };
  if (isWorksectionError(err)) return worksectionFailure(err);
  return { result: errorResult(INTERNAL_ERROR_TEXT, undefined, 'internal'), internal: err };
}
