// The window: a sidebar naming the panels, and the open panel. Without a session (the address was not
// opened through `wsmcp open`) it says how to get one instead.
import { ApiError } from './api/client';
import { useOverview, useSession } from './api/queries';
import { useEvents } from './api/use-events';
import { ErrorState, Loading } from './components/states';
import { AccountPanel } from './features/account/account-panel';
import { CachePanel } from './features/cache/cache-panel';
import { ChangesPanel } from './features/changes/changes-panel';
import { ClientsPanel } from './features/clients/clients-panel';
import { LogsPanel } from './features/logs/logs-panel';
import { OverviewPanel } from './features/overview/overview-panel';
import { SettingsPanel } from './features/settings/settings-panel';
import { ToolsPanel } from './features/tools/tools-panel';
import { PANELS, panelHref, useHashRoute, type Panel } from './lib/use-hash-route';
import icon from './icon.svg';

const VIEWS: Record<Panel, () => React.JSX.Element> = {
  overview: OverviewPanel,
  account: AccountPanel,
  clients: ClientsPanel,
  tools: ToolsPanel,
  cache: CachePanel,
  logs: LogsPanel,
  changes: ChangesPanel,
  settings: SettingsPanel,
};

function NoSession() {
  return (
    <main className="no-session">
      <h1>Open the app from its address</h1>
      <p>
        This page needs the one-time address the server printed when it started. For a new one, run{' '}
        <code>wsmcp open</code> in a terminal (or <code>npm run wsmcp -- open</code> from a checkout).
      </p>
    </main>
  );
}

function ServerDot() {
  const { data } = useOverview();
  if (!data) return null;
  const running = data.server.running;
  return (
    <p className="server-dot">
      <span className={running ? 'dot dot-ok' : 'dot dot-off'} aria-hidden="true" />
      {running ? 'Serving' : 'Stopped'}
      {data.server.demo && <span className="badge badge-neutral">demo</span>}
    </p>
  );
}

export function App() {
  const session = useSession();
  const panel = useHashRoute();
  useEvents(session.isSuccess);
  if (session.isPending) return <Loading label="Opening…" />;
  if (session.error instanceof ApiError && session.error.status === 401) return <NoSession />;
  if (session.isError) return <ErrorState error={session.error} retry={() => void session.refetch()} />;
  const View = VIEWS[panel];
  return (
    <div className="layout">
      <aside className="sidebar">
        <p className="brand">
          <img src={icon} alt="" width="24" height="24" />
          Worksection MCP
        </p>
        <nav aria-label="Sections">
          <ul>
            {(Object.keys(PANELS) as Panel[]).map((p) => (
              <li key={p}>
                <a href={panelHref(p)} aria-current={p === panel ? 'page' : undefined}>
                  {PANELS[p]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ServerDot />
      </aside>
      <main className="content" id="main">
        <View key={panel} />
      </main>
    </div>
  );
}
