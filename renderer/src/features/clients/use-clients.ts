// The Clients panel's data: the client list, a connect's preview, and the changes (connect, disconnect,
// copy); the OpenAPI entry and its token. A change that makes or revokes a token refreshes the token table
// and the list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClientSummary,
  ConnectRequest,
  CopyRequest,
  CopyResponse,
  PreviewResponse,
  RemoveResponse,
  WriteResponse,
} from '../../../../shared/api/clients';
import type { OpenApiConnection, OpenApiTokenRequest } from '../../../../shared/api/openapi';
import { api } from '../../api/client';
import { keys } from '../../api/queries';

export const useClients = () =>
  useQuery({
    queryKey: keys.clients,
    queryFn: async () => (await api.get<{ clients: ClientSummary[] }>('/clients')).clients,
  });

/** Asked for afresh each time the dialog opens: the file may have changed since. */
export const usePreview = (request: ConnectRequest, enabled: boolean) =>
  useQuery({
    queryKey: ['client-preview', request],
    queryFn: () => api.post<PreviewResponse>('/clients/preview', request),
    enabled,
    gcTime: 0,
    staleTime: 0,
    retry: false,
  });

function useRefreshAfterChange() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.clients });
    void client.invalidateQueries({ queryKey: keys.tokens });
  };
}

export function useConnect() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (request: ConnectRequest) => api.post<WriteResponse>('/clients/connect', request),
    onSettled: refresh,
  });
}

export function useDisconnect() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (client: string) => api.post<RemoveResponse>('/clients/disconnect', { client }),
    onSettled: refresh,
  });
}

export interface Copied extends CopyResponse {
  /** False when the browser refused the clipboard: the UI shows the text to copy by hand. */
  onClipboard: boolean;
}

export function useCopy() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: async (request: CopyRequest): Promise<Copied> => {
      const copied = await api.post<CopyResponse>('/clients/copy', request);
      const onClipboard = await navigator.clipboard.writeText(copied.text).then(
        () => true,
        () => false,
      );
      return { ...copied, onClipboard };
    },
    onSuccess: (copied) => copied.tokenCreated && refresh(),
  });
}

const openApiKey = ['clients-openapi'] as const;

/** Where OpenAPI clients connect (no token: that is made on request). */
export const useOpenApi = () =>
  useQuery({
    queryKey: openApiKey,
    queryFn: () => api.get<OpenApiConnection>('/clients/openapi'),
  });

/** A new OpenAPI token (the previous one stops working); the answer holds it, shown once. */
export function useOpenApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: OpenApiTokenRequest) =>
      api.post<OpenApiConnection>('/clients/openapi/token', request),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.tokens }),
  });
}
