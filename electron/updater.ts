// electron-updater wired to the update policy (updates.ts): checks at start and from the menu, downloads
// and installs only when the user chooses so in the tray menu.
import electronUpdater from 'electron-updater';
import { nextUpdateState, UPDATER_SETTINGS, type UpdaterEvent } from './updates.js';
import type { UpdateState } from './tray/state.js';

export function createUpdater(opts: {
  /** Why this build cannot update itself (updatesUnavailable), or undefined. */
  unavailable: string | undefined;
  onChange(state: UpdateState): void;
  log(line: string): void;
}) {
  let state: UpdateState = opts.unavailable
    ? { kind: 'unavailable', reason: opts.unavailable }
    : { kind: 'idle' };
  const { autoUpdater } = electronUpdater;
  const step = (event: UpdaterEvent) => {
    state = nextUpdateState(state, event);
    opts.onChange(state);
  };
  if (!opts.unavailable) {
    Object.assign(autoUpdater, UPDATER_SETTINGS);
    autoUpdater.logger = null;
    autoUpdater.on('checking-for-update', () => step({ kind: 'checking-for-update' }));
    autoUpdater.on('update-available', (i) => step({ kind: 'update-available', version: i.version }));
    autoUpdater.on('update-not-available', () => step({ kind: 'update-not-available' }));
    autoUpdater.on('download-progress', (p) => step({ kind: 'download-progress', percent: p.percent }));
    autoUpdater.on('update-downloaded', (i) => step({ kind: 'update-downloaded', version: i.version }));
    autoUpdater.on('error', (err) => {
      opts.log(`[warn] update check failed: ${err.message}`);
      step({ kind: 'error' });
    });
  }
  const guarded = (what: string, run: () => Promise<unknown>) => {
    if (opts.unavailable) return;
    run().catch((err: unknown) => opts.log(`[warn] ${what} failed: ${String(err)}`));
  };
  return {
    state: () => state,
    check: () => guarded('update check', () => autoUpdater.checkForUpdates()),
    download: () => guarded('update download', () => autoUpdater.downloadUpdate()),
    /** Only from the user's "Restart to install" click. */
    install: () => autoUpdater.quitAndInstall(false, true),
  };
}
