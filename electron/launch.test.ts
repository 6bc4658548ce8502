import { describe, expect, it } from 'vitest';
import { bridgeLauncher, bridgeUrl, launchMode, loginItemSettings, trayAppCommand } from './launch.js';
import { nextUpdateState, UPDATER_SETTINGS, updatesUnavailable } from './updates.js';

describe('launch mode', () => {
  it('--stdio runs the bridge wherever it stands among Chromium switches', () => {
    expect(launchMode(['/app/wsmcp', '--no-sandbox', '--stdio'])).toEqual({ kind: 'bridge' });
    expect(launchMode(['/app/wsmcp'])).toEqual({ kind: 'app', hidden: false });
    expect(launchMode(['/app/wsmcp', '--hidden'])).toEqual({ kind: 'app', hidden: true });
    expect(launchMode(['/app/wsmcp'], true)).toEqual({ kind: 'app', hidden: true });
  });

  it('clients launch the bridge as the executable itself with the flag, then `bridge --url`', () => {
    const c = bridgeLauncher('C:\\Program Files\\Worksection MCP\\Worksection MCP.exe');
    expect(c).toEqual({
      command: 'C:\\Program Files\\Worksection MCP\\Worksection MCP.exe',
      args: ['--stdio'],
    });
    const argv = [c.command, ...c.args, 'bridge', '--url', 'http://127.0.0.1:7341/mcp'];
    expect(launchMode(argv)).toEqual({ kind: 'bridge' });
    expect(bridgeUrl(argv)).toBe('http://127.0.0.1:7341/mcp');
    expect(bridgeUrl([c.command, '--stdio'])).toBeUndefined();
    const dev = bridgeLauncher('/repo/node_modules/electron/dist/electron', '/repo/dist/electron/main.js');
    expect(dev.args).toEqual(['/repo/dist/electron/main.js', '--stdio']);
  });

  it('the bridge starts the tray app hidden, never as another bridge', () => {
    const t = trayAppCommand('/Applications/Worksection MCP.app/Contents/MacOS/Worksection MCP');
    expect(launchMode([t.command, ...t.args])).toEqual({ kind: 'app', hidden: true });
    expect(trayAppCommand('/e/electron', '/repo/main.js').args).toEqual(['/repo/main.js', '--hidden']);
  });

  it('launch at login starts hidden, per platform', () => {
    expect(loginItemSettings(true, 'win32')).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(loginItemSettings(false, 'win32')).toEqual({ openAtLogin: false, args: [] });
    expect(loginItemSettings(true, 'darwin')).toEqual({ openAtLogin: true, openAsHidden: true });
    expect(loginItemSettings(true, 'linux')).toEqual({ openAtLogin: true });
  });
});

describe('update policy', () => {
  it('never downloads or installs by itself', () => {
    expect(UPDATER_SETTINGS.autoDownload).toBe(false);
    expect(UPDATER_SETTINGS.autoInstallOnAppQuit).toBe(false);
    expect(UPDATER_SETTINGS.allowPrerelease).toBe(false);
    expect(UPDATER_SETTINGS.allowDowngrade).toBe(false);
  });

  it('checks only in a packaged build', () => {
    expect(updatesUnavailable({ isPackaged: false, platform: 'darwin' })).toBe('not in a development build');
    expect(updatesUnavailable({ isPackaged: true, platform: 'darwin' })).toBeUndefined();
    expect(updatesUnavailable({ isPackaged: true, platform: 'linux' })).toMatch(/package manager/);
    expect(
      updatesUnavailable({ isPackaged: true, platform: 'linux', appImage: '/x.AppImage' }),
    ).toBeUndefined();
  });

  it('follows the updater: available, downloading, ready; a failed download can be retried', () => {
    let s = nextUpdateState({ kind: 'idle' }, { kind: 'checking-for-update' });
    expect(s).toEqual({ kind: 'checking' });
    s = nextUpdateState(s, { kind: 'update-available', version: '2.0.0' });
    s = nextUpdateState(s, { kind: 'download-progress', percent: 10 });
    expect(s).toEqual({ kind: 'downloading', version: '2.0.0', percent: 10 });
    expect(nextUpdateState(s, { kind: 'error' })).toEqual({ kind: 'available', version: '2.0.0' });
    expect(nextUpdateState(s, { kind: 'update-downloaded', version: '2.0.0' })).toEqual({
      kind: 'ready',
      version: '2.0.0',
    });
    expect(nextUpdateState({ kind: 'checking' }, { kind: 'error' })).toEqual({ kind: 'idle' });
    expect(nextUpdateState({ kind: 'idle' }, { kind: 'download-progress', percent: 5 })).toEqual({
      kind: 'idle',
    });
  });
});
