import { describe, expect, it } from 'vitest';
import { addPair, flattenJson, readRequestParams } from './http-params.js';
import type { Params } from './handler.js';

describe('request params', () => {
  it('turns PHP array syntax into arrays and lets later plain values win', () => {
    const p: Params = {};
    addPair(p, 'todo[]', 'a');
    addPair(p, 'todo[]', 'b');
    addPair(p, 'attach[0]', 'x');
    addPair(p, 'title', 'first');
    addPair(p, 'title', 'second');
    expect(p).toEqual({ todo: ['a', 'b'], attach: ['x'], title: 'second' });
  });

  it('flattens JSON bodies into dotted names and arrays', () => {
    expect(
      flattenJson({
        action: 'post_task',
        id_project: 12,
        todo: ['a', 'b'],
        options: { allow_close: 1 },
        hidden: true,
        x: null,
      }),
    ).toEqual([
      ['action', 'post_task'],
      ['id_project', '12'],
      ['todo[]', 'a'],
      ['todo[]', 'b'],
      ['options.allow_close', '1'],
      ['hidden', '1'],
    ]);
  });

  it('keeps the query pairs in order and the raw query for hashing', async () => {
    const req = new Request('http://h/api?action=search_tasks&filter=name%20has%20%27A%20B%27&hash=x');
    const parsed = await readRequestParams(req);
    expect(parsed.queryPairs).toEqual([
      ['action', 'search_tasks'],
      ['filter', "name has 'A B'"],
      ['hash', 'x'],
    ]);
    expect(parsed.rawQuery).toBe('action=search_tasks&filter=name%20has%20%27A%20B%27&hash=x');
  });

  it('ignores a broken JSON body like PHP json_decode does', async () => {
    const req = new Request('http://h/api?action=me', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect((await readRequestParams(req)).params).toEqual({ action: 'me' });
  });
});
