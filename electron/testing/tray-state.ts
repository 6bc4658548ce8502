// A tray state to vary in tests: running, signed in as a known user, two clients.
import type { TrayState } from '../tray/state.js';

export function trayState(patch: Partial<TrayState> = {}): TrayState {
  return {
    server: { kind: 'running', mcpUrl: 'http://127.0.0.1:7341/mcp', uiUrl: 'http://127.0.0.1:7341/' },
    account: {
      kind: 'signed_in',
      mode: 'oauth',
      scopes: ['projects_read'],
      expiresAt: 0,
      user: { id: '1006', name: 'Alice Nowak', email: 'alice@example.com' },
    },
    launchAtLogin: false,
    clients: [
      { id: 'cursor', name: 'Cursor' },
      { id: 'vscode', name: 'VS Code' },
    ],
    update: { kind: 'idle' },
    ...patch,
  };
}
