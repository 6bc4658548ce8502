// resources/* and prompts/* handlers over the providers of providers.ts. Unlike tools, these answer
// failures as JSON-RPC errors (the spec has no isError for them), mapped so internals never leak.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { WorksectionApiError } from '../../worksection/errors.js';
import { RESOURCE_NOT_FOUND, type McpPromptProvider, type McpResourceProvider } from './providers.js';
import { observeRequest, type McpRequestObserver } from './request-observer.js';
import type { McpLog } from './tool-call.js';
import type { ToolContext } from '../tools/kit/context.js';
import { ToolError, mapToolFailure } from '../tools/kit/errors.js';

/** The spec's most values in one completion answer. */
const MAX_COMPLETIONS = 100;

/** completion/complete with nothing to offer (resource templates' ids, dates, numbers). */
export const NO_COMPLETIONS = { completion: { values: [], total: 0, hasMore: false } };

type ContextFor = (extra: { authInfo?: AuthInfo; signal: AbortSignal }) => ToolContext;

function toMcpError(err: unknown, what: string, log: McpLog): McpError {
  if (err instanceof McpError) return err;
  if (err instanceof ToolError) {
    return new McpError(ErrorCode.InvalidParams, err.hint ? `${err.message} ${err.hint}` : err.message);
  }
  if (err instanceof WorksectionApiError && (err.statusCode === 4 || err.statusCode === 5)) {
    return new McpError(RESOURCE_NOT_FOUND, `${what} was not found in Worksection.`);
  }
  const mapped = mapToolFailure(err);
  if (mapped.internal !== undefined) log({ level: 'error', msg: `${what} failed`, err: mapped.internal });
  const first = mapped.result.content[0];
  return new McpError(ErrorCode.InternalError, first?.type === 'text' ? first.text : 'Internal error.');
}

export function registerResourceHandlers(
  server: Server,
  provider: McpResourceProvider,
  contextFor: ContextFor,
  log: McpLog,
  observe?: McpRequestObserver,
): void {
  server.setRequestHandler(ListResourcesRequestSchema, async (_req, extra) => {
    try {
      return { resources: await provider.list(contextFor(extra)) };
    } catch (err) {
      throw toMcpError(err, 'Listing resources', log);
    }
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: provider.templates(),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (req, extra) => {
    const { uri } = req.params;
    const ctx = contextFor(extra);
    const request = { method: 'resources/read' as const, target: uri, caller: ctx.caller };
    return observeRequest(observe, request, ctx, log, async () => {
      try {
        return await provider.read(uri, ctx);
      } catch (err) {
        throw toMcpError(err, `Resource ${uri}`, log);
      }
    });
  });
}

export function registerPromptHandlers(
  server: Server,
  provider: McpPromptProvider,
  contextFor: ContextFor,
  log: McpLog,
  observe?: McpRequestObserver,
): void {
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: provider.list() }));
  server.setRequestHandler(CompleteRequestSchema, async (req, extra) => {
    const { ref, argument } = req.params;
    if (ref.type !== 'ref/prompt') return NO_COMPLETIONS;
    try {
      const values = await provider.complete(ref.name, argument.name, argument.value, contextFor(extra));
      return {
        completion: {
          values: values.slice(0, MAX_COMPLETIONS),
          total: values.length,
          hasMore: values.length > MAX_COMPLETIONS,
        },
      };
    } catch (err) {
      throw toMcpError(err, `Completing ${ref.name}`, log);
    }
  });
  server.setRequestHandler(GetPromptRequestSchema, (req, extra) => {
    const { name, arguments: args } = req.params;
    const ctx = contextFor(extra);
    const request = { method: 'prompts/get' as const, target: name, caller: ctx.caller, args };
    return observeRequest(observe, request, ctx, log, async () => {
      try {
        return await provider.get(name, args ?? {}, ctx);
      } catch (err) {
        throw toMcpError(err, `Prompt ${name}`, log);
      }
    });
  });
}
