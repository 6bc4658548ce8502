// "Connect a client": a card per MCP client this app knows (installed ones first), the connect dialog and
// the disconnect confirmation. Connecting writes only our entry in the client's own config file.
import { useState } from 'react';
import type { ClientSummary } from '../../../../shared/api/clients';
import { ConfirmDialog } from '../../components/dialog';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { goTo, routeDetail } from '../../lib/use-hash-route';
import { ClientCard } from './client-card';
import { ConnectDialog } from './connect-dialog';
import { useClients, useDisconnect } from './use-clients';

const installedFirst = (clients: ClientSummary[]) =>
  [...clients].sort((a, b) => Number(b.installed) - Number(a.installed));

export function ConnectClients() {
  const clients = useClients();
  const disconnect = useDisconnect();
  const [connecting, setConnecting] = useState<ClientSummary | undefined>();
  const [leaving, setLeaving] = useState<ClientSummary | undefined>();
  // The tray's "Connect another client ▸ Cursor" opens #/clients/cursor: its connect dialog, until closed.
  const [linkDone, setLinkDone] = useState(false);
  const wanted = linkDone ? undefined : routeDetail();
  const shown = connecting ?? clients.data?.find((c) => c.id === wanted);
  const closeDialog = () => {
    setConnecting(undefined);
    if (!linkDone) {
      setLinkDone(true);
      goTo('clients');
    }
  };
  return (
    <section className="card" aria-labelledby="connect-clients-title" data-slot="connect-clients">
      <h2 id="connect-clients-title">Connect a client</h2>
      <p className="muted">
        Connect shows the change to the client&rsquo;s own config file before writing it: other servers and
        settings stay, and the old file is backed up. Each client gets a token of its own, named after it.
      </p>
      {disconnect.data && (
        <p className="status-line" role="status">
          {disconnect.data.message}
        </p>
      )}
      <InlineError error={disconnect.error} />
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <ErrorState error={clients.error} retry={() => void clients.refetch()} />
      ) : (
        <ul className="client-grid">
          {installedFirst(clients.data).map((c) => (
            <ClientCard
              key={c.id}
              client={c}
              onConnect={() => setConnecting(c)}
              onDisconnect={() => setLeaving(c)}
            />
          ))}
        </ul>
      )}
      {shown && <ConnectDialog client={shown} open onClose={closeDialog} />}
      <ConfirmDialog
        open={leaving !== undefined}
        title={`Disconnect ${leaving?.label ?? ''}?`}
        confirm="Disconnect"
        danger
        busy={disconnect.isPending}
        onCancel={() => setLeaving(undefined)}
        onConfirm={() => leaving && disconnect.mutate(leaving.id, { onSettled: () => setLeaving(undefined) })}
      >
        <p>
          Removes the &ldquo;worksection&rdquo; entry from {leaving?.configPath} (other servers stay, the old
          file is backed up) and revokes the token &ldquo;{leaving?.tokenName}&rdquo;.
        </p>
      </ConfirmDialog>
    </section>
  );
}
