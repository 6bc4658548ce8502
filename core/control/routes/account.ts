// Sign in (OAuth through the consent page, or an admin API key), cancel a waiting sign-in, sign out.
import type { Hono } from 'hono';
import { adminSignInSchema, oauthSignInSchema } from '../../../shared/api/account.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerAccount(api: Hono, s: ControlServices): void {
  api.get('/account', () => json(s.account.view()));
  // The body is optional: only a first sign-in without a configured OAuth app gives one.
  api.post('/account/sign-in/oauth', async (c) =>
    json(
      await s.account.signInOAuth(
        c.req.header('content-type')?.includes('json') ? await readBody(c, oauthSignInSchema) : {},
      ),
    ),
  );
  api.post('/account/sign-in/cancel', () => json(s.account.cancelSignIn()));
  api.post('/account/sign-in/admin', async (c) =>
    json(await s.account.signInAdmin(await readBody(c, adminSignInSchema))),
  );
  api.post('/account/sign-out', async () => json(await s.account.signOut()));
}
