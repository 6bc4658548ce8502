// Helpers for the sandbox's HTTP tests: a hand-driven clock, sandboxes that are closed after each test,
// an echo handler that shows what the HTTP layer passed on, and admin request signing.
import { expect } from 'vitest';
import { md5QueryHash } from '../../worksection/admin-auth.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import type { RunningSandbox, SandboxOptions } from '../server.js';
import { startSandbox } from '../server.js';

export type Pairs = [string, string][];

/** The sandbox clock of a test file: time moves only when a test moves it. */
export const clock = { t: Date.UTC(2026, 0, 5, 9) };

export const echo: ActionHandler = (ctx: ActionContext) => ({
  kind: 'json',
  body: {
    status: 'ok',
    data: {
      actor: ctx.actor.kind === 'user' ? ctx.actor.user.id : 'admin',
      params: ctx.params,
      uploads: ctx.uploads.map((u) => ({
        field: u.field,
        name: u.name,
        text: Buffer.from(u.bytes).toString(),
      })),
    },
  },
});

const started: RunningSandbox[] = [];

/** A sandbox on the test clock, without rate limit, echoing a few actions; closed by closeSandboxes(). */
export async function sandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const sb = await startSandbox({
    rateLimit: 0,
    now: () => clock.t,
    handlers: { me: echo, get_projects: echo, get_timers: echo, post_task: echo },
    ...opts,
  });
  started.push(sb);
  return sb;
}

export async function closeSandboxes(): Promise<void> {
  await Promise.all(started.splice(0).map((sb) => sb.close()));
}

export function adminUrl(sb: RunningSandbox, pairs: Pairs, path = '/api/admin/v2/'): string {
  const hash = md5QueryHash(pairs, sb.apiKey);
  return `${sb.url}${path}?${new URLSearchParams([...pairs, ['hash', hash]]).toString()}`;
}

export async function body(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

export interface Echoed {
  actor: unknown;
  params: Record<string, unknown>;
  uploads: unknown[];
}

/** The echo handler's data, after checking the answer was a success. */
export async function echoed(res: Response): Promise<Echoed> {
  const b = await body(res);
  expect(b.status, JSON.stringify(b)).toBe('ok');
  return b.data as Echoed;
}
