// What a tool call's result becomes over REST: the answer itself as the body (the structured JSON an MCP
// client gets as structuredContent, or the media content blocks), and a failure as an HTTP status with
// {error, hint}. The status comes from the failure's kind (tool-errors.ts), so a script can branch on it
// without reading the words, and a model still reads the same message and hint as over MCP.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FETCHED_AT } from '../../tools/kit/define-tool.js';
import { failureOf, type FailureKind } from '../../tools/kit/errors.js';

export interface ErrorBody {
  error: string;
  hint?: string;
}

/** Every error status an operation may answer, with what it means (the document's responses). */
export const ERROR_RESPONSES = {
  '400': 'The arguments are not what the tool takes (the error names each problem), or the body is not JSON.',
  '401': 'No client token, or an unknown or revoked one.',
  '403': "The token's scope does not allow this tool, or it is switched off in the app's tool settings.",
  '404': 'No tool has this name.',
  '413': 'The request body is larger than the app accepts.',
  '422':
    'The tool could not do it (e.g. no task with this id, or the answer would be too large); the hint says what to change.',
  '429': 'Worksection is rate-limiting the account; try again in a minute.',
  '500': "A bug in the app; the details are in the app's log.",
  '502':
    'Worksection failed or did not answer in time (a change may have been applied: read it back before retrying).',
  '503': 'The app cannot reach Worksection now: it needs a new sign-in, or it is stopping.',
} as const;

const STATUS: Record<FailureKind, number> = {
  arguments: 400,
  unavailable: 403,
  tool: 422,
  too_large: 422,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  sign_in: 503,
  cancelled: 503,
};

export interface RestAnswer {
  status: number;
  body: unknown;
}

export function errorBody(error: string, hint?: string): ErrorBody {
  return hint === undefined ? { error } : { error, hint };
}

export function restAnswer(result: CallToolResult): RestAnswer {
  if (result.isError) {
    const failure = failureOf(result);
    if (failure) return { status: STATUS[failure.kind], body: errorBody(failure.message, failure.hint) };
    // A result made without errorResult: its text is all there is to say.
    const text = result.content.find((c) => c.type === 'text');
    return { status: 422, body: errorBody(text?.type === 'text' ? text.text : 'The tool failed.') };
  }
  if (result.structuredContent) return { status: 200, body: result.structuredContent };
  const fetchedAt = result._meta?.[FETCHED_AT];
  return {
    status: 200,
    body:
      fetchedAt === undefined
        ? { content: result.content }
        : { content: result.content, [FETCHED_AT]: fetchedAt },
  };
}
