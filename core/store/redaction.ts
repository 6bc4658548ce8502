// Secrets never reach the call log, the response cache or the server's output in plain text. Two nets:
// - by shape: our client tokens, Bearer/Basic credentials, JWTs (Worksection's access tokens are JWTs),
//   `access_token=…`/`password=…`/`client_secret=…` pairs in URLs and text, and long hex or base64url
//   runs right after a word that names a credential ("api key: 3f2a…", "secret 9c1e…");
// - by value: the secrets this process holds (the account's access and refresh tokens, its admin API key,
//   the OAuth client secret, the vault's passphrase), whatever their shape. The vault and config hand them
//   to rememberSecret() the moment they are read or made; the list lives for the process, as they do.
// Keys named like credentials (apiKey, x-auth-token, password…) have their whole value redacted.

export const REDACTED = '[redacted]';

// Key names that carry credentials, whatever their case or separator (apiKey, api-key, x_auth_token…).
const SECRET_KEY = /token|passw|secret|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key/i;

const SHAPES: readonly [RegExp, string][] = [
  // Our client tokens, and credentials quoted with their scheme.
  [/wsmcp_[A-Za-z0-9_-]{20,}/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, REDACTED],
  // JWTs: three base64url parts, the first a JSON header ("eyJ" is `{"` encoded).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // name=value pairs of credentials inside URLs, query strings and text.
  [
    /\b((?:access|refresh|id)_token|client_secret|api_?key|apikey|password|passwd|pwd|secret|token|hash)=([^&\s"'<>]+)/gi,
    `$1=${REDACTED}`,
  ],
  // Long hex or base64url right after a word naming a credential ("api key: 0f3c…", "secret 9a1b…").
  [
    /\b((?:api[-_ ]?key|secret|token|password|passphrase|credential|hash)s?\b["']?\s*[:=]?\s*["']?)[A-Za-z0-9+/_-]{16,}={0,2}/gi,
    `$1${REDACTED}`,
  ],
];

const known = new Set<string>();

/** Remembers a secret this process holds, so it is redacted wherever it appears (ignores short values). */
export function rememberSecret(value: string | undefined | null): void {
  // Short values would redact ordinary words; every real secret here is far longer.
  if (typeof value === 'string' && value.length >= 12) known.add(value);
}

/** `text` with every known secret and every credential-shaped run replaced by [redacted]. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** A copy of `value` with credential-named keys' values and credential-looking strings redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  // Past this depth nothing useful for a reader remains; the cut would drop it anyway.
  if (depth > 20) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(v, depth + 1);
  return out;
}

/** Whether redaction would change `value` (it carries something secret or secret-looking). */
export function carriesSecret(value: unknown): boolean {
  return JSON.stringify(redactValue(value)) !== JSON.stringify(value);
}
