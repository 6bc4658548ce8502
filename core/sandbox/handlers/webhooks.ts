// Webhooks section. add_webhook test-calls the hook URL first, as Worksection does: the URL must answer
// HTTP 200 with JSON {"status":"OK"} within 5 s, otherwise error 11.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { WebhookRec } from '../model.js';
import { allocateId } from '../records.js';
import { fail, requiredField } from './errors.js';
import { commaList, requireId, requireStr, str } from './params.js';
import { renderWebhook } from './render.js';

const WEBHOOK_EVENTS = [
  'post_task',
  'post_comment',
  'post_project',
  'update_task',
  'update_comment',
  'update_project',
  'delete_task',
  'delete_comment',
  'close_task',
] as const;

const HOOK_TEST_TIMEOUT_MS = 5_000;

/** POSTs a test payload to the hook; true when it answers 200 with {"status":"OK"}. */
async function hookAnswers(url: string, auth?: { user: string; pass: string }): Promise<boolean> {
  if (!/^https?:\/\//i.test(url)) return false;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'test' }),
      redirect: 'manual',
      signal: AbortSignal.timeout(HOOK_TEST_TIMEOUT_MS),
    });
    if (res.status !== 200) return false;
    const body = (await res.json()) as { status?: unknown };
    return typeof body.status === 'string' && body.status.toUpperCase() === 'OK';
  } catch {
    return false;
  }
}

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  get_webhooks: (ctx) => ok({ data: [...ctx.data.webhooks.values()].map(renderWebhook) }),

  // The URL is tested before `events` is read: the Postman error example has both wrong and reports the URL.
  add_webhook: async (ctx) => {
    const url = requireStr(ctx.params, 'url');
    const user = str(ctx.params, 'http_user');
    const pass = str(ctx.params, 'http_pass');
    if (!(await hookAnswers(url, user === undefined ? undefined : { user, pass: pass ?? '' }))) {
      fail(11, 'Url should respond 200 HTTP_CODE and JSON {status:OK}', url);
    }
    const events = commaList(requireStr(ctx.params, 'events')).filter((e) =>
      (WEBHOOK_EVENTS as readonly string[]).includes(e),
    );
    if (events.length === 0) requiredField('events');
    const hook: WebhookRec = {
      id: allocateId(ctx.data),
      url,
      events: events.join(','),
      status: 'active',
      projects: commaList(str(ctx.params, 'projects')).join(','),
      ...(user === undefined ? {} : { httpUser: user, httpPass: pass ?? '' }),
    };
    ctx.data.webhooks.set(hook.id, hook);
    return ok({ id: hook.id });
  },

  delete_webhook: (ctx) => {
    const id = requireId(ctx.params, 'id');
    if (!ctx.data.webhooks.delete(id)) fail(10, 'WebHook not found');
    return ok();
  },
};

export const webhookHandlers = handlers;
