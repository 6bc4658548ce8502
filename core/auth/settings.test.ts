import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountUrlProblem, adminKeySettingsSchema, apiKeyProblem } from './api-key.js';
import {
  callbackAddress,
  defaultScopes,
  oauthSettingsSchema,
  parseScopeList,
  redirectUriProblem,
} from './settings.js';

const problems = (schema: z.ZodType, value: unknown): string[] => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('OAuth settings', () => {
  it('accepts a complete, sensible set', () => {
    expect(
      problems(oauthSettingsSchema, {
        oauthUrl: 'http://127.0.0.1:5555',
        clientId: 'id',
        clientSecret: 'secret',
        redirectUri: 'https://localhost:8443/callback',
        scopes: ['tasks_read'],
      }),
    ).toEqual([]);
  });

  it('names each mistake once, in words a user can act on', () => {
    expect(
      problems(oauthSettingsSchema, {
        oauthUrl: 'http://oauth.invalid',
        clientId: ' ',
        clientSecret: '',
        redirectUri: 'http://localhost:8443/callback',
        scopes: ['tasks_read', 'tasks_delete'],
      }),
    ).toEqual([
      'oauthUrl: must start with https://',
      'clientId: must not be empty',
      'clientSecret: must not be empty',
      'redirectUri: must start with https:// (Worksection accepts only HTTPS redirect URIs)',
      expect.stringMatching(/^scopes\.1: must be Worksection scopes: projects_read, /),
    ]);
  });

  it('keeps the redirect URI on this computer', () => {
    expect(redirectUriProblem('https://192.168.1.5:8443/cb')).toBe(
      'must point at this computer: localhost, 127.0.0.1 or [::1]',
    );
    expect(redirectUriProblem('https://localhost:8443/cb#x')).toBe('must not contain a #fragment');
    expect(redirectUriProblem('localhost:8443')).toMatch(/^must start with https:\/\/|^must be a URL/);
    expect(redirectUriProblem('https://[::1]:8443/cb')).toBeUndefined();
  });

  it('listens exactly where the redirect URI points', () => {
    expect(callbackAddress('https://localhost:8443/oauth/done')).toEqual({
      hosts: ['127.0.0.1', '::1'],
      port: 8443,
      path: '/oauth/done',
    });
    expect(callbackAddress('https://[::1]/cb')).toEqual({ hosts: ['::1'], port: 443, path: '/cb' });
  });

  it('asks for read scopes by default, write scopes only when writing is on, never administrative', () => {
    expect(defaultScopes(false).every((s) => s.endsWith('_read'))).toBe(true);
    expect(defaultScopes(true)).toContain('tasks_write');
    expect(defaultScopes(true)).not.toContain('administrative');
    expect(parseScopeList('tasks_read, users_read tags_read')).toEqual([
      'tasks_read',
      'users_read',
      'tags_read',
    ]);
  });
});

describe('admin key settings', () => {
  it('accepts the documented key form and normalises the account URL', () => {
    const parsed = adminKeySettingsSchema.parse({
      accountUrl: 'https://acme.worksection.com/',
      apiKey: ' 7776461cd931e7b1c8e9632ff8e979ce\n',
      meEmail: 'owner@acme.test',
    });
    expect(parsed).toEqual({
      accountUrl: 'https://acme.worksection.com',
      apiKey: '7776461cd931e7b1c8e9632ff8e979ce',
      meEmail: 'owner@acme.test',
    });
  });

  it('explains a pasted key that went wrong', () => {
    expect(apiKeyProblem('"7776461cd931e7b1c8e9632ff8e979ce"')).toBe('must not contain quotes');
    expect(apiKeyProblem('7776461cd931 e7b1c8e9632ff8e979ce')).toBe('must not contain spaces or line breaks');
    expect(apiKeyProblem('abc')).toBe('must be 16 to 128 characters long');
    expect(apiKeyProblem('')).toBe('must not be empty');
  });

  it('wants just the account address', () => {
    expect(accountUrlProblem('https://acme.worksection.com/project/1/')).toMatch(
      /^must be just the account address/,
    );
    expect(accountUrlProblem('acme.worksection.com')).toMatch(/^must be the account address/);
    expect(accountUrlProblem('http://acme.worksection.com')).toBe('must start with https://');
    expect(accountUrlProblem('http://127.0.0.1:4000')).toBeUndefined();
    expect(
      problems(adminKeySettingsSchema, {
        accountUrl: 'https://a.worksection.com',
        apiKey: 'x y',
        meEmail: 'no',
      }),
    ).toEqual(['apiKey: must not contain spaces or line breaks', 'meEmail: must be an email address']);
  });
});
