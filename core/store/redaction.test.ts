// Redaction by shape and by value, and what it must leave alone: ids, dates, emails, colours, ordinary
// words next to credential words, task names.
import { describe, expect, it } from 'vitest';
import { carriesSecret, redactText, redactValue, rememberSecret, REDACTED } from './redaction.js';

describe('redaction', () => {
  it.each([
    ['a client token', `token wsmcp_${'x'.repeat(43)} here`],
    ['a bearer header', 'Authorization: Bearer abcdefgh12345678'],
    ['a JWT', 'got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['an access_token in a URL', 'https://x.test/?a=1&access_token=abc.def-ghi&b=2'],
    ['a password in a value', 'login with password=Tr0ub4dor&3 today'],
    ['a client_secret pair', 'client_secret=s3cr3t-v4lue'],
    ['a hex API key after its name', 'admin api key: 0123456789abcdef0123456789abcdef'],
    ['a base64url secret after its name', 'secret "Zm9vYmFyYmF6cXV4cXV1eA_-"'],
  ])('redacts %s', (_, text) => {
    const out = redactText(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/[A-Za-z0-9_-]{16,}\.|0123456789abcdef0123|Tr0ub4dor|s3cr3t|xxxxxxxx|Zm9vYmFy/);
  });

  it('redacts a remembered secret whatever its shape, and ignores short values', () => {
    rememberSecret('plain words used as a secret value');
    rememberSecret('short');
    expect(redactText('he said plain words used as a secret value!')).toBe(`he said ${REDACTED}!`);
    expect(redactText('a short note')).toBe('a short note');
  });

  it('leaves ordinary data alone', () => {
    const ordinary = {
      task_id: '123456',
      name: 'Fix the token refresh page layout',
      text: 'Meeting on 2026-12-04 with anna@example.com; colour #1f2937; see /project/42/1234/',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    };
    expect(redactValue(ordinary)).toEqual(ordinary);
    expect(carriesSecret(ordinary)).toBe(false);
    expect(carriesSecret({ filter: `name has 'wsmcp_${'y'.repeat(43)}'` })).toBe(true);
  });

  it('redacts the whole value of credential-named keys', () => {
    expect(redactValue({ apiKey: 'k', nested: [{ 'x-auth-token': 't' }] })).toEqual({
      apiKey: REDACTED,
      nested: [{ 'x-auth-token': REDACTED }],
    });
  });
});
