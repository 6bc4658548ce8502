// What /api/events pushes: one named server-sent event per change, its data one of these JSON bodies.
import { z } from 'zod';
import { accountViewSchema } from './account.js';
import { callRowSchema } from './logs.js';
import { liveStatsSchema, serverStateSchema } from './server.js';
import { toolsViewSchema } from './tools.js';

export const eventSchemas = {
  /** First on every stream: the UI refetches what it shows, so nothing between two streams is missed. */
  hello: z.strictObject({}),
  /** A call-log row, once committed. */
  call: callRowSchema,
  /** Upstream and today's figures, when they change (checked every second). */
  stats: liveStatsSchema,
  server: serverStateSchema,
  account: accountViewSchema,
  tools: toolsViewSchema,
  /** The token list changed (the list itself is fetched: it is not pushed to every tab). */
  tokens: z.strictObject({ count: z.number().int() }),
} as const;

export type EventPayloads = { [K in keyof typeof eventSchemas]: z.infer<(typeof eventSchemas)[K]> };
export type EventName = keyof typeof eventSchemas;
