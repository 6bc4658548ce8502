// The live log's filter agrees with the server's: a pushed row is shown only where a fetch would show it.
import { describe, expect, it } from 'vitest';
import type { CallRow } from '../../../../shared/api/logs';
import { matchesFilter, NO_FILTER, toQuery } from './log-filter';

const row: CallRow = {
  id: 7,
  time: '2026-01-15T12:00:00.000Z',
  client: 'cursor',
  method: 'tools/call',
  target: 'list_tasks',
  args: '{"project_id":"42","assignee":"me"}',
  status: 'tool_error',
  error: 'project 42 not found',
  durationMs: 12,
  upstreamRequests: 1,
  cacheHits: 0,
  bytes: 80,
  truncated: false,
  preview: null,
};

describe('the call log filter', () => {
  it('matches rows by client, tool, status and text anywhere, case-insensitively', () => {
    expect(matchesFilter(row, NO_FILTER)).toBe(true);
    expect(
      matchesFilter(row, { ...NO_FILTER, client: 'cursor', tool: 'list_tasks', status: 'tool_error' }),
    ).toBe(true);
    expect(matchesFilter(row, { ...NO_FILTER, client: 'claude' })).toBe(false);
    expect(matchesFilter(row, { ...NO_FILTER, status: 'ok' })).toBe(false);
    expect(matchesFilter(row, { ...NO_FILTER, q: 'NOT FOUND' })).toBe(true);
    expect(matchesFilter(row, { ...NO_FILTER, q: '"assignee":"me"' })).toBe(true);
    expect(matchesFilter(row, { ...NO_FILTER, q: 'webhook' })).toBe(false);
  });

  it('becomes the API query, with the time range counted back from now', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(toQuery(NO_FILTER, now)).toEqual({});
    expect(toQuery({ ...NO_FILTER, range: '1h', q: '  tasks ', status: 'ok' }, now)).toEqual({
      since: now - 3_600_000,
      q: 'tasks',
      status: 'ok',
    });
  });
});
