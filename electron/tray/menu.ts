// The tray menu as data: trayMenu(state) answers a template whose items name an action, and tray.ts turns
// it into an Electron Menu whose clicks run the action. Kept free of electron so every state is tested.
import { statusLine, type TrayState, type UpdateState } from './state.js';

export type TrayAction =
  | { kind: 'start' }
  | { kind: 'stop' }
  | { kind: 'open'; page?: string }
  | { kind: 'copy-claude-config' }
  | { kind: 'connect-client'; id: string }
  | { kind: 'toggle-launch-at-login' }
  | { kind: 'check-updates' }
  | { kind: 'download-update' }
  | { kind: 'install-update' }
  | { kind: 'quit' };

export interface TrayItem {
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: TrayItem[];
}

const SEPARATOR: TrayItem = { type: 'separator' };
const note = (label: string): TrayItem => ({ label, enabled: false });

function serverItem(server: TrayState['server']): TrayItem {
  switch (server.kind) {
    case 'running':
      return { label: 'Stop server', action: { kind: 'stop' } };
    case 'starting':
      return { label: 'Start server', enabled: false };
    case 'stopping':
      return { label: 'Stop server', enabled: false };
    default:
      return { label: 'Start server', action: { kind: 'start' } };
  }
}

function accountItem(account: TrayState['account']): TrayItem {
  if (account.kind === 'signed_in') {
    const who = account.user ? `${account.user.name} (${account.user.email})` : 'Worksection';
    return { label: `Signed in as ${who}`, action: { kind: 'open', page: 'account' } };
  }
  const label = account.kind === 'sign_in_needed' ? 'Sign in again…' : 'Sign in…';
  return { label, action: { kind: 'open', page: 'account' } };
}

function updateItem(update: UpdateState): TrayItem {
  switch (update.kind) {
    case 'checking':
      return note('Checking for updates…');
    case 'available':
      return { label: `Download version ${update.version}…`, action: { kind: 'download-update' } };
    case 'downloading':
      return note(`Downloading version ${update.version} (${Math.floor(update.percent)}%)`);
    case 'ready':
      return { label: `Restart to install version ${update.version}`, action: { kind: 'install-update' } };
    case 'up_to_date':
      return { label: 'Up to date: check again', action: { kind: 'check-updates' } };
    case 'unavailable':
      return note(`Updates: ${update.reason}`);
    case 'idle':
      return { label: 'Check for updates…', action: { kind: 'check-updates' } };
  }
}

export function trayMenu(state: TrayState): TrayItem[] {
  const running = state.server.kind === 'running';
  const clients: TrayItem[] = state.clients.map((c) => ({
    label: c.name,
    action: { kind: 'connect-client', id: c.id },
  }));
  return [
    note(statusLine(state)),
    ...(state.secretWarning ? [note(state.secretWarning)] : []),
    serverItem(state.server),
    SEPARATOR,
    // The window is served by the running server; opening it otherwise would show an error page.
    { label: 'Open Worksection MCP', enabled: running, action: { kind: 'open' } },
    { label: 'Copy config for Claude Desktop', action: { kind: 'copy-claude-config' } },
    { type: 'submenu', label: 'Connect another client', enabled: running, submenu: clients },
    SEPARATOR,
    accountItem(state.account),
    {
      type: 'checkbox',
      label: 'Launch at login',
      checked: state.launchAtLogin,
      action: { kind: 'toggle-launch-at-login' },
    },
    updateItem(state.update),
    SEPARATOR,
    { label: 'Quit Worksection MCP', action: { kind: 'quit' } },
  ];
}
