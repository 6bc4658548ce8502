// The two ways an admin API key signs a request. Shared by the client, which
// signs, and the sandbox, which verifies, so both sides compute the same bytes.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The documented scheme: md5 over the query string without `hash`, as `k=v` pairs joined by `&` in the
 * order sent, with raw (unencoded) values, followed by the API key.
 */
export function md5QueryHash(pairs: ReadonlyArray<readonly [string, string]>, apiKey: string): string {
  const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return createHash('md5')
    .update(query + apiKey, 'utf8')
    .digest('hex');
}

/** The official SDK's header: `Authorization: Admin <ts>_<hex(hmac_sha256(api_key, "<action>:<ts>"))>`. */
export function adminHmacHeader(action: string, apiKey: string, timestampSeconds: number): string {
  return `Admin ${timestampSeconds}_${hmacSignature(action, apiKey, timestampSeconds)}`;
}

export function hmacSignature(action: string, apiKey: string, timestampSeconds: number): string {
  return createHmac('sha256', apiKey).update(`${action}:${timestampSeconds}`, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of any length. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
