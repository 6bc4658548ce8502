import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayState } from '../testing/tray-state.js';
import { allTrayIconFiles, trayIconFile } from './icon.js';
import { trayStatus } from './state.js';

describe('tray icon', () => {
  it('follows the real state: running, stopped, or needing attention', () => {
    expect(trayStatus(trayState())).toBe('running');
    expect(trayStatus(trayState({ server: { kind: 'stopped' } }))).toBe('stopped');
    expect(trayStatus(trayState({ server: { kind: 'starting' } }))).toBe('stopped');
    expect(trayStatus(trayState({ server: { kind: 'port_taken', port: 1 } }))).toBe('attention');
    expect(trayStatus(trayState({ server: { kind: 'failed', message: 'x' } }))).toBe('attention');
    expect(trayStatus(trayState({ account: { kind: 'sign_in_needed', reason: 'x' } }))).toBe('attention');
    expect(trayStatus(trayState({ account: { kind: 'signed_out' } }))).toBe('attention');
    expect(trayStatus(trayState({ secretWarning: 'no keyring' }))).toBe('attention');
  });

  it('macOS uses one template image for both themes', () => {
    expect(trayIconFile('running', 'darwin', 'light')).toBe('mac/runningTemplate.png');
    expect(trayIconFile('running', 'darwin', 'dark')).toBe('mac/runningTemplate.png');
  });

  it('Windows uses .ico and Linux PNG, a light glyph on a dark panel', () => {
    expect(trayIconFile('attention', 'win32', 'dark')).toBe('win/attention-light.ico');
    expect(trayIconFile('attention', 'win32', 'light')).toBe('win/attention-dark.ico');
    expect(trayIconFile('stopped', 'linux', 'dark')).toBe('linux/stopped-light.png');
    expect(trayIconFile('stopped', 'freebsd', 'light')).toBe('linux/stopped-dark.png');
  });

  it('every icon the app can ask for exists in resources/tray', () => {
    const files = allTrayIconFiles();
    expect(files).toHaveLength(3 + 6 + 6);
    const missing = files.filter((f) => !existsSync(join('resources', 'tray', f)));
    expect(missing).toEqual([]);
  });
});
