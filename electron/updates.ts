// The update policy: electron-updater against the GitHub Releases feed (electron-builder.yml `publish`),
// checked once at start and from the menu. Nothing is downloaded or installed without the user's word:
// the menu offers "Download", then "Restart to install", and quitting never installs silently.
import type { UpdateState } from './tray/state.js';

export interface UpdaterSettings {
  autoDownload: false;
  autoInstallOnAppQuit: false;
  autoRunAppAfterInstall: true;
  allowPrerelease: false;
  allowDowngrade: false;
}

export const UPDATER_SETTINGS: UpdaterSettings = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  autoRunAppAfterInstall: true,
  allowPrerelease: false,
  allowDowngrade: false,
};

/** Why this build cannot update itself, or undefined when it can. */
export function updatesUnavailable(opts: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Linux: set by the AppImage runtime; a .deb is updated by the package manager instead. */
  appImage?: string;
}): string | undefined {
  if (!opts.isPackaged) return 'not in a development build';
  if (opts.platform === 'linux' && !opts.appImage)
    return 'installed as a package: your package manager updates it';
  return undefined;
}

/** electron-updater's events, reduced to what the menu shows. */
export type UpdaterEvent =
  | { kind: 'checking-for-update' }
  | { kind: 'update-available'; version: string }
  | { kind: 'update-not-available' }
  | { kind: 'download-progress'; percent: number }
  | { kind: 'update-downloaded'; version: string }
  | { kind: 'error' };

export function nextUpdateState(state: UpdateState, event: UpdaterEvent): UpdateState {
  switch (event.kind) {
    case 'checking-for-update':
      return { kind: 'checking' };
    case 'update-available':
      return { kind: 'available', version: event.version };
    case 'update-not-available':
      return { kind: 'up_to_date' };
    case 'download-progress':
      return state.kind === 'available' || state.kind === 'downloading'
        ? { kind: 'downloading', version: state.version, percent: event.percent }
        : state;
    case 'update-downloaded':
      return { kind: 'ready', version: event.version };
    case 'error':
      // A failed check (offline) is not worth a menu line: the next check may work.
      return state.kind === 'downloading' ? { kind: 'available', version: state.version } : { kind: 'idle' };
  }
}
