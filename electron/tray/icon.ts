// Which tray icon file shows a status, per platform and theme. macOS takes template images (black with
// alpha; the menu bar tints them for light and dark and when highlighted), so one file serves both themes.
// Windows wants .ico (several sizes in one file) and Linux PNG; both need a light glyph on a dark panel
// and a dark glyph on a light one.
import type { TrayStatus } from './state.js';

export type Theme = 'light' | 'dark';

/** The icon's path relative to resources/tray. */
export function trayIconFile(status: TrayStatus, platform: NodeJS.Platform, theme: Theme): string {
  if (platform === 'darwin') return `mac/${status}Template.png`;
  // A dark panel gets the light glyph.
  const glyph = theme === 'dark' ? 'light' : 'dark';
  if (platform === 'win32') return `win/${status}-${glyph}.ico`;
  return `linux/${status}-${glyph}.png`;
}

/** Every file trayIconFile can answer, for the icon script and the packaging test. */
export function allTrayIconFiles(): string[] {
  const statuses: TrayStatus[] = ['running', 'stopped', 'attention'];
  const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];
  const themes: Theme[] = ['light', 'dark'];
  const files = statuses.flatMap((s) => platforms.flatMap((p) => themes.map((t) => trayIconFile(s, p, t))));
  return [...new Set(files)].sort();
}
