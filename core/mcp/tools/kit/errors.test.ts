import { describe, expect, it } from 'vitest';
import {
  AuthInvalidError,
  BadResponseError,
  CancelledError,
  RateLimitedError,
  RequestTooLongError,
  UpstreamUnavailableError,
  WorksectionApiError,
} from '../../../worksection/errors.js';
import { ToolError, INTERNAL_ERROR_TEXT, mapToolFailure, SIGN_IN_HINT } from './errors.js';

const textOf = (err: unknown) => {
  const block = mapToolFailure(err).result.content[0];
  return block?.type === 'text' ? block.text : '';
};

describe('mapToolFailure', () => {
  it.each([
    [4, /list_projects.*list_files/],
    [5, /list_tasks finds task ids/],
    [10, /required field/],
    [11, /list_users/],
    [12, /already in the requested state/],
    [13, /open subtasks/],
    [14, /reopen the parent/],
    [16, /list_tags/],
  ])('gives Worksection code %i a hint', (code, hint) => {
    const text = textOf(new WorksectionApiError('some_action', 'Message', code, 'detail'));
    expect(text).toContain('Worksection refused: Message: detail.');
    expect(text).not.toContain('some_action');
    expect(text.split('\nHint: ')[1]).toMatch(hint);
  });

  it('suggests narrowing when Worksection gives no code (Too many tasks)', () => {
    expect(textOf(new WorksectionApiError('get_all_tasks', 'Too many tasks (10000 max)'))).toMatch(
      /Too many tasks[\s\S]*Narrow the request/,
    );
  });

  it('asks for a new sign-in on refused credentials', () => {
    expect(textOf(new AuthInvalidError('me'))).toContain(SIGN_IN_HINT);
    expect(textOf(new AuthInvalidError('me'))).toContain('wsmcp login');
  });

  it('says to try later on rate limits and outages, and to check first when a write may have applied', () => {
    expect(textOf(new RateLimitedError('get_tasks', 3))).toMatch(/Try again/);
    const read = new UpstreamUnavailableError('get_tasks', {
      attempts: 3,
      reason: 'server_error',
      httpStatus: 502,
    });
    expect(textOf(read)).toMatch(
      /^Worksection answered with a server error \(HTTP 502\); .*unavailable[\s\S]*Try again later/,
    );
    const write = new UpstreamUnavailableError('post_task', {
      attempts: 1,
      reason: 'timeout',
      mayHaveApplied: true,
    });
    expect(textOf(write)).toMatch(
      /^Worksection did not answer in time; the change may have been applied anyway[\s\S]*Check before retrying/,
    );
    // A 502 on a write is said as what it was, not as a timeout; the "may have been applied" hint stays.
    const gateway = new UpstreamUnavailableError('add_costs', {
      attempts: 1,
      reason: 'server_error',
      httpStatus: 502,
      mayHaveApplied: true,
    });
    expect(textOf(gateway)).toMatch(
      /^Worksection answered with a server error \(HTTP 502\); the change may have been applied anyway[\s\S]*Check before retrying/,
    );
    expect(textOf(new RequestTooLongError('search_tasks', 431))).toMatch(
      /a value in the request is too long[\s\S]*Shorten/,
    );
  });

  it('keeps bugs and broken upstream answers internal', () => {
    const bug = new TypeError('x is undefined at /home/me/app.js');
    expect(mapToolFailure(bug)).toEqual({ result: expect.anything(), internal: bug });
    expect(textOf(bug)).toBe(INTERNAL_ERROR_TEXT);
    const bad = new BadResponseError('get_tasks', { reason: 'schema_mismatch' });
    expect(mapToolFailure(bad).internal).toBe(bad);
    expect(mapToolFailure(new CancelledError('get_tasks', true)).internal).toBeUndefined();
  });

  it('passes a ToolError through with its hint', () => {
    expect(textOf(new ToolError('No.', 'Do this.'))).toBe('No.\nHint: Do this.');
    expect(textOf(new ToolError('Just no.'))).toBe('Just no.');
    expect(mapToolFailure(new ToolError('x')).result.isError).toBe(true);
  });
});
