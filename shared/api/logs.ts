// The call log: filtered pages (newest first), the filter's choices, and the row the live stream pushes.
import { z } from 'zod';

export const callStatusSchema = z.enum(['ok', 'tool_error', 'protocol_error']);
export type CallStatus = z.infer<typeof callStatusSchema>;

export const callRowSchema = z.strictObject({
  id: z.number().int(),
  /** ISO time the request arrived. */
  time: z.string(),
  client: z.string(),
  method: z.string(),
  target: z.string().nullable(),
  /** Redacted JSON of the arguments, as stored (cut at 4 KB). */
  args: z.string().nullable(),
  status: callStatusSchema,
  error: z.string().nullable(),
  durationMs: z.number(),
  upstreamRequests: z.number().int(),
  cacheHits: z.number().int(),
  bytes: z.number().int(),
  truncated: z.boolean(),
  /** The beginning of the answer's text, redacted (null: the answer had no text). */
  preview: z.string().nullable(),
});
export type CallRow = z.infer<typeof callRowSchema>;

const epochMs = z.coerce.number({ error: 'must be a time in epoch milliseconds' }).int().min(0);

/** Query-string filters: every field optional, numbers arrive as text. */
export const logFilterSchema = z.strictObject({
  client: z.string().min(1).optional(),
  tool: z.string().min(1).optional(),
  status: callStatusSchema.optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
  /** Text anywhere in the tool, arguments, error or client. */
  q: z.string().min(1).max(200, { error: 'at most 200 characters' }).optional(),
});
export type LogFilter = z.infer<typeof logFilterSchema>;

export const logPageQuerySchema = logFilterSchema.extend({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500, { error: 'at most 500 rows a page' }).optional(),
});
export type LogPageQuery = z.infer<typeof logPageQuerySchema>;

export const logPageSchema = z.strictObject({
  rows: z.array(callRowSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type LogPage = z.infer<typeof logPageSchema>;

export const logFacetsSchema = z.strictObject({
  clients: z.array(z.string()),
  tools: z.array(z.string()),
});
export type LogFacets = z.infer<typeof logFacetsSchema>;

export const exportFormatSchema = z.enum(['csv', 'jsonl']);
export const logExportQuerySchema = logFilterSchema.extend({ format: exportFormatSchema });
