// The one window: created on demand, hidden (not destroyed) on close so the app stays in the tray, and
// wired to the pure guards: navigation, window.open, permissions. Its UI address is minted per load.
import { BrowserWindow, nativeTheme, session, shell, type WebContents } from 'electron';
import { navigationDecision, permissionDecision, windowOpenDecision } from './guards.js';
import { windowOptions } from './options.js';
import { loadUi } from './ui-address.js';

export interface AppWindowDeps {
  preload: string;
  devTools: boolean;
  mint(): Promise<string>;
  /** core's UI origin now, or undefined while the server is not running. */
  uiOrigin(): string | undefined;
  log(line: string): void;
  /** True once Quit was chosen: closing then really closes. */
  quitting(): boolean;
  /** Origins core names for the system browser (the consent page, the account). */
  trusted: readonly string[];
}

function openExternal(url: string | undefined, log: (line: string) => void): void {
  if (url)
    shell.openExternal(url).catch((err: unknown) => log(`[warn] could not open a link: ${String(err)}`));
}

function guard(contents: WebContents, deps: AppWindowDeps): void {
  const onNavigate = (event: { preventDefault(): void; url: string }) => {
    const origin = deps.uiOrigin();
    const decision = origin ? navigationDecision(event.url, origin, deps.trusted) : { allow: false as const };
    if (decision.allow) return;
    event.preventDefault();
    openExternal(decision.openExternal, deps.log);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, deps.trusted);
    openExternal(decision.openExternal, deps.log);
    return { action: decision.action };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: every permission request and check is refused. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
}

export function createWindowHost(deps: AppWindowDeps) {
  let win: BrowserWindow | undefined;

  function create(): BrowserWindow {
    const w = new BrowserWindow(
      windowOptions({
        preload: deps.preload,
        dark: nativeTheme.shouldUseDarkColors,
        devTools: deps.devTools,
      }),
    );
    guard(w.webContents, deps);
    w.once('ready-to-show', () => w.show());
    w.on('close', (event) => {
      if (deps.quitting()) return;
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => (win = undefined));
    return w;
  }

  return {
    /** Shows the window at `page`, loading a freshly minted UI address. */
    async open(page?: string): Promise<void> {
      const origin = deps.uiOrigin();
      if (!origin) throw new Error('the server is not running');
      win ??= create();
      await loadUi({ mint: deps.mint, load: (url) => win!.loadURL(url), log: deps.log }, origin, page);
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    /** The window's web contents, to check an IPC sender. */
    contents: (): WebContents | undefined => win?.webContents,
    /** The server went away: the UI it served is gone too. */
    close(): void {
      win?.destroy();
      win = undefined;
    },
  };
}
