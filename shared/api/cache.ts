// The response cache and the file cache: sizes, hit rates, requests saved, freshness windows, and the
// per-minute and per-hour series the Cache panel charts.
import { z } from 'zod';

export const cacheKindViewSchema = z.strictObject({
  kind: z.string(),
  entries: z.number().int(),
  bytes: z.number().int(),
  /** How long an answer of this kind is reused, seconds (0: always fetched). */
  freshSeconds: z.number().int(),
});

export const responseCacheViewSchema = z.strictObject({
  enabled: z.boolean(),
  entries: z.number().int(),
  bytes: z.number().int(),
  maxBytes: z.number().int(),
  /** Since the app started. */
  hits: z.number().int(),
  misses: z.number().int(),
  hitRate: z.number().nullable(),
  kinds: z.array(cacheKindViewSchema),
});

export const fileCacheViewSchema = z.strictObject({
  files: z.number().int(),
  bytes: z.number().int(),
  capBytes: z.number().int(),
  maxFileBytes: z.number().int(),
  retentionDays: z.number(),
  hits: z.number().int(),
  misses: z.number().int(),
  hitRate: z.number().nullable(),
  lastError: z.string().nullable(),
});

/** The local mirror of the account (what search reads): what it holds and how its sync is going. */
export const mirrorViewSchema = z.strictObject({
  state: z.enum(['first_sync', 'syncing', 'idle', 'stopped', 'error']),
  firstSyncDone: z.boolean(),
  objects: z.strictObject({
    projects: z.number().int(),
    tasks: z.number().int(),
    comments: z.number().int(),
    users: z.number().int(),
    tags: z.number().int(),
    folders: z.number().int(),
  }),
  /** Tasks with a discussion, and those whose comments are all indexed. */
  discussedTasks: z.number().int(),
  commentsIndexedFor: z.number().int(),
  requestsToday: z.number().int(),
  requestsMade: z.number().int(),
  requestsLeft: z.number().int(),
  secondsLeft: z.number(),
  lastSyncAt: z.string().optional(),
  nextSyncAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type MirrorView = z.infer<typeof mirrorViewSchema>;

/** One bucket of the call log: calls, Worksection requests made and reads answered from held data. */
export const seriesPointSchema = z.strictObject({
  /** Epoch ms the bucket starts. */
  t: z.number().int(),
  calls: z.number().int(),
  upstream: z.number().int(),
  hits: z.number().int(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const cacheViewSchema = z.strictObject({
  responses: responseCacheViewSchema,
  files: fileCacheViewSchema,
  /** Null when the mirror is switched off. */
  mirror: mirrorViewSchema.nullable(),
  /** Worksection requests not made because held data answered (since the app started). */
  requestsSaved: z.number().int(),
  /** Per minute over the last hour, per hour over the last day (empty buckets included). */
  lastHour: z.array(seriesPointSchema),
  lastDay: z.array(seriesPointSchema),
});
export type CacheView = z.infer<typeof cacheViewSchema>;

export const cacheClearSchema = z.strictObject({ cache: z.enum(['responses', 'files']) });
export type CacheClear = z.infer<typeof cacheClearSchema>;
