// The live stream: one EventSource for the whole app. Each event updates the cached query it belongs to,
// so every panel is current without polling; a (re)connect refetches everything once, so nothing that
// happened while the stream was down is missed.
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName, EventPayloads } from '../../../shared/api/events';
import type { LogPage } from '../../../shared/api/logs';
import type { Overview } from '../../../shared/api/server';
import { EVENTS_PATH } from '../../../shared/api/protocol';
import { matchesFilter, type LogKey } from '../features/logs/log-filter';
import { keys } from './queries';

export function useEvents(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    const source = new EventSource(EVENTS_PATH);
    const patchOverview = (patch: Partial<Overview>) =>
      client.setQueryData<Overview>(keys.overview, (o) => o && { ...o, ...patch });

    const handlers: { [K in EventName]: (data: EventPayloads[K]) => void } = {
      hello: () => void client.invalidateQueries(),
      call: (row) => {
        for (const [key, data] of client.getQueriesData<InfiniteData<LogPage>>({ queryKey: keys.logs })) {
          const filter = (key as LogKey)[1];
          const first = data?.pages[0];
          if (!data || !first || !matchesFilter(row, filter)) continue;
          if (first.rows.some((r) => r.id >= row.id)) continue;
          client.setQueryData<InfiniteData<LogPage>>(key, {
            ...data,
            pages: [{ ...first, rows: [row, ...first.rows] }, ...data.pages.slice(1)],
          });
        }
      },
      stats: (stats) => patchOverview({ stats }),
      server: (server) => {
        patchOverview({ server });
        void client.invalidateQueries({ queryKey: keys.overview });
      },
      account: (account) => {
        client.setQueryData(keys.account, account);
        void client.invalidateQueries({ queryKey: keys.overview });
      },
      tools: (tools) => {
        client.setQueryData(keys.tools, tools);
        void client.invalidateQueries({ queryKey: keys.overview });
      },
      tokens: () => {
        void client.invalidateQueries({ queryKey: keys.tokens });
        // A revoked or replaced token changes whether a client's entry still works.
        void client.invalidateQueries({ queryKey: keys.clients });
      },
    };
    for (const [name, handle] of Object.entries(handlers) as [EventName, (data: unknown) => void][]) {
      source.addEventListener(name, (e) => handle(JSON.parse((e as MessageEvent<string>).data)));
    }
    return () => source.close();
  }, [client, enabled]);
}
