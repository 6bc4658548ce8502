// The MCP endpoint's state and the Overview's figures.
import { z } from 'zod';
import { accountViewSchema } from './account.js';

export const serverStateSchema = z.strictObject({
  /** Whether /mcp accepts clients; when stopped they get 503 until it starts again. */
  running: z.boolean(),
  mcpUrl: z.string(),
  port: z.number().int(),
  /** ISO time the app started. */
  startedAt: z.string(),
  demo: z.boolean(),
  /** Connected MCP sessions. */
  sessions: z.number().int(),
});
export type ServerState = z.infer<typeof serverStateSchema>;

export const serverChangeSchema = z.strictObject({ running: z.boolean() });

export const upstreamNowSchema = z.strictObject({
  requestsLastMinute: z.number().int(),
  /** The configured limit per second; null when off. */
  ratePerSecond: z.number().nullable(),
  queued: z.number().int(),
  inFlight: z.number().int(),
  /** A 429's Retry-After still holding requests back, ms. */
  pausedForMs: z.number(),
  /** Time from submission to start, p95 over the last minutes, ms. */
  waitP95Ms: z.number(),
});

export const callsTodaySchema = z.strictObject({
  /** ISO start of "today" in the account's time zone. */
  since: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  /** Reads answered from held data instead of a Worksection request. */
  cacheHits: z.number().int(),
  upstreamRequests: z.number().int(),
});

/** The live part of the Overview, also pushed as the `stats` event. */
export const liveStatsSchema = z.strictObject({
  upstream: upstreamNowSchema.nullable(),
  today: callsTodaySchema,
});
export type LiveStats = z.infer<typeof liveStatsSchema>;

export const attentionSchema = z.strictObject({
  kind: z.enum(['sign_in', 'server_stopped', 'too_many_tools', 'restart_needed', 'host']),
  message: z.string(),
  /** The button that fixes it. */
  action: z.enum(['sign_in', 'start_server', 'open_tools', 'open_settings']).nullable(),
});
export type Attention = z.infer<typeof attentionSchema>;

export const overviewSchema = z.strictObject({
  server: serverStateSchema,
  account: accountViewSchema,
  stats: liveStatsSchema,
  attention: z.array(attentionSchema),
});
export type Overview = z.infer<typeof overviewSchema>;
