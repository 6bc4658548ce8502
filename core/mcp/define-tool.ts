// One tool = one defineTool: name, toolset, declared effect, zod input (every field described), optional
// zod output (then the reply carries structuredContent), and the handler. The effect is the single source of
// the MCP annotations, the read-only filter and the client-token scope check.
import type { ContentBlock, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { withFreshness } from './freshness.js';
import type { ToolContext } from './tool-context.js';
import type { ToolsetName } from './toolsets.js';

export type ToolEffect = 'read' | 'write' | 'destructive';

/** Media answers (images, extracted file text) that are not a JSON object. */
export interface MediaReply {
  kind: 'media';
  content: ContentBlock[];
}

export function mediaReply(content: ContentBlock[]): MediaReply {
  return { kind: 'media', content };
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  /** snake_case, verb first: list_tasks, log_time. */
  name: string;
  title: string;
  group: ToolsetName;
  effect: ToolEffect;
  /** For writes that set values (update_task): repeating the call changes nothing more. */
  idempotent?: boolean;
  /** What the tool does and when to use it: the model reads this. */
  description: string;
  input: I;
  /**
   * Arguments a model may reach for that Worksection cannot do, with why not and what to do instead. Kept
   * out of the input schema (the model pays for every schema byte); said only when the argument is sent.
   */
  refused?: Record<string, { message: string; hint: string }>;
  /** The shape of structuredContent. Tools answering only with media leave it out. */
  output?: O;
  handle(args: z.output<I>, ctx: ToolContext): Promise<z.input<O> | MediaReply>;
}

// The registry holds tools of many input/output types; this is the erased form it stores.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;

/** The definition as written, plus the `fresh` argument and `fetched_at` answer field (freshness.ts). */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return withFreshness(def);
}

// The title is the tool's own (Tool.title): clients since 2025-06-18 read it there, so it is not repeated.
export function annotationsFor(tool: Pick<ToolDefinition, 'effect' | 'idempotent'>): ToolAnnotations {
  const read = tool.effect === 'read';
  return {
    readOnlyHint: read,
    destructiveHint: tool.effect === 'destructive',
    idempotentHint: read || tool.idempotent === true,
    // Reads stay inside the user's own account; writes are seen (and notified) by other people.
    openWorldHint: !read,
  };
}
