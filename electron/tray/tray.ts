// The tray icon and its menu, redrawn from trayMenu(state) whenever the state changes. Clicks carry the
// item's action to the main process's handler; nothing here decides anything.
import { join } from 'node:path';
import {
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import { trayIconFile } from './icon.js';
import { trayMenu, type TrayAction, type TrayItem } from './menu.js';
import { noticeFor } from './notify.js';
import { statusLine, trayStatus, type TrayState } from './state.js';

function toElectron(items: TrayItem[], run: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const { action, submenu, ...rest } = item;
    return {
      ...rest,
      ...(submenu ? { submenu: toElectron(submenu, run) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  });
}

export function createTray(opts: { resources: string; run(action: TrayAction): void }) {
  const iconOf = (state: TrayState) => {
    const theme = nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
    const image = nativeImage.createFromPath(
      join(opts.resources, 'tray', trayIconFile(trayStatus(state), process.platform, theme)),
    );
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  };
  let state: TrayState | undefined;
  const tray = new Tray(nativeImage.createEmpty());

  const render = () => {
    if (!state) return;
    tray.setImage(iconOf(state));
    tray.setToolTip(`Worksection MCP: ${statusLine(state)}`);
    tray.setContextMenu(Menu.buildFromTemplate(toElectron(trayMenu(state), opts.run)));
  };
  nativeTheme.on('updated', render);
  // Windows and Linux users expect a left click to open the app.
  tray.on('click', () => process.platform !== 'darwin' && opts.run({ kind: 'open' }));

  return {
    update(next: TrayState): void {
      const notice = noticeFor(state, next);
      state = next;
      render();
      if (notice && Notification.isSupported()) new Notification(notice).show();
    },
    destroy: () => tray.destroy(),
  };
}
