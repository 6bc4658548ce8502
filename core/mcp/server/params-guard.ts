// Requests whose params do not fit the method's schema (tools/call with `arguments` null, an array or a
// string) are answered -32602 Invalid params in one line, naming the field. Without this the SDK answers
// -32603 Internal error with its validation dump. It sits between the transport and the SDK Server.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import * as mcp from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

const SCHEMAS = new Map<string, z.ZodType>(
  // The requests our server handles.
  [
    mcp.CallToolRequestSchema,
    mcp.CompleteRequestSchema,
    mcp.GetPromptRequestSchema,
    mcp.ListPromptsRequestSchema,
    mcp.ListResourcesRequestSchema,
    mcp.ListResourceTemplatesRequestSchema,
    mcp.ListToolsRequestSchema,
    mcp.ReadResourceRequestSchema,
    mcp.SetLevelRequestSchema,
  ].map((schema) => [schema.shape.method.value, schema]),
);

/** The first problem of a request's params, as one line, or undefined when they fit. */
function paramsProblem(message: mcp.JSONRPCMessage): string | undefined {
  if (!mcp.isJSONRPCRequest(message)) return undefined;
  const schema = SCHEMAS.get(message.method);
  const checked = schema?.safeParse({ method: message.method, params: message.params });
  const issue = checked?.success === false ? checked.error.issues[0] : undefined;
  if (!issue) return undefined;
  const path = issue.path.map(String).join('.') || 'params';
  return `Invalid params for ${message.method}: \`${path}\`: ${issue.message}`;
}

/**
 * `transport` as the server should be connected to it: the handler the server installs hears only requests
 * whose params fit; the others are answered here. A view, not a copy: everything else is the transport's.
 */
export function guardParams(transport: Transport): Transport {
  const guard =
    (pass: NonNullable<Transport['onmessage']>): Transport['onmessage'] =>
    (message, extra) => {
      const problem = paramsProblem(message);
      if (problem === undefined || !mcp.isJSONRPCRequest(message)) {
        pass(message, extra);
        return;
      }
      const error = { code: mcp.ErrorCode.InvalidParams, message: problem };
      void transport.send({ jsonrpc: '2.0', id: message.id, error }).catch(() => undefined);
    };
  return new Proxy(transport, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, key, value: unknown) {
      if (key === 'onmessage' && typeof value === 'function') {
        return Reflect.set(target, key, guard(value as NonNullable<Transport['onmessage']>));
      }
      return Reflect.set(target, key, value);
    },
  });
}
