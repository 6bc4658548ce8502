import { describe, expect, it } from 'vitest';
import { loadPostmanCollection, parseTolerant } from './postman-collection.js';

describe('loadPostmanCollection', () => {
  const client = loadPostmanCollection('client');
  const oauth = loadPostmanCollection('oauth');

  it('reads every request of the client API collection with its folder and action', () => {
    expect(client).toHaveLength(57);
    expect(new Set(client.map((r) => r.folder))).toEqual(
      new Set(['Members', 'Projects', 'Tasks', 'Comments', 'Tags', 'Costs', 'Timers', 'Files', 'Webhooks']),
    );
    for (const req of client) {
      expect(req.action, req.name).toMatch(/^[a-z_]+$/);
      expect(req.params[0]).toEqual(['action', req.action]);
      expect(req.path).toBe('');
    }
  });

  it('keeps only enabled query params, in order, with null values read as ""', () => {
    const post = client.find((r) => r.action === 'post_project');
    expect(post?.params).toEqual([
      ['action', 'post_project'],
      ['title', ''],
    ]);
    const example = post?.examples[0];
    expect(example?.params.map(([k]) => k).slice(0, 3)).toEqual(['action', 'title', 'email_manager']);
    const group = client.find((r) => r.action === 'add_user_group');
    expect(group?.params).toEqual([
      ['action', 'add_user_group'],
      ['title', ''],
    ]);
  });

  it('records the example action separately from the request action (add_project_group alias)', () => {
    const req = client.find((r) => r.action === 'add_project_groups');
    expect(req?.examples.map((e) => e.action)).toEqual(['add_project_group', 'add_project_group']);
  });

  it('repairs exactly the documented trailing-comma examples and keeps download bytes as text', () => {
    const repaired = client.flatMap((r) => r.examples.filter((e) => e.repaired).map(() => r.action));
    expect(repaired.sort()).toEqual(['get_costs', 'get_projects']);
    const download = client.find((r) => r.action === 'download')?.examples[0];
    expect(download?.isJson).toBe(false);
    expect(download?.body).toMatch(/^Txt file/);
  });

  it('reads the OAuth collection with paths and no action', () => {
    expect(oauth.map((r) => r.path)).toEqual([
      '/oauth2/authorize',
      '/oauth2/token',
      '/oauth2/refresh',
      '/oauth2/resource',
    ]);
    expect(oauth.every((r) => r.action === null)).toBe(true);
    expect(oauth.flatMap((r) => r.examples)).toHaveLength(7);
  });
});

describe('parseTolerant', () => {
  it('parses valid JSON untouched and repairs trailing commas', () => {
    expect(parseTolerant('{"a":[1,2]}')).toEqual({ value: { a: [1, 2] }, repaired: false });
    expect(parseTolerant('{"a":[1,2,\n],\n}')).toEqual({ value: { a: [1, 2] }, repaired: true });
  });

  it('still fails on JSON that is broken otherwise', () => {
    expect(() => parseTolerant('{"a":')).toThrow(SyntaxError);
  });
});
