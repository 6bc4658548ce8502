// Every read tool against the sandbox, called over REST (POST /tools/<name> on a real HTTP server) and
// over MCP (the in-process SDK client) with the same arguments (the every-tool table's): the answers must
// be the same. And a write over REST: it runs, lands in the call log marked OpenAPI, and obeys the tool
// settings and the token's scope.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLog, type CallLog } from '../../../store/call-log.js';
import { openDatabase, type Db } from '../../../store/db.js';
import { pinnedClock, TEST_EPOCH } from '../../../worksection/testing/test-clock.js';
import { ALL_TOOLS } from '../../inventory/registry.js';
import { READS } from '../../testing/every-tool/reads.js';
import { worldOf, type Mode, type World } from '../../testing/every-tool/support.js';
import { createHarness, resultText, type Harness } from '../../testing/harness.js';
import { startOpenApiEndpoint, type OpenApiEndpoint } from './testing/openapi-endpoint.js';

const READ_TOOLS = ALL_TOOLS.filter((t) => t.effect === 'read').map((t) => t.name);

// The every-tool table's arguments, and for the read it runs after its writes, arguments of its own.
const CALLS: { tool: string; modes?: readonly Mode[]; args(w: World): Record<string, unknown> }[] = [
  ...READS,
  { tool: 'get_activity', args: () => ({ period: '3d', limit: 20 }) },
  { tool: 'list_changes', args: () => ({ limit: 5 }) },
];

/** What a REST caller gets for an MCP result: the structured answer, or the media content blocks. */
function mcpAnswer(result: CallToolResult): unknown {
  return result.structuredContent ?? { content: result.content };
}

// Two calls fetch at two moments, and get_me check=true's live queue figures count the other call itself;
// everything else must agree.
function comparable(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return answer;
  const { fetched_at: at, connection, ...rest } = answer as Record<string, unknown>;
  if (at !== undefined) expect(Date.parse(String(at))).not.toBeNaN();
  if (connection === undefined) return rest;
  const { queue, ...health } = connection as Record<string, unknown>;
  if (queue !== undefined) expect(queue).toMatchObject({ requests_last_minute: expect.any(Number) });
  return { ...rest, connection: health };
}

it('there are arguments for every read tool', () => {
  expect(CALLS.map((e) => e.tool).sort()).toEqual([...READ_TOOLS].sort());
});

for (const mode of ['oauth', 'admin'] as const satisfies readonly Mode[]) {
  describe(`read tools over REST and MCP agree (${mode})`, () => {
    let h: Harness;
    let w: World;
    let api: OpenApiEndpoint;
    beforeAll(async () => {
      const clock = pinnedClock(TEST_EPOCH);
      h = await createHarness({ authMode: mode, clock, mirror: true });
      w = worldOf(h, mode, clock);
      api = await startOpenApiEndpoint(h.server);
    });
    afterAll(async () => {
      await api.close();
      await h.close();
    });

    for (const e of CALLS.filter((x) => (x.modes ?? [mode]).includes(mode))) {
      it(e.tool, async () => {
        const args = e.args(w);
        const rest = await api.call(e.tool, args, api.readToken);
        const mcp = await h.callTool(e.tool, args);
        expect(mcp.isError, resultText(mcp)).toBeFalsy();
        expect(rest.status, JSON.stringify(rest.body)).toBe(200);
        expect(comparable(rest.body)).toEqual(comparable(mcpAnswer(mcp)));
      });
    }
  });
}

describe('a write over REST', () => {
  let db: Db;
  let log: CallLog;
  let h: Harness;
  let api: OpenApiEndpoint;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    log = createCallLog(db);
    h = await createHarness({ observe: (r) => log.record({ ...r, client: r.caller }) });
    api = await startOpenApiEndpoint(h.server);
  });
  afterAll(async () => {
    await api.close();
    await h.close();
    log.close();
    db.close();
  });

  const task = () => {
    const t = [...h.sandbox.data.tasks.values()].find((x) => x.status === 'active');
    if (!t) throw new Error('the sandbox has no open task');
    return String(t.id);
  };
  const commentsOn = (id: string) =>
    [...h.sandbox.data.comments.values()].filter((c) => String(c.taskId) === id).length;

  it('runs, and its call-log row is marked OpenAPI', async () => {
    const id = task();
    const before = commentsOn(id);
    const res = await api.call('post_comment', { task_id: id, text: 'Posted over REST.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      task_id: id,
      comment: { text: expect.stringMatching(/Posted over REST/) },
    });
    expect(commentsOn(id)).toBe(before + 1);
    log.flush();
    expect(log.query({ limit: 1 }).rows[0]).toMatchObject({
      method: 'openapi',
      target: 'post_comment',
      client: 'rest-writer',
      status: 'ok',
      upstreamRequests: expect.any(Number),
    });
    expect(log.query({ limit: 1 }).rows[0]?.upstreamRequests).toBeGreaterThan(0);
  });

  it('is refused with a read token and in read-only mode, and changes nothing', async () => {
    const id = task();
    const before = commentsOn(id);
    expect((await api.call('post_comment', { task_id: id, text: 'no' }, api.readToken)).status).toBe(403);
    h.toolSettings.update({ readOnly: true });
    try {
      const res = await api.call('post_comment', { task_id: id, text: 'no' });
      expect(res).toEqual({
        status: 403,
        body: { error: 'post_comment is not available: the app is in read-only mode.' },
      });
    } finally {
      h.toolSettings.update({ readOnly: false });
    }
    expect(commentsOn(id)).toBe(before);
    log.flush();
    expect(log.query({ limit: 1 }).rows[0]).toMatchObject({ method: 'openapi', status: 'tool_error' });
  });
});
