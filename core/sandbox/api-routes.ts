// The Client API pipeline of the sandbox: read params, apply the
// injected faults, authenticate, rate-limit, check the action's token kind and scope, dispatch to the
// action handler, and render its answer the way Worksection's nginx sends it. Every request is logged.
import { ACTIONS, isActionName } from '../worksection/actions.js';
import { SYNTHETIC } from './handlers/errors.js';
import { authenticateAdmin, authenticateUser, presentedToken, tokenHint } from './api-auth.js';
import type { FaultDecision } from './faults.js';
import { nginxPage, truncateJson } from './faults.js';
import type { ActionHandlers, ActionResult, Params } from './handler.js';
import type { ParsedRequest } from './http-params.js';
import { param, readRequestParams } from './http-params.js';
import { retryAfterSeconds } from './rate-limit.js';
import type { SandboxState } from './state.js';

export type ApiMode = 'user' | 'admin';

/** A held request may wait for its client this long at most, then gets nginx's 504. */
const TIMEOUT_CAP_MS = 60_000;

interface Answer {
  response: Response;
  /** The JSON body sent, for the request log's apiStatus/statusCode. */
  body?: unknown;
  /** The status to log when it differs from the response's (a client that gave up: 499, as nginx logs it). */
  logStatus?: number;
}

// Worksection answers with `Access-Control-Allow-Origin: *`; the sandbox does not, on purpose: it runs on
// the user's machine, where no web page should read it (docs/sandbox.md).
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  return {
    response: new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } }),
    body,
  };
}

const wsErr = (code: number, message: string, details?: string): Answer =>
  json({ status: 'error', status_code: code, message, ...(details ? { message_details: details } : {}) });
const synthetic = (which: keyof typeof SYNTHETIC, details: string): Answer =>
  wsErr(SYNTHETIC[which].code, SYNTHETIC[which].message, details);

// SYNTHETIC: Worksection publishes no limit, so neither the 429 nor its body are documented.
function tooMany(retryAfterMs: number): Answer {
  const seconds = retryAfterSeconds(retryAfterMs);
  return json(
    {
      status: 'error',
      status_code: 429,
      message: 'Too many requests',
      message_details: `retry after ${seconds} s`,
    },
    429,
    { 'retry-after': String(seconds) },
  );
}

const gaveUp = (): Answer => ({ response: new Response(null, { status: 499 }), logStatus: 499 });

/** RFC 5987 value: encodeURIComponent leaves a few characters the header grammar does not allow. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function renderResult(result: ActionResult, decision: FaultDecision): Answer & { malformed?: true } {
  if (result.kind === 'bytes') {
    const etag = /^(W\/)?"/.test(result.etag) ? result.etag : `"${result.etag}"`;
    const headers = {
      'content-type': result.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${rfc5987(result.filename)}`,
      etag,
    };
    return { response: new Response(new Uint8Array(result.body), { status: 200, headers }) };
  }
  if (decision !== 'malformed') return json(result.body, result.status ?? 200);
  const text = truncateJson(JSON.stringify(result.body));
  return { response: new Response(text, { status: 200, headers: JSON_HEADERS }), malformed: true };
}

function apiFields(body: unknown): { apiStatus?: 'ok' | 'error'; statusCode?: number } {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const out: { apiStatus?: 'ok' | 'error'; statusCode?: number } = {};
  if (b.status === 'ok' || b.status === 'error') out.apiStatus = b.status;
  if (typeof b.status_code === 'number') out.statusCode = b.status_code;
  return out;
}

function handlerParams(params: Params): Params {
  // Credentials are the HTTP layer's business; handlers never see them.
  const { access_token: _token, hash: _hash, ...rest } = params;
  return rest;
}

async function respond(
  state: SandboxState,
  handlers: ActionHandlers,
  req: Request,
  mode: ApiMode,
  parsed: ParsedRequest,
): Promise<Answer> {
  const { faults, log } = state;
  const latency = faults.latencyMs();
  if (latency > 0) {
    log.countFault('latency');
    if ((await state.holds.wait(req.signal, latency)) !== 'elapsed') return gaveUp();
  }
  if (faults.takeBurst()) {
    log.countFault('burst');
    return tooMany(1000);
  }
  const decision = faults.draw();
  if (decision === 'error') {
    log.countFault('error');
    return { response: faults.gatewayError() };
  }
  if (decision === 'timeout') {
    log.countFault('timeout');
    const end = await state.holds.wait(req.signal, TIMEOUT_CAP_MS);
    return end === 'elapsed' ? { response: nginxPage(504) } : gaveUp();
  }

  const auth =
    mode === 'admin'
      ? authenticateAdmin(req, parsed, state.apiKey, state.now())
      : authenticateUser(req, parsed, state.tokens, state.data);
  if (!auth.ok) return json(auth.body, auth.status);
  const slot = state.limiter.take(auth.rateKey, state.now());
  if (!slot.ok) return tooMany(slot.retryAfterMs);

  // SYNTHETIC codes and wording below: Worksection documents none of these answers.
  const action = param(parsed.params, 'action');
  if (!action) return wsErr(10, 'Field is required', 'action');
  if (!isActionName(action)) return synthetic('unknownAction', action);
  const spec = ACTIONS[action];
  if ('userTokenOnly' in spec && auth.actor.kind === 'admin')
    return synthetic('userTokenOnly', `${action} needs a user access token, not the admin API key`);
  if ('adminTokenOnly' in spec && auth.actor.kind === 'user')
    return synthetic('adminTokenOnly', `${action} needs the admin API key, not a user access token`);
  if (auth.scopes !== 'all' && !auth.scopes.includes(spec.scope))
    return synthetic('scopeMissing', `the access token was not granted the ${spec.scope} scope`);

  let result: ActionResult;
  try {
    result = await handlers[action]({
      data: state.data,
      actor: auth.actor,
      params: handlerParams(parsed.params),
      uploads: parsed.uploads,
      now: state.now(),
    });
  } catch (err) {
    // A handler bug: say so loudly on the sandbox's console, and answer like a crashed PHP backend.
    console.error(`sandbox: action ${action} threw`, err);
    return json({ status: 'error', message: 'Internal sandbox error' }, 500);
  }
  const answer = renderResult(result, decision);
  if (answer.malformed) log.countFault('malformed');
  return answer;
}

export function createApiHandler(state: SandboxState, handlers: ActionHandlers) {
  return async (req: Request, mode: ApiMode): Promise<Response> => {
    const time = state.now();
    const path = new URL(req.url).pathname;
    let parsed: ParsedRequest;
    try {
      parsed = await readRequestParams(req);
    } catch {
      parsed = { params: {}, uploads: [], queryPairs: [], rawQuery: '', bodyPairs: [] };
    }
    const action = param(parsed.params, 'action') ?? null;
    const token = mode === 'admin' ? 'admin' : tokenHint(presentedToken(req, parsed));
    const answer = await respond(state, handlers, req, mode, parsed);
    const status = answer.logStatus ?? answer.response.status;
    state.log.add({ time, action, path, token, status, ...apiFields(answer.body) });
    return answer.response;
  };
}
