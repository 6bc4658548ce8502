// The per-request instrumentation hook of the MCP server: tool calls, resource reads and prompt gets are
// each timed and reported once, with how they ended and what the call cost upstream, to an observer (the
// call log). The observer gets raw values and must be cheap: the answer waits for it.
import { performance } from 'node:perf_hooks';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpLog } from './tool-call.js';
import type { ToolContext } from '../tools/kit/context.js';

export type RequestStatus = 'ok' | 'tool_error' | 'protocol_error';

export interface McpRequestRecord {
  /** When the request arrived (epoch ms). */
  time: number;
  /** 'openapi' is a tool call over the REST routes (same path as tools/call, marked apart in the log). */
  method: 'tools/call' | 'openapi' | 'resources/read' | 'prompts/get';
  /** The tool or prompt name, or the resource URI. */
  target: string;
  /** The client token's name, or 'stdio'. */
  caller: string;
  args?: unknown;
  status: RequestStatus;
  /** What the client was told when it failed (never internals: those went to the app's log). */
  error?: string;
  durationMs: number;
  upstreamRequests?: number;
  cacheHits?: number;
  /** The answer as sent (not copied: the observer must not change it). */
  result?: unknown;
}

export type McpRequestObserver = (record: McpRequestRecord) => void;

export interface ObservedRequest {
  method: McpRequestRecord['method'];
  target: string;
  caller: string;
  args?: unknown;
}

/** A tool answer's outcome: isError results are tool errors, their first text block the message. */
export function toolOutcome(result: CallToolResult): { status: RequestStatus; error?: string } {
  if (!result.isError) return { status: 'ok' };
  const first = result.content.find((c) => c.type === 'text');
  return { status: 'tool_error', error: first?.type === 'text' ? first.text : 'error' };
}

// What the call cost upstream, as the cache layer counted it on the context (CallStats).
function statsOf(ctx: ToolContext | undefined): Pick<McpRequestRecord, 'upstreamRequests' | 'cacheHits'> {
  const stats = ctx?.stats;
  return stats ? { upstreamRequests: stats.upstreamRequests, cacheHits: stats.cacheHits } : {};
}

/**
 * Runs one request and reports it. A thrown error is a protocol error (rethrown as is); `outcome` says
 * whether an answer was a failure. An observer that throws is logged and never breaks the request.
 */
export async function observeRequest<T>(
  observer: McpRequestObserver | undefined,
  request: ObservedRequest,
  ctx: ToolContext | undefined,
  log: McpLog,
  run: () => Promise<T>,
  outcome: (result: T) => { status: RequestStatus; error?: string } = () => ({ status: 'ok' }),
): Promise<T> {
  if (!observer) return run();
  const time = Date.now();
  const start = performance.now();
  const report = (rest: Pick<McpRequestRecord, 'status' | 'error' | 'result'>) => {
    try {
      observer({ ...request, ...rest, time, durationMs: performance.now() - start, ...statsOf(ctx) });
    } catch (err) {
      log({ level: 'warn', msg: 'the request observer failed', caller: request.caller, err });
    }
  };
  let result: T;
  try {
    result = await run();
  } catch (err) {
    report({ status: 'protocol_error', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  report({ ...outcome(result), result });
  return result;
}
