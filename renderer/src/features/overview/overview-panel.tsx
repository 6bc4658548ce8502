// Overview: is the server running (with Start/Stop), where clients connect, who is signed in, the
// upstream budget right now, today's calls, and what needs attention with the button that fixes it.
import type { Attention } from '../../../../shared/api/server';
import { useOverview, useServerSwitch } from '../../api/queries';
import { CopyButton } from '../../components/copy-button';
import { Badge, Card, PanelHeader, Stat } from '../../components/panel';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { formatDuration, formatNumber, formatPercent, formatRelative } from '../../lib/format';
import { goTo } from '../../lib/use-hash-route';
import { accountLabel } from '../account/account-summary';

function AttentionList({ items, onStart }: { items: Attention[]; onStart(): void }) {
  if (items.length === 0) return null;
  const button = (item: Attention) => {
    switch (item.action) {
      case 'sign_in':
        return { label: 'Sign in', run: () => goTo('account') };
      case 'start_server':
        return { label: 'Start server', run: onStart };
      case 'open_tools':
        return { label: 'Tool settings', run: () => goTo('tools') };
      case 'open_settings':
        return { label: 'Settings', run: () => goTo('settings') };
      default:
        return undefined;
    }
  };
  return (
    <section className="attention" aria-label="Needs attention">
      {items.map((item) => {
        const fix = button(item);
        return (
          <div key={item.kind + item.message} className="attention-item" role="status">
            <span>{item.message}</span>
            {fix && (
              <button type="button" className="button button-primary" onClick={fix.run}>
                {fix.label}
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}

export function OverviewPanel() {
  const overview = useOverview();
  const serverSwitch = useServerSwitch();
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorState error={overview.error} retry={() => void overview.refetch()} />;
  const { server, account, stats, attention } = overview.data;
  const up = stats.upstream;
  const today = stats.today;
  const reads = today.cacheHits + today.upstreamRequests;
  return (
    <>
      <PanelHeader
        title="Overview"
        intro="The local MCP server for your Worksection account, and what it is doing now."
        actions={
          <button
            type="button"
            className={server.running ? 'button' : 'button button-primary'}
            disabled={serverSwitch.isPending}
            onClick={() => serverSwitch.mutate(!server.running)}
          >
            {server.running ? 'Stop server' : 'Start server'}
          </button>
        }
      />
      <InlineError error={serverSwitch.error} />
      <AttentionList items={attention} onStart={() => serverSwitch.mutate(true)} />
      <div className="grid-2">
        <Card title="Server">
          <p className="status-line">
            {server.running ? <Badge tone="ok">Running</Badge> : <Badge tone="bad">Stopped</Badge>}
            <span className="muted">
              {server.running
                ? `${server.sessions} client session${server.sessions === 1 ? '' : 's'} connected`
                : 'Clients get 503 until it starts again'}
            </span>
          </p>
          <div className="address">
            <code>{server.mcpUrl}</code>
            <CopyButton text={server.mcpUrl} label="Copy address" />
          </div>
          <p className="muted small">Started {formatRelative(server.startedAt)}.</p>
        </Card>
        <Card title="Account">
          <p className="status-line">
            {account.state === 'signed_in' ? (
              <Badge tone="ok">Signed in</Badge>
            ) : (
              <Badge tone="warn">{account.state === 'signed_out' ? 'Signed out' : 'Sign-in needed'}</Badge>
            )}
            <span>{accountLabel(account)}</span>
          </p>
          {account.user && (
            <p>
              {account.user.name} <span className="muted">{account.user.email}</span>
            </p>
          )}
          <a className="link" href="#/account">
            Account details
          </a>
        </Card>
      </div>
      <Card title="Right now">
        <dl className="stats">
          <Stat
            label="Worksection requests"
            value={up ? `${formatNumber(up.requestsLastMinute)}/min` : '–'}
            detail={up?.ratePerSecond ? `limit ${up.ratePerSecond}/s` : undefined}
          />
          <Stat
            label="Queue"
            value={up ? formatNumber(up.queued + up.inFlight) : '–'}
            detail={
              up && up.pausedForMs > 0
                ? `paused ${formatDuration(up.pausedForMs)}`
                : up
                  ? `wait p95 ${formatDuration(up.waitP95Ms)}`
                  : undefined
            }
          />
          <Stat label="Calls today" value={formatNumber(today.calls)} />
          <Stat label="Errors today" value={formatNumber(today.errors)} />
          <Stat
            label="From the cache"
            value={formatNumber(today.cacheHits)}
            detail={`${formatPercent(reads === 0 ? null : today.cacheHits / reads)} of reads`}
          />
        </dl>
      </Card>
    </>
  );
}
