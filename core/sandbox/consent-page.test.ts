// The OAuth2 authorize step over real HTTP: the consent page, approve/deny redirects, and refusing bad
// clients, redirect URIs, scopes and response types.
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeQuery, consent, decide, hiddenFields, REDIRECT, sandbox } from './testing/oauth.js';
import { closeSandboxes } from './testing/requests.js';

afterEach(closeSandboxes);

describe('sandbox OAuth2: authorize', () => {
  it('shows a consent form that escapes what it echoes and re-posts the same parameters', async () => {
    const sb = await sandbox();
    const state = `<script>alert("x")</script>&'`;
    const res = await fetch(`${sb.url}/oauth2/authorize?${authorizeQuery(sb, { state }).toString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/oauth2/authorize">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;');
    expect(html).toContain('<code>projects_read</code>');
    expect(html).toContain('<code>users_read</code>');
    expect(html).toContain(`<option value="${sb.data.ownerId}" selected>`);
    expect(html).toContain('name="approve" value="yes"');
    expect(html).toContain('name="approve" value="no"');
    expect(hiddenFields(html)).toEqual({
      client_id: sb.oauthClient.id,
      redirect_uri: REDIRECT,
      state,
      scope: 'projects_read,users_read',
      response_type: 'code',
    });
  });

  it('redirects with code and state on approve, and with access_denied on deny', async () => {
    const sb = await sandbox();
    const fields = await consent(sb);
    const approved = await decide(sb, { ...fields, approve: 'yes' });
    expect(`${approved.origin}${approved.pathname}`).toBe(REDIRECT);
    expect(approved.searchParams.get('code')).toMatch(/^def50200[0-9a-f]+$/);
    expect(approved.searchParams.get('state')).toBe('st-1');

    const denied = await decide(sb, { ...fields, approve: 'no' });
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st-1');
    expect(denied.searchParams.has('code')).toBe(false);
  });

  it('refuses a bad client or redirect URI with a page, never a redirect', async () => {
    const sb = await sandbox();
    const bad: Record<string, string>[] = [
      { client_id: 'nope' },
      { redirect_uri: 'http://localhost:8443/callback' },
      { redirect_uri: 'https://evil.example/callback' },
      { redirect_uri: 'not a url' },
    ];
    for (const extra of bad) {
      const res = await fetch(`${sb.url}/oauth2/authorize?${authorizeQuery(sb, extra).toString()}`, {
        redirect: 'manual',
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Authorization failed');
    }
    // Any https loopback port is a valid redirect URI.
    const ok = await fetch(
      `${sb.url}/oauth2/authorize?${authorizeQuery(sb, { redirect_uri: 'https://127.0.0.1:51234/cb' }).toString()}`,
    );
    expect(ok.status).toBe(200);
  });

  it('sends scope and response_type errors back to the application', async () => {
    const sb = await sandbox();
    for (const [extra, error] of [
      [{ scope: 'projects_read,everything' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
    ] as const) {
      const res = await fetch(`${sb.url}/oauth2/authorize?${authorizeQuery(sb, extra).toString()}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('st-1');
    }
  });
});
