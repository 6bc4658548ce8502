// One MCP client: whether it is installed and connected, where its config lives, and what the user can do:
// connect (a diff first), copy its config, link or command, disconnect. Claude Desktop also offers its
// extension (.mcpb) and the token to paste into the extension's settings.
import type { ClientSummary } from '../../../../shared/api/clients';
import { MCPB_PATH } from '../../../../shared/api/protocol';
import { Badge } from '../../components/panel';
import { InlineError } from '../../components/states';
import { useCopy } from './use-clients';

const STATE: Record<ClientSummary['state'], [string, 'ok' | 'warn' | 'bad' | 'neutral']> = {
  connected: ['Connected', 'ok'],
  outdated: ['Needs reconnecting', 'warn'],
  'not-connected': ['Not connected', 'neutral'],
  'other-entry': ['Has another "worksection"', 'warn'],
  unreadable: ['Config unreadable', 'bad'],
};

interface Props {
  client: ClientSummary;
  onConnect(): void;
  onDisconnect(): void;
}

export function ClientCard({ client, onConnect, onDisconnect }: Props) {
  const copy = useCopy();
  const [stateText, tone] = STATE[client.state];
  const desktop = client.id === 'claude-desktop';
  const ours = client.state === 'connected' || client.state === 'outdated';
  // One green button where there is something to do: an installed client that is not connected yet.
  const urgent = client.installed ? client.state !== 'connected' : client.state === 'outdated';
  const forClient = <span className="visually-hidden"> for {client.label}</span>;
  return (
    <li className="client-card" aria-labelledby={`client-${client.id}`}>
      <div className="client-head">
        <h3 id={`client-${client.id}`}>{client.label}</h3>
        <Badge tone={tone}>{stateText}</Badge>
      </div>
      <p className="small muted">
        {client.installed ? 'Installed' : 'Not found on this computer'} ·{' '}
        <code className="path">{client.configPath}</code>
      </p>
      {client.detail && <p className="small warning-text">{client.detail}</p>}
      <div className="actions">
        <button
          type="button"
          className={`button button-small${urgent ? ' button-primary' : ''}`}
          onClick={onConnect}
        >
          {client.state === 'outdated' ? 'Connect again' : ours ? 'Check' : 'Connect'}
          {forClient}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => copy.mutate({ client: client.id, kind: 'config' })}
        >
          {desktop ? 'Copy config for Claude Desktop' : 'Copy config'}
          {!desktop && forClient}
        </button>
        {client.actions.map((a) => (
          <button
            key={a.kind}
            type="button"
            className="button button-small"
            title={a.label}
            onClick={() => copy.mutate({ client: client.id, kind: a.kind })}
          >
            Copy {a.kind}
            <span className="visually-hidden">
              {' '}
              “{a.label}” for {client.label}
            </span>
          </button>
        ))}
        {desktop && (
          <>
            <a className="button button-small" href={`/api${MCPB_PATH}`} download="worksection.mcpb">
              Download extension (.mcpb)
            </a>
            <button
              type="button"
              className="button button-small"
              onClick={() => copy.mutate({ client: client.id, kind: 'token' })}
            >
              Copy token<span className="visually-hidden"> for the Claude Desktop extension</span>
            </button>
          </>
        )}
        {ours && (
          <button type="button" className="button button-small button-danger-quiet" onClick={onDisconnect}>
            Disconnect{forClient}
          </button>
        )}
      </div>
      <CopyOutcome copied={copy.data} />
      <InlineError error={copy.error} />
    </li>
  );
}

function CopyOutcome({ copied }: { copied: ReturnType<typeof useCopy>['data'] }) {
  if (!copied) return null;
  if (copied.onClipboard) {
    return (
      <p className="hint" role="status">
        Copied. {copied.note}
      </p>
    );
  }
  return (
    <div role="status">
      <p className="hint">
        The browser refused the clipboard: select the text below and copy it. {copied.note}
      </p>
      <pre className="code-block">{copied.text}</pre>
    </div>
  );
}
