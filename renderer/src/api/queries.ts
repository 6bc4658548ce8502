// Query keys and hooks over the control API: each panel's data is one cached query, refreshed by the
// live event stream (use-events.ts) rather than by polling.
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { AccountView } from '../../../shared/api/account';
import type { CacheView } from '../../../shared/api/cache';
import type { LogFacets } from '../../../shared/api/logs';
import type { Overview, ServerState } from '../../../shared/api/server';
import type { SessionInfo } from '../../../shared/api/session';
import type { SettingsView } from '../../../shared/api/settings';
import type { TokenInfo } from '../../../shared/api/tokens';
import type { ToolsView } from '../../../shared/api/tools';
import type { ChangesView } from '../../../shared/api/changes';
import { api } from './client';

export const keys = {
  session: ['session'],
  overview: ['overview'],
  account: ['account'],
  tokens: ['tokens'],
  clients: ['clients'],
  tools: ['tools'],
  cache: ['cache'],
  facets: ['facets'],
  settings: ['settings'],
  logs: ['logs'],
  changes: ['changes'],
} as const satisfies Record<string, QueryKey>;

export const useSession = () =>
  useQuery({ queryKey: keys.session, queryFn: () => api.get<SessionInfo>('/session'), retry: false });
export const useOverview = () =>
  useQuery({ queryKey: keys.overview, queryFn: () => api.get<Overview>('/overview') });
export const useAccount = () =>
  useQuery({ queryKey: keys.account, queryFn: () => api.get<AccountView>('/account') });
export const useTokens = () =>
  useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await api.get<{ tokens: TokenInfo[] }>('/tokens')).tokens,
  });
export const useTools = () => useQuery({ queryKey: keys.tools, queryFn: () => api.get<ToolsView>('/tools') });
export const useCache = () =>
  useQuery({ queryKey: keys.cache, queryFn: () => api.get<CacheView>('/cache'), refetchInterval: 5_000 });
/** Asked for once the first rows are on screen: the choices can wait, the rows cannot. */
export const useFacets = (enabled: boolean) =>
  useQuery({ queryKey: keys.facets, queryFn: () => api.get<LogFacets>('/logs/facets'), enabled });
export const useChanges = () =>
  useQuery({
    queryKey: keys.changes,
    queryFn: () => api.get<ChangesView>('/changes'),
    refetchInterval: 5_000,
  });
export const useSettings = () =>
  useQuery({ queryKey: keys.settings, queryFn: () => api.get<SettingsView>('/settings') });

/** A change whose answer is the new state of `key` (the server answers with the fresh view). */
export function useChange<I, O>(key: QueryKey, run: (input: I) => Promise<O>, also: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (data) => {
      client.setQueryData(key, data);
      for (const k of [keys.overview, ...also]) void client.invalidateQueries({ queryKey: k });
    },
  });
}

export const useServerSwitch = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (running: boolean) => api.put<ServerState>('/server', { running }),
    onSuccess: (server) => {
      client.setQueryData<Overview>(keys.overview, (o) => o && { ...o, server });
      void client.invalidateQueries({ queryKey: keys.overview });
    },
  });
};
