// The tray app: one instance per user, hosting core in-process. The tray mirrors core's state through its
// subscription; the window shows the UI core serves; Quit stops the server, letting calls finish first.
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, ipcMain, safeStorage, shell } from 'electron';
import { loadDesktopConfig, openCore, trustedOrigins, vaultDir, type CoreFace } from './core-face.js';
import { bridgeLauncher, loginItemSettings } from './launch.js';
import { hostSecretBackend } from './secret-backend.js';
import { trayMenu, type TrayAction } from './tray/menu.js';
import type { TrayState } from './tray/state.js';
import { createTray } from './tray/tray.js';
import { createUpdater } from './updater.js';
import { updatesUnavailable } from './updates.js';
import { isAllowedExternal, isUiUrl } from './window/guards.js';
import { createWindowHost, denyPermissions } from './window/window.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function runTrayApp(opts: { hidden: boolean }): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // The first instance hears 'second-instance' and shows its window.
    app.quit();
    return;
  }
  // A tray app: closing the window must not quit.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();
  app.dock?.hide();
  denyPermissions();

  const logFile = createWriteStream(join(app.getPath('logs'), 'main.log'), { flags: 'a' });
  const log = (line: string) => logFile.write(`${new Date().toISOString()} ${line}\n`);
  const config = loadDesktopConfig();
  const secret = await hostSecretBackend({ safeStorage, platform: process.platform, dir: vaultDir(config) });
  if (secret.warning) log(`[warn] ${secret.warning}`);
  const devEntry = app.isPackaged ? undefined : process.argv[1];
  const setLaunchAtLogin = (enabled: boolean) =>
    app.setLoginItemSettings(loginItemSettings(enabled, process.platform));
  const core: CoreFace = openCore(
    {
      log,
      secretBackend: secret.backend,
      openUrl: (url) => shell.openExternal(url),
      control: {
        launchAtLogin: {
          get: () => app.getLoginItemSettings().openAtLogin,
          set: (enabled) => (setLaunchAtLogin(enabled), render()),
        },
        notices: () => (secret.warning ? [{ kind: 'host', message: secret.warning, action: null }] : []),
        bridgeLauncher: bridgeLauncher(process.execPath, devEntry),
      },
    },
    config,
  );
  const trusted = trustedOrigins(config);

  let quitting = false;
  const uiOrigin = () => {
    const server = core.snapshot().server;
    return server.kind === 'running' ? new URL(server.uiUrl).origin : undefined;
  };
  const window = createWindowHost({
    preload: join(here, 'preload.cjs'),
    devTools: !app.isPackaged,
    mint: () => core.mintUiAddress(),
    uiOrigin,
    log,
    quitting: () => quitting,
    trusted,
  });
  const openWindow = (page?: string) =>
    window.open(page).catch((err: unknown) => log(`[warn] the window did not open: ${String(err)}`));

  const resources = app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources');
  const updater = createUpdater({
    unavailable: updatesUnavailable({
      isPackaged: app.isPackaged,
      platform: process.platform,
      appImage: process.env.APPIMAGE,
    }),
    onChange: () => render(),
    log,
  });
  const state = (): TrayState => ({
    ...core.snapshot(),
    launchAtLogin: app.getLoginItemSettings().openAtLogin,
    clients: core.clients(),
    update: updater.state(),
    secretWarning: secret.warning,
  });

  const run = (action: TrayAction): void => {
    switch (action.kind) {
      case 'start':
        void core.start();
        return;
      case 'stop':
        void core.stop();
        return;
      case 'open':
        void openWindow(action.page);
        return;
      case 'connect-client':
        void openWindow(`clients/${action.id}`);
        return;
      case 'copy-claude-config':
        try {
          clipboard.writeText(core.claudeDesktopConfig());
        } catch (err) {
          log(`[warn] could not copy the Claude Desktop config: ${String(err)}`);
        }
        return;
      case 'toggle-launch-at-login':
        setLaunchAtLogin(!app.getLoginItemSettings().openAtLogin);
        render();
        return;
      case 'check-updates':
        updater.check();
        return;
      case 'download-update':
        updater.download();
        return;
      case 'install-update':
        quitting = true;
        void core.stop().finally(() => updater.install());
        return;
      case 'quit':
        app.quit();
        return;
    }
  };
  const tray = createTray({ resources, run });
  const render = () => tray.update(state());
  // For automation of the main process (the Electron end-to-end specs drive the tray through this); the
  // renderer cannot reach main's globals.
  Object.assign(globalThis, { wsmcpDesktop: { run, menu: () => trayMenu(state()) } });

  // A restart (after the first sign-in) keeps the window: it reloads onto the restarted server's UI.
  let reopenAfterRestart = false;
  core.subscribe((snapshot) => {
    if (snapshot.restarting) reopenAfterRestart ||= window.contents() !== undefined;
    else if (snapshot.server.kind !== 'running') window.close();
    else if (reopenAfterRestart) {
      reopenAfterRestart = false;
      void openWindow('account');
    }
    render();
  });
  app.on('second-instance', () => void openWindow());

  // Quit waits for the server to stop: calls in flight finish or get a clear error, the call log is flushed.
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    core
      .stop()
      .catch((err: unknown) => log(`[error] while stopping: ${String(err)}`))
      .finally(() => {
        tray.destroy();
        logFile.end(() => app.exit(0));
      });
  });

  // The page asks through named preload functions only; every message must come from the UI itself.
  const fromUi = (event: Electron.IpcMainEvent | Electron.IpcMainInvokeEvent) => {
    const origin = uiOrigin();
    return (
      event.sender === window.contents() &&
      origin !== undefined &&
      isUiUrl(event.senderFrame?.url ?? '', origin)
    );
  };
  ipcMain.on('desktop:open-external', (event, url: unknown) => {
    if (fromUi(event) && typeof url === 'string' && isAllowedExternal(url, trusted))
      void shell.openExternal(url);
  });
  ipcMain.on('desktop:check-updates', (event) => fromUi(event) && updater.check());
  ipcMain.handle('desktop:version', (event) => (fromUi(event) ? app.getVersion() : undefined));

  render();
  await core.start();
  updater.check();
  if (!opts.hidden && core.snapshot().server.kind === 'running') await openWindow();
}
