// The window's only bridge to the main process: a few named functions, each one fixed IPC message. The page
// never gets ipcRenderer (it could send anything) and the main process checks every sender's origin.
// CommonJS (.cts): a sandboxed preload cannot be an ES module.
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('wsmcpDesktop', {
  /** Opens an allow-listed https link in the system browser; anything else is ignored. */
  openExternal: (url: string): void => {
    if (typeof url === 'string') ipcRenderer.send('desktop:open-external', url);
  },
  /** Asks for an update check; the tray menu shows the outcome. */
  checkForUpdates: (): void => ipcRenderer.send('desktop:check-updates'),
  /** The app's version, for the About panel. */
  version: (): Promise<string> => ipcRenderer.invoke('desktop:version') as Promise<string>,
});
