import { describe, expect, it } from 'vitest';
import { trayState } from '../testing/tray-state.js';
import { trayMenu, type TrayItem } from './menu.js';

const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const item = (items: TrayItem[], label: string | RegExp) => {
  const found = items.find((i) =>
    typeof label === 'string' ? i.label === label : label.test(i.label ?? ''),
  );
  if (!found) throw new Error(`no item ${String(label)} in ${labels(items).join(' | ')}`);
  return found;
};

describe('trayMenu', () => {
  it('running and signed in: the whole menu, in order', () => {
    expect(labels(trayMenu(trayState()))).toEqual([
      'Running',
      'Stop server',
      '---',
      'Open Worksection MCP',
      'Copy config for Claude Desktop',
      'Connect another client',
      '---',
      'Signed in as Alice Nowak (alice@example.com)',
      'Launch at login',
      'Check for updates…',
      '---',
      'Quit Worksection MCP',
    ]);
    const menu = trayMenu(trayState());
    expect(menu[0]).toEqual({ label: 'Running', enabled: false });
    expect(item(menu, 'Stop server').action).toEqual({ kind: 'stop' });
    expect(item(menu, 'Open Worksection MCP')).toMatchObject({ enabled: true, action: { kind: 'open' } });
    expect(item(menu, 'Copy config for Claude Desktop').action).toEqual({ kind: 'copy-claude-config' });
    expect(item(menu, 'Quit Worksection MCP').action).toEqual({ kind: 'quit' });
  });

  it('stopped: Start server; the window and other clients need the running server', () => {
    const menu = trayMenu(trayState({ server: { kind: 'stopped' } }));
    expect(menu[0]?.label).toBe('Stopped');
    expect(item(menu, 'Start server').action).toEqual({ kind: 'start' });
    expect(item(menu, 'Open Worksection MCP').enabled).toBe(false);
    expect(item(menu, 'Connect another client').enabled).toBe(false);
    // The Claude Desktop entry runs the bridge, which works whether or not the server runs.
    expect(item(menu, 'Copy config for Claude Desktop').enabled).not.toBe(false);
  });

  it('starting and stopping: the server item is disabled, no double start', () => {
    const starting = trayMenu(trayState({ server: { kind: 'starting' } }));
    expect(starting[0]?.label).toBe('Starting…');
    expect(item(starting, 'Start server')).toMatchObject({ enabled: false });
    expect(item(starting, 'Start server').action).toBeUndefined();
    const stopping = trayMenu(trayState({ server: { kind: 'stopping' } }));
    expect(stopping[0]?.label).toMatch(/^Stopping… \(letting calls in progress finish\)$/);
    expect(item(stopping, 'Stop server')).toMatchObject({ enabled: false });
  });

  it('needs sign-in: the status says so and the item signs in again', () => {
    const menu = trayMenu(trayState({ account: { kind: 'sign_in_needed', reason: 'the sign-in lapsed' } }));
    expect(menu[0]?.label).toBe('Running, but sign-in is needed');
    expect(item(menu, 'Sign in again…').action).toEqual({ kind: 'open', page: 'account' });
    const signedOut = trayMenu(trayState({ server: { kind: 'stopped' }, account: { kind: 'signed_out' } }));
    expect(signedOut[0]?.label).toBe('Not running: sign in to start');
    expect(item(signedOut, 'Sign in…').action).toEqual({ kind: 'open', page: 'account' });
  });

  it('port taken: names the port and offers Start server again', () => {
    const menu = trayMenu(trayState({ server: { kind: 'port_taken', port: 7341 } }));
    expect(menu[0]?.label).toBe('Not running: port 7341 is used by another program');
    expect(item(menu, 'Start server').action).toEqual({ kind: 'start' });
  });

  it('a failed start shows its reason', () => {
    const menu = trayMenu(trayState({ server: { kind: 'failed', message: 'the store is damaged' } }));
    expect(menu[0]?.label).toBe('Not running: the store is damaged');
  });

  it('signed in without a known user (admin key) still says signed in', () => {
    const menu = trayMenu(
      trayState({
        account: {
          kind: 'signed_in',
          mode: 'admin',
          accountUrl: 'https://a.worksection.com',
          meEmail: 'x@y.z',
        },
      }),
    );
    expect(item(menu, 'Signed in as Worksection').action).toEqual({ kind: 'open', page: 'account' });
  });

  it('launch at login is a checkbox showing the current setting', () => {
    for (const launchAtLogin of [true, false]) {
      const entry = item(trayMenu(trayState({ launchAtLogin })), 'Launch at login');
      expect(entry).toMatchObject({ type: 'checkbox', checked: launchAtLogin });
      expect(entry.action).toEqual({ kind: 'toggle-launch-at-login' });
    }
  });

  it('connect another client: one item per client, each naming its client', () => {
    const submenu = item(trayMenu(trayState()), 'Connect another client');
    expect(submenu.type).toBe('submenu');
    expect(submenu.submenu).toEqual([
      { label: 'Cursor', action: { kind: 'connect-client', id: 'cursor' } },
      { label: 'VS Code', action: { kind: 'connect-client', id: 'vscode' } },
    ]);
  });

  it("updates: download and install only on the user's click", () => {
    const at = (update: Parameters<typeof trayState>[0]) => trayMenu(trayState(update));
    expect(item(at({ update: { kind: 'available', version: '1.2.0' } }), /^Download/).action).toEqual({
      kind: 'download-update',
    });
    expect(
      item(at({ update: { kind: 'downloading', version: '1.2.0', percent: 41.7 } }), /^Downloading/),
    ).toEqual({ label: 'Downloading version 1.2.0 (41%)', enabled: false });
    expect(item(at({ update: { kind: 'ready', version: '1.2.0' } }), /^Restart/)).toEqual({
      label: 'Restart to install version 1.2.0',
      action: { kind: 'install-update' },
    });
    expect(
      item(at({ update: { kind: 'unavailable', reason: 'not in a development build' } }), /^Updates/).enabled,
    ).toBe(false);
  });

  it('a secret-store warning stays visible under the status line', () => {
    const menu = trayMenu(trayState({ secretWarning: 'No desktop keyring was found.' }));
    expect(menu[1]).toEqual({ label: 'No desktop keyring was found.', enabled: false });
  });
});
