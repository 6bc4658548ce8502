import { describe, expect, it } from 'vitest';
import { adminHmacHeader, md5QueryHash, sameDigest } from './admin-auth.js';

describe('admin request signing', () => {
  it('reproduces the md5 example of Worksection API documentation', () => {
    const hash = md5QueryHash(
      [
        ['action', 'get_tasks'],
        ['id_project', '26'],
      ],
      '7776461cd931e7b1c8e9632ff8e979ce',
    );
    expect(hash).toBe('ec3ab2c28f21b4a07424f8ed688d6644');
  });

  it('hashes raw values in the order given', () => {
    const key = 'k';
    const a = md5QueryHash(
      [
        ['action', 'search_tasks'],
        ['filter', "name has 'A B'"],
      ],
      key,
    );
    const b = md5QueryHash(
      [
        ['filter', "name has 'A B'"],
        ['action', 'search_tasks'],
      ],
      key,
    );
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('builds the SDK header from action and timestamp', () => {
    const header = adminHmacHeader('get_projects', 'secret', 1_700_000_000);
    expect(header).toMatch(/^Admin 1700000000_[0-9a-f]{64}$/);
    expect(header).not.toBe(adminHmacHeader('get_tasks', 'secret', 1_700_000_000));
  });

  it('compares digests case-insensitively and rejects different lengths', () => {
    expect(sameDigest('ABCD', 'abcd')).toBe(true);
    expect(sameDigest('abcd', 'abce')).toBe(false);
    expect(sameDigest('abcd', 'abc')).toBe(false);
  });
});
