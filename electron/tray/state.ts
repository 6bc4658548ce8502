// What the tray shows, as one value: core's snapshot plus the host's own facts (launch at login, updates,
// a secret-store warning). The menu, the icon, the tooltip and the notifications are pure functions of it.
import type { ClientEntry, CoreSnapshot } from '../core-face.js';

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'ready'; version: string }
  | { kind: 'up_to_date' }
  | { kind: 'unavailable'; reason: string };

export interface TrayState extends CoreSnapshot {
  launchAtLogin: boolean;
  clients: readonly ClientEntry[];
  update: UpdateState;
  /** The secret store cannot protect the sign-in (Linux basic_text): said in the menu, not only once. */
  secretWarning?: string;
}

/** The three looks of the tray icon. */
export type TrayStatus = 'running' | 'stopped' | 'attention';

export function trayStatus(state: Pick<TrayState, 'server' | 'account' | 'secretWarning'>): TrayStatus {
  const { server, account } = state;
  if (server.kind === 'port_taken' || server.kind === 'failed') return 'attention';
  if (account.kind !== 'signed_in' || state.secretWarning) return 'attention';
  return server.kind === 'running' ? 'running' : 'stopped';
}

/** The status line at the top of the menu, also the tooltip. */
export function statusLine(state: Pick<TrayState, 'server' | 'account'>): string {
  const { server, account } = state;
  switch (server.kind) {
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping… (letting calls in progress finish)';
    case 'port_taken':
      return `Not running: port ${server.port} is used by another program`;
    case 'failed':
      return `Not running: ${server.message}`;
    case 'stopped':
      return account.kind === 'signed_out' ? 'Not running: sign in to start' : 'Stopped';
    case 'running':
      if (account.kind === 'sign_in_needed') return 'Running, but sign-in is needed';
      if (account.kind === 'signed_out') return 'Running, not signed in';
      return 'Running';
  }
}
