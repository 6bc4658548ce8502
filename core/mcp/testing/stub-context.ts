// A ToolContext factory with no upstream at all, for runs that measure or stress the server itself (the
// call-log crash child, bench/log.ts) with tools that never call Worksection.
import type { ToolContext } from '../tools/kit/context.js';
import type { ToolContextFactory } from '../tools/kit/context-factory.js';
import { DEFAULT_LIMITS } from '../tools/kit/context-factory.js';

const unused = (): never => {
  throw new Error('this context has no upstream');
};

export const stubContextFor: ToolContextFactory = ({ caller, signal }): ToolContext => ({
  ws: { call: unused, download: unused },
  me: unused,
  authMode: 'oauth',
  caller,
  signal,
  now: () => new Date(),
  timeZone: 'UTC',
  today: () => new Date().toISOString().slice(0, 10),
  limits: DEFAULT_LIMITS,
  stats: { upstreamRequests: 0, cacheHits: 0 },
});
