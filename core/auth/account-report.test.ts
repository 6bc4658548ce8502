import { describe, expect, it } from 'vitest';
import type { StoredTokens } from '../vault/record.js';
import { describeRecord } from './account-report.js';

const tokens: StoredTokens = {
  accessToken: 'eyJ.access-token-secret-ABCD',
  refreshToken: 'def50200-refresh-secret',
  obtainedAt: 1_000,
  expiresAt: 2_000,
  scopes: ['tasks_read'],
  accountUrl: 'https://acme.worksection.com',
};
const user = { id: '7', name: 'Ann Lee', email: 'ann@acme.example' };

describe('describeRecord', () => {
  it('reports an OAuth sign-in with masked hints only, expired or not', () => {
    const record = {
      oauth: tokens,
      clientSecret: 'client-secret',
      account: { mode: 'oauth' as const, user },
    };
    const live = describeRecord(record, 1_500);
    expect(live).toEqual({
      state: 'signed_in',
      mode: 'oauth',
      account: 'https://acme.worksection.com',
      user,
      scopes: ['tasks_read'],
      token: '••••ABCD',
      expiresAt: new Date(2_000).toISOString(),
      expired: false,
    });
    expect(describeRecord(record, 2_000)).toMatchObject({ expired: true });
    expect(JSON.stringify(live)).not.toMatch(/access-token-secret|refresh-secret|client-secret/);
  });

  it('says "sign-in needed" only for the pair a server saw refused', () => {
    const refused = { oauth: tokens, signInNeeded: { obtainedAt: 1_000, reason: 'Worksection refused.' } };
    expect(describeRecord(refused, 0)).toEqual({
      state: 'sign_in_needed',
      reason: 'Worksection refused.',
      mode: 'oauth',
      account: 'https://acme.worksection.com',
    });
    // A new sign-in since: the mark is about the old pair.
    const renewed = { ...refused, oauth: { ...tokens, obtainedAt: 5_000 } };
    expect(describeRecord(renewed, 0)).toMatchObject({ state: 'signed_in' });
  });

  it('reports an admin key by its last four characters, and nothing as signed out', () => {
    const admin = {
      apiKey: '0123456789abcdefWXYZ',
      account: { mode: 'admin' as const, url: 'https://acme.worksection.com', meEmail: 'ann@acme.example' },
    };
    expect(describeRecord(admin, 0)).toEqual({
      state: 'signed_in',
      mode: 'admin',
      account: 'https://acme.worksection.com',
      meEmail: 'ann@acme.example',
      key: '••••WXYZ',
    });
    expect(describeRecord({}, 0)).toEqual({ state: 'signed_out' });
    expect(describeRecord({ clientSecret: 'x' }, 0)).toEqual({ state: 'signed_out' });
  });
});
