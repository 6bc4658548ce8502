// After a sign-in, API calls and a token renewal, no secret may appear in plain text anywhere under the
// data directory, nor in what the product says (state, error messages). The secrets are looked for as
// whole strings and as fragments, in every file's raw bytes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WorksectionClient } from '../worksection/client.js';
import { AuthInvalidError } from '../worksection/errors.js';
import { browserSpy, consentRedirect, harness, PASSPHRASE, visit, type Harness } from './testing/sign-in.js';
import { signIn } from './sign-in.js';

let h: Harness | undefined;
let client: WorksectionClient | undefined;
afterEach(async () => {
  client?.close();
  await h?.close();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The secret and a distinctive fragment of it, in the encodings a careless writer might use. */
function needles(secret: string | Buffer): Buffer[] {
  const forms = typeof secret === 'string' ? [secret] : [secret.toString('hex'), secret.toString('base64')];
  const out: Buffer[] = forms.flatMap((f) => [f, f.slice(-24)]).map((f) => Buffer.from(f));
  if (typeof secret !== 'string') out.push(secret);
  return out;
}

it('leaves no token, key or secret readable under the data directory or in messages', async () => {
  h = await harness({ lifetimes: { accessSeconds: 60 } });
  const hh = h;
  const browser = browserSpy();
  const result = signIn({
    settings: hh.settings,
    tls: hh.tls,
    openUrl: browser.openUrl,
    accept: (t) => hh.session.adopt(t),
    now: () => hh.clock.t,
  });
  await visit(await consentRedirect(await browser.opened), hh.tls);
  const first = await result;
  client = new WorksectionClient({
    accountUrl: hh.sandbox.url,
    auth: { kind: 'oauth', tokens: hh.session },
    scheduler: { ratePerSecond: 0 },
  });
  await client.call('get_projects');
  hh.clock.t += 59_000;
  await client.call('get_projects', { extra: 'text' });
  const second = (await hh.vault.read()).oauth;
  expect(second?.refreshToken).not.toBe(first.refreshToken);
  // A renewal refused, for an error message to inspect too.
  await fetch(`${hh.sandbox.url}/__sandbox/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: second?.refreshToken }),
  });
  hh.clock.t += 61_000;
  const refused = await client.call('get_projects', { extra: 'users' }).catch((e: unknown) => e as Error);
  expect(refused).toBeInstanceOf(AuthInvalidError);

  const vaultKey = await hh.vault.backend.get();
  const secrets: (string | Buffer)[] = [
    first.accessToken,
    first.refreshToken,
    second?.accessToken ?? 'missing',
    second?.refreshToken ?? 'missing',
    hh.settings.clientSecret,
    PASSPHRASE,
    vaultKey ?? Buffer.from('missing'),
  ];
  const files = await filesUnder(hh.dataDir);
  expect(files.length).toBeGreaterThanOrEqual(4); // vault, sealed key, certificate and its key
  for (const file of files) {
    const bytes = await readFile(file);
    for (const secret of secrets) {
      for (const needle of needles(secret)) {
        expect(bytes.includes(needle), `${file} contains a secret`).toBe(false);
      }
    }
  }
  const said = [
    JSON.stringify(hh.session.state.current),
    refused instanceof Error ? refused.message : '',
    ...browser.calls,
  ];
  for (const text of said) {
    for (const secret of secrets) {
      for (const needle of needles(secret)) expect(text.includes(needle.toString())).toBe(false);
    }
  }
});
