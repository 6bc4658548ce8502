// Replays every request of Worksection's Postman collection against the sandbox, in collection order, once
// with an OAuth bearer token and once with the admin key, with the examples' ids, emails and names mapped
// onto the generated account. A request replayed from a success example must answer the documented
// success shape (ACTION_RESPONSES); one replayed from an error example must answer that very error.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, SCOPES, isActionName } from '../worksection/actions.js';
import { md5QueryHash } from '../worksection/admin-auth.js';
import { ACTION_RESPONSES, errorEnvelopeSchema } from '../worksection/schemas.js';
import { loadPostmanCollection } from './testing/postman-collection.js';
import type { PostmanExample, QueryPairs } from './testing/postman-collection.js';
import { createReplayMapper } from './testing/postman-replay-map.js';
import type { ReplayMapper, ReplayMode } from './testing/postman-replay-map.js';
import { startSandbox } from './server.js';
import type { RunningSandbox } from './server.js';

const requests = loadPostmanCollection('client');

// Where the example lists records, the replay must list some too, so the shape check is not vacuous.

function listed(body: unknown): number | undefined {
  const data = (body as { data?: unknown }).data;
  return Array.isArray(data) ? data.length : undefined;
}

interface Answer {
  status: number;
  contentType: string;
  json?: unknown;
  bytes?: Uint8Array;
  disposition: string | null;
}

/** The documented business error of an error example, if it is one. */
function documentedError(ex: PostmanExample): { status_code?: number; message: string } | undefined {
  const parsed = errorEnvelopeSchema.safeParse(ex.body);
  return parsed.success ? parsed.data : undefined;
}

async function startHookTarget() {
  // add_webhook test-calls the hook URL: /ok answers like a healthy hook, anything else does not.
  const server = createServer((req, res) => {
    const ok = req.url?.startsWith('/ok') === true;
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(ok ? '{"status":"OK"}' : '{"error":"no hook here"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each<ReplayMode>(['oauth', 'admin'])(
  'Postman collection replayed against the sandbox (%s)',
  (mode) => {
    let sandbox: RunningSandbox;
    let hooks: Awaited<ReturnType<typeof startHookTarget>>;
    let mapper: ReplayMapper;
    let accessToken = '';

    async function call(params: QueryPairs): Promise<Answer> {
      let url: string;
      const headers: Record<string, string> = {};
      if (mode === 'admin') {
        const hash = md5QueryHash(params, sandbox.apiKey);
        url = `${sandbox.url}/api/admin/v2?${new URLSearchParams([...params, ['hash', hash]]).toString()}`;
      } else {
        url = `${sandbox.url}/api/oauth2?${new URLSearchParams(params).toString()}`;
        headers.authorization = `Bearer ${accessToken}`;
      }
      // POST with every param in the query string, as the collection sends them.
      const res = await fetch(url, { method: 'POST', headers });
      const contentType = res.headers.get('content-type') ?? '';
      const disposition = res.headers.get('content-disposition');
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (!contentType.includes('json')) return { status: res.status, contentType, bytes, disposition };
      return {
        status: res.status,
        contentType,
        json: JSON.parse(Buffer.from(bytes).toString('utf8')),
        disposition,
      };
    }

    async function mustSucceed(params: QueryPairs): Promise<void> {
      const answer = await call(params);
      expect(answer.json, JSON.stringify(params)).toMatchObject({ status: 'ok' });
    }

    beforeAll(async () => {
      sandbox = await startSandbox({ size: 'small', seed: 1, rateLimit: 0 });
      hooks = await startHookTarget();
      mapper = createReplayMapper(sandbox.data, hooks.url);
      const { owner } = mapper.targets;
      const ownerId = sandbox.data.index.userByEmail.get(owner.toLowerCase());
      accessToken = sandbox.issueTokens({ userId: ownerId, scopes: [...SCOPES] }).accessToken;
      if (mode === 'oauth') {
        // start_my_timer's success example needs the caller to have no running timer.
        const running = [...sandbox.data.timers.values()].some((t) => t.userId === ownerId);
        if (running) await mustSucceed([['action', 'stop_my_timer']]);
      }
    });

    afterAll(async () => {
      await Promise.all([sandbox?.close(), hooks?.close()]);
    });

    const cases = requests.flatMap((req) =>
      req.examples.map((ex, i) => ({ title: `${req.folder}/${req.name}: ${ex.name} #${i + 1}`, req, ex })),
    );

    it.each(cases)('$title', async ({ req, ex }) => {
      const action = ex.action ?? req.action ?? '';
      if (!isActionName(action)) throw new Error(`not a catalogued action: ${action}`);
      const expected = documentedError(ex);
      const params = mapper.map(action, ex.params, { mode, expectCode: expected?.status_code });
      const answer = await call(params);
      const where = `${JSON.stringify(params)} -> ${answer.json ? JSON.stringify(answer.json) : answer.contentType}`;
      const spec: { userTokenOnly?: true; adminTokenOnly?: true } = ACTIONS[action];

      if ((spec.userTokenOnly && mode === 'admin') || (spec.adminTokenOnly && mode === 'oauth')) {
        // The other token kind's method: Worksection documents no code for this, only that it is refused.
        expect(errorEnvelopeSchema.safeParse(answer.json).success, where).toBe(true);
        return;
      }
      expect(answer.status, where).toBe(200);
      if (expected) {
        const error = errorEnvelopeSchema.safeParse(answer.json);
        expect(error.success, where).toBe(true);
        expect({ status_code: error.data?.status_code, message: error.data?.message }, where).toEqual({
          status_code: expected.status_code,
          message: expected.message,
        });
        return;
      }
      if (action === 'download') {
        expect(answer.contentType, where).toBe('application/x-download');
        expect(answer.disposition, where).toMatch(/^attachment; filename\*=UTF-8''/);
        expect(answer.bytes?.length, where).toBeGreaterThan(0);
        return;
      }
      const parsed = ACTION_RESPONSES[action].safeParse(answer.json);
      expect(parsed.success, `${where}\n${JSON.stringify(parsed.error?.issues, null, 1)}`).toBe(true);
      if ((listed(ex.body) ?? 0) > 0) {
        expect(listed(answer.json), where).toBeGreaterThan(0);
      }
      mapper.remember(action, answer.json);
    });

    if (mode === 'oauth')
      it('get_my_timer answers a running timer as one object', async () => {
        const timer = sandbox.data.timers.values().next().value;
        if (!timer) throw new Error('the generated account has no running timer');
        accessToken = sandbox.issueTokens({ userId: timer.userId, scopes: [...SCOPES] }).accessToken;
        const answer = await call([['action', 'get_my_timer']]);
        const parsed = ACTION_RESPONSES.get_my_timer.safeParse(answer.json);
        expect(parsed.success, JSON.stringify(answer.json)).toBe(true);
        expect(Array.isArray(parsed.data?.data), JSON.stringify(answer.json)).toBe(false);
      });
  },
);
