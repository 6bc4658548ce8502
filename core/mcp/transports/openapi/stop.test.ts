// Stopping the app with REST calls running: like MCP sessions, a call that finishes within the grace period
// answers normally, one still running after it is answered 503 saying it may have been applied, and a call
// that arrives while stopping is not run (503). Each call that got no real answer is reported once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ABANDONED_MESSAGE,
  createInFlight,
  STOPPING_MESSAGE,
  type UnservedRequest,
} from '../../../app/in-flight.js';
import { defineTool } from '../../tools/kit/define-tool.js';
import { createMcpServer, type McpServer } from '../../server/server.js';
import { stubContextFor } from '../../testing/stub-context.js';
import { startOpenApiEndpoint, type OpenApiEndpoint } from './testing/openapi-endpoint.js';

const waiting = new Map<string, () => void>();
const slowTool = defineTool({
  name: 'get_slow',
  title: 'Slow',
  toolset: 'system',
  effect: 'read',
  description: 'Answers once the test lets it, for this test.',
  input: z.object({ id: z.string().describe('Which call.') }),
  output: z.object({ id: z.string() }),
  handle: async ({ id }) => {
    await new Promise<void>((resolve) => waiting.set(id, resolve));
    return { id };
  },
});

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('stopping with REST calls in flight', () => {
  const unserved: UnservedRequest[] = [];
  const inFlight = createInFlight((r) => unserved.push(r));
  let mcp: McpServer;
  let api: OpenApiEndpoint;
  beforeAll(async () => {
    mcp = createMcpServer({ tools: [slowTool], contextFor: stubContextFor });
    api = await startOpenApiEndpoint(mcp, { inFlight });
  });
  afterAll(async () => {
    for (const release of waiting.values()) release();
    await api.close();
    await mcp.close();
  });

  it('lets the quick finish, answers the stuck 503, and refuses the late', async () => {
    const quick = api.call('get_slow', { id: 'quick' });
    const stuck = api.call('get_slow', { id: 'stuck' });
    await until(() => waiting.has('quick') && waiting.has('stuck'));
    expect(inFlight.count).toBe(2);
    const drained = inFlight.drain(300);
    waiting.get('quick')?.();
    expect(await quick).toEqual({ status: 200, body: { id: 'quick' } });
    expect(await stuck).toEqual({ status: 503, body: { error: ABANDONED_MESSAGE } });
    expect(await drained).toEqual({ finished: 1, abandoned: 1 });
    expect(await api.call('get_slow', { id: 'late' })).toEqual({
      status: 503,
      body: { error: STOPPING_MESSAGE },
    });
    expect(unserved.map((u) => [u.method, u.caller, u.params, u.error])).toEqual([
      ['openapi', 'rest-writer', { name: 'get_slow', arguments: { id: 'stuck' } }, ABANDONED_MESSAGE],
      ['openapi', 'rest-writer', { name: 'get_slow', arguments: { id: 'late' } }, STOPPING_MESSAGE],
    ]);
    expect(waiting.has('late')).toBe(false);
  });
});
