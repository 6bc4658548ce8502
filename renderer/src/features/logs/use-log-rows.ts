// The call log's rows for a filter: pages of 200, newest first, fetched as the list scrolls (the log may
// hold 100,000 rows; only what is looked at is loaded). Live rows are put on top by use-events.ts.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { LogPage } from '../../../../shared/api/logs';
import { api, queryString } from '../../api/client';
import { toQuery, type LogFilterState, type LogKey } from './log-filter';

export const PAGE_SIZE = 200;

export function useLogRows(filter: LogFilterState) {
  const key: LogKey = ['logs', filter];
  return useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<LogPage>(`/logs${queryString({ ...toQuery(filter), before: pageParam, limit: PAGE_SIZE })}`),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    // Closed filters' pages are dropped soon: each can hold many rows.
    gcTime: 30_000,
  });
}

export function exportHref(filter: LogFilterState, format: 'csv' | 'jsonl'): string {
  return `/api/logs/export${queryString({ ...toQuery(filter), format })}`;
}
