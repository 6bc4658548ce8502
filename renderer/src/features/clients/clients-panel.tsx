// Clients: connect an MCP client in one click (connect-clients.tsx), an OpenAPI client with a URL and a
// token (openapi-card.tsx), and the tokens clients connect with (create one per client, see when each was
// last used, revoke one).
import { useState } from 'react';
import type { TokenInfo } from '../../../../shared/api/tokens';
import { api } from '../../api/client';
import { keys, useTokens } from '../../api/queries';
import { ConfirmDialog } from '../../components/dialog';
import { Badge, Card, PanelHeader } from '../../components/panel';
import { Empty, ErrorState, InlineError, Loading } from '../../components/states';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConnectClients } from './connect-clients';
import { CreateTokenForm } from './create-token-form';
import { OpenApiCard } from './openapi-card';

function TokenTable({ tokens, onRevoke }: { tokens: TokenInfo[]; onRevoke(name: string): void }) {
  if (tokens.length === 0) {
    return (
      <Empty title="No client tokens yet">
        Create one for each assistant that should reach your account.
      </Empty>
    );
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col">Scope</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.name}>
            <td>{t.name}</td>
            <td>
              <Badge tone={t.scope === 'write' ? 'neutral' : 'ok'}>
                {t.scope === 'write' ? 'read & write' : 'read only'}
              </Badge>
            </td>
            <td title={formatDateTime(t.createdAt)}>{formatRelative(t.createdAt)}</td>
            <td title={t.lastUsedAt ? formatDateTime(t.lastUsedAt) : undefined}>
              {t.lastUsedAt ? formatRelative(t.lastUsedAt) : <span className="muted">never</span>}
            </td>
            <td className="cell-actions">
              <button
                type="button"
                className="button button-small button-danger-quiet"
                onClick={() => onRevoke(t.name)}
              >
                Revoke<span className="visually-hidden"> {t.name}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ClientsPanel() {
  const tokens = useTokens();
  const client = useQueryClient();
  const [revoking, setRevoking] = useState<string | undefined>();
  const revoke = useMutation({
    mutationFn: (name: string) => api.delete<{ tokens: TokenInfo[] }>(`/tokens/${encodeURIComponent(name)}`),
    onSuccess: (data) => client.setQueryData(keys.tokens, data.tokens),
    onSettled: () => setRevoking(undefined),
  });
  return (
    <>
      <PanelHeader
        title="Clients"
        intro="Each AI assistant connects with a token of its own: connect it below (its config file is written for you) or create a token by hand; revoke a token to cut that client off."
      />
      <ConnectClients />
      <OpenApiCard />
      <Card title="New token">
        <CreateTokenForm />
      </Card>
      <Card title="Client tokens">
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} retry={() => void tokens.refetch()} />
        ) : (
          <TokenTable tokens={tokens.data} onRevoke={setRevoking} />
        )}
        <InlineError error={revoke.error} />
      </Card>
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke the token "${revoking ?? ''}"?`}
        confirm="Revoke token"
        danger
        busy={revoke.isPending}
        onCancel={() => setRevoking(undefined)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        <p>
          The client using it is refused from its next request. This cannot be undone; create a new token to
          reconnect it.
        </p>
      </ConfirmDialog>
    </>
  );
}
