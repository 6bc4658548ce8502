import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_SCOPES } from '../../worksection/actions.js';
import { createWorksectionClient, type WorksectionClient } from '../../worksection/client.js';
import type { AnyTool } from './kit/define-tool.js';
import { createSandboxContext, type SandboxContext } from '../testing/sandbox-context.js';
import type { ToolContext } from './kit/context.js';
import { createToolContextFactory } from './kit/context-factory.js';
import { ToolError } from './kit/errors.js';
import { peopleTools } from './people.js';
import { systemTools } from './system.js';

const tool = (name: string): AnyTool =>
  [...systemTools, ...peopleTools].find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface Health {
  auth_mode: string;
  user: { id: string; email: string } | null;
  me_problem?: string;
  connection: {
    status: string;
    reachable: boolean;
    problem?: string;
    queue?: {
      queued: number;
      in_flight: number;
      rate_per_second: number | null;
      requests_last_minute: number;
    };
  };
}
const check = (ctx: ToolContext) => run<Health>('get_me', { check: true }, ctx);

let s: SandboxContext;
const clients: WorksectionClient[] = [];
beforeAll(async () => {
  s = await createSandboxContext({ authMode: 'admin' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

function contextWith(client: WorksectionClient, meEmail?: string): ToolContext {
  clients.push(client);
  return createToolContextFactory({ client, meEmail })({
    caller: 'test',
    signal: new AbortController().signal,
  });
}

describe('get_me check=true: the connection health', () => {
  it('reports ok, the auth mode, "me" and the request queue (admin key)', async () => {
    const owner = s.sandbox.data.users.get(s.sandbox.data.ownerId);
    const health = await check(s.ctx());
    expect(health).toMatchObject({
      auth_mode: 'admin',
      connection: { status: 'ok', reachable: true },
      user: { id: String(owner?.id), email: owner?.email },
    });
    expect(health.connection.queue).toMatchObject({ queued: 0, in_flight: 0, rate_per_second: null });
    expect(health.connection.queue?.requests_last_minute).toBeGreaterThan(0);
  });

  it('reports ok with a personal sign-in', async () => {
    const oauth = await createSandboxContext({ authMode: 'oauth', sandbox: { data: s.sandbox.data } });
    try {
      expect(await check(oauth.ctx())).toMatchObject({ connection: { status: 'ok' }, auth_mode: 'oauth' });
    } finally {
      await oauth.close();
    }
  });

  it('is degraded when "me" is unknown and down when the credentials are refused, with advice', async () => {
    const noMe = contextWith(
      createWorksectionClient({
        accountUrl: s.sandbox.url,
        auth: { kind: 'admin', apiKey: s.sandbox.apiKey },
        scheduler: { ratePerSecond: 0 },
      }),
    );
    const degraded = await check(noMe);
    expect(degraded).toMatchObject({ user: null, connection: { status: 'degraded', reachable: true } });
    expect(degraded.me_problem).toMatch(/"me" email/);

    const wrongKey = contextWith(
      createWorksectionClient({
        accountUrl: s.sandbox.url,
        auth: { kind: 'admin', apiKey: 'not-the-key' },
        scheduler: { ratePerSecond: 0 },
      }),
    );
    const down = await check(wrongKey);
    expect(down).toMatchObject({ user: null, connection: { status: 'down', reachable: false } });
    expect(down.connection.problem).toMatch(/sign in again/i);
    expect(down.connection.problem).not.toContain('not-the-key');
  });
});

describe('list_webhooks', () => {
  it("lists the account's webhooks without the secrets in their URLs", async () => {
    const hooks = [...s.sandbox.data.webhooks.values()];
    expect(hooks.length).toBeGreaterThan(0);
    const page = await run<{ items: { id: string; url: string; events: string[]; project_ids: string[] }[] }>(
      'list_webhooks',
      {},
      s.ctx(),
    );
    expect(page.items.map((h) => h.id).sort()).toEqual(hooks.map((h) => String(h.id)).sort());
    const first = hooks[0];
    const item = page.items.find((h) => h.id === String(first?.id));
    expect(item?.events).toEqual(first?.events.split(',').map((e) => e.trim()));
    expect(item?.url.startsWith(new URL(first?.url ?? 'x:').origin)).toBe(true);
    for (const h of page.items) expect(h.url).not.toMatch(/[?&][^…]+=|@/);
  });

  it('explains the missing "administrative" permission of a personal token', async () => {
    const { accessToken } = s.sandbox.issueTokens({ scopes: [...READ_SCOPES] });
    const readOnly = contextWith(
      createWorksectionClient({
        accountUrl: s.sandbox.url,
        auth: {
          kind: 'oauth',
          tokens: { getAccessToken: () => Promise.resolve(accessToken), refresh: () => Promise.resolve() },
        },
        scheduler: { ratePerSecond: 0 },
      }),
    );
    const err = await run('list_webhooks', {}, readOnly).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/administrative/);
  });
});
