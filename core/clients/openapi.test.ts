// The OpenAPI connection: a real token store (SQLite in memory) so the token handed out is checked the
// way the server checks it; a new one replaces the previous; the steps follow the CORS setting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApiConnectionSchema } from '../../shared/api/openapi.js';
import { createClientTokens, type ClientTokens } from '../store/client-tokens.js';
import { openDatabase, type Db } from '../store/db.js';
import { openApiConnection, openApiText, OPENAPI_TOKEN_NAME } from './openapi.js';

const ORIGIN = 'http://127.0.0.1:7341';
let db: Db;
let tokens: ClientTokens;
beforeEach(() => {
  db = openDatabase(':memory:');
  tokens = createClientTokens(db);
});
afterEach(() => db.close());

describe('openApiConnection', () => {
  it('makes a token of the asked scope that the server accepts, replacing the previous one', () => {
    const first = openApiConnection({ tokens, origin: ORIGIN, corsOrigins: [] }, 'read');
    expect(openApiConnectionSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({
      baseUrl: ORIGIN,
      specUrl: `${ORIGIN}/openapi.json`,
      docsUrl: `${ORIGIN}/docs`,
    });
    expect(tokens.verify(first.token ?? '')).toMatchObject({ name: OPENAPI_TOKEN_NAME, scope: 'read' });
    const second = openApiConnection({ tokens, origin: ORIGIN, corsOrigins: [] }, 'write');
    expect(tokens.verify(first.token ?? '')).toBeUndefined();
    expect(tokens.verify(second.token ?? '')).toMatchObject({ scope: 'write' });
  });

  it('makes no token when only asked where and how', () => {
    const c = openApiConnection({ tokens, origin: ORIGIN, corsOrigins: [] });
    expect(c.token).toBeUndefined();
    expect(tokens.list()).toEqual([]);
    expect(openApiText(c)).toContain('`wsmcp connect openapi --print` makes one');
  });

  it('says how to allow the Open WebUI page, or that it is allowed', () => {
    const none = openApiConnection({ tokens, origin: ORIGIN, corsOrigins: [] });
    expect(none.steps.join('\n')).toContain('"corsOrigins": ["http://localhost:3000"]');
    const allowed = openApiConnection({ tokens, origin: ORIGIN, corsOrigins: ['http://localhost:3000'] });
    expect(allowed.steps.join('\n')).toContain('may call from http://localhost:3000');
  });
});
