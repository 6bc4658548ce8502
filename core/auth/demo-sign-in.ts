// Demo mode signs in to the in-process sandbox through the real flow (sign-in.ts: state, HTTPS callback,
// code exchange, vault), with a built-in "browser" that submits the sandbox's consent form itself. So the
// demo exercises the same path as a real account, and the tests can reuse the browser.
import type { StoredTokens } from '../vault/record.js';
import type { Scope } from '../worksection/actions.js';
import { createCertificate, type TlsMaterial } from './certificate.js';
import { httpsGet } from './https-get.js';
import type { OAuthSession } from './session.js';
import { defaultScopes } from './settings.js';
import { signIn, type OpenUrl } from './sign-in.js';

interface SandboxOAuth {
  url: string;
  oauthClient: { id: string; secret: string };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The hidden fields of the consent form, as a browser would post them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(input)?.[1];
    const name = attr('name');
    if (attr('type')?.toLowerCase() === 'hidden' && name)
      fields[unescapeHtml(name)] = unescapeHtml(attr('value') ?? '');
  }
  return fields;
}

interface ConsentBrowserOptions {
  /** The callback certificate to trust. */
  ca: string;
  /** Press "Deny" instead of "Approve". */
  deny?: boolean;
}

/** Opens the sandbox's consent page, answers it, and follows the redirect to the callback. */
function sandboxConsentBrowser(opts: ConsentBrowserOptions): OpenUrl {
  return async (authorizeUrl) => {
    const page = await fetch(authorizeUrl);
    if (page.status !== 200) throw new Error(`the sandbox consent page answered HTTP ${page.status}`);
    const fields = hiddenFields(await page.text());
    const decision = await fetch(new URL('/oauth2/authorize', authorizeUrl), {
      method: 'POST',
      body: new URLSearchParams({ ...fields, approve: opts.deny ? 'no' : 'yes' }),
      redirect: 'manual',
    });
    const location = decision.headers.get('location');
    if (decision.status !== 302 || !location)
      throw new Error(`the sandbox consent form answered HTTP ${decision.status}`);
    await httpsGet(location, opts.ca);
  };
}

export interface DemoSignInOptions {
  sandbox: SandboxOAuth;
  session: OAuthSession;
  scopes?: Scope[];
  /** Default: a throwaway certificate made in memory (the demo keeps nothing it does not need). */
  tls?: Pick<TlsMaterial, 'cert' | 'key'>;
  timeoutMs?: number;
}

export async function demoSignIn(opts: DemoSignInOptions): Promise<StoredTokens> {
  const tls = opts.tls ?? (await createCertificate());
  return signIn({
    settings: {
      oauthUrl: opts.sandbox.url,
      clientId: opts.sandbox.oauthClient.id,
      clientSecret: opts.sandbox.oauthClient.secret,
      // Port 0: any free port; the sandbox accepts any https loopback redirect URI.
      redirectUri: 'https://127.0.0.1:0/callback',
      scopes: opts.scopes ?? defaultScopes(true),
    },
    tls,
    openUrl: sandboxConsentBrowser({ ca: tls.cert }),
    accept: (tokens) => opts.session.adopt(tokens),
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
}
