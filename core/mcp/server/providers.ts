// What the server needs from the resource and prompt modules (resources.ts, prompts.ts). They get the
// same per-call ToolContext as tools. To fail, they throw: ToolError (a bad argument or URI the caller can
// fix: InvalidParams), McpError (passed through, e.g. -32002 resource not found) or Worksection's typed
// errors (a missing object becomes "resource not found"); anything else is logged and answered generically.
import type {
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
} from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../tools/kit/context.js';

export interface McpResourceProvider {
  /** Concrete resources for resources/list (may be empty when everything is a template). */
  list(ctx: ToolContext): Promise<Resource[]>;
  /** URI templates for resources/templates/list, e.g. worksection://file/{id}. */
  templates(): ResourceTemplate[];
  read(uri: string, ctx: ToolContext): Promise<ReadResourceResult>;
}

export interface McpPromptProvider {
  list(): Prompt[];
  /** Unknown names and missing required arguments: throw ToolError (InvalidParams). */
  get(name: string, args: Record<string, string>, ctx: ToolContext): Promise<GetPromptResult>;
  /** Values for a prompt argument as typed so far (completion/complete), best first. */
  complete(name: string, argument: string, value: string, ctx: ToolContext): Promise<string[]>;
}

/** JSON-RPC code the spec assigns to an unknown resource URI. */
export const RESOURCE_NOT_FOUND = -32002;
