// The tool settings: every toolset and tool, what the user switched, what the configuration locks, and
// what clients see as a result.
import { z } from 'zod';

export const toolEffectSchema = z.enum(['read', 'write', 'destructive']);

export const toolViewSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  effect: toolEffectSchema,
  /** The tool's own switch. */
  enabled: z.boolean(),
  /** Whether clients with a write token see it now (its toolset, read-only mode and its switch agree). */
  available: z.boolean(),
  reason: z.string().nullable(),
  /** Set when the server's configuration switched it off: the switch cannot turn it on. */
  locked: z.string().nullable(),
});

export const toolsetViewSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  locked: z.string().nullable(),
  tools: z.array(toolViewSchema),
});
export type ToolsetView = z.infer<typeof toolsetViewSchema>;

/** When writes need the assistant to pass confirm: true (apply < confirm_destructive < confirm_all). */
export const writePolicySchema = z.enum(['apply', 'confirm_destructive', 'confirm_all']);
export type WritePolicyName = z.infer<typeof writePolicySchema>;

export const toolsViewSchema = z.strictObject({
  readOnly: z.boolean(),
  readOnlyLocked: z.string().nullable(),
  writePolicy: writePolicySchema,
  /** Set when the configuration holds the policy at least this strict. */
  writePolicyLocked: z.string().nullable(),
  toolsets: z.array(toolsetViewSchema),
  enabledCount: z.number().int(),
  totalCount: z.number().int(),
  /** About how many tokens of a model's context the tools/list answer takes. */
  listTokens: z.number().int(),
  warning: z.string().nullable(),
});
export type ToolsView = z.infer<typeof toolsViewSchema>;

/** One change at a time: a toolset or a tool switched (with `enabled`), or read-only mode. */
export const toolsChangeSchema = z
  .strictObject({
    toolset: z.string().min(1).optional(),
    tool: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
    readOnly: z.boolean().optional(),
    writePolicy: writePolicySchema.optional(),
  })
  .superRefine((c, ctx) => {
    const targets = [c.toolset, c.tool, c.readOnly, c.writePolicy].filter((v) => v !== undefined).length;
    if (targets !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'change exactly one of toolset, tool, readOnly or writePolicy',
      });
    } else if (c.readOnly === undefined && c.writePolicy === undefined && c.enabled === undefined) {
      ctx.addIssue({ code: 'custom', path: ['enabled'], message: 'say whether to switch it on or off' });
    }
  });
export type ToolsChange = z.infer<typeof toolsChangeSchema>;
