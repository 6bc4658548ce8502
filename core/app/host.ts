// What core needs from whoever hosts it (the CLI, the Electron main process): the one seam to the desktop.
import type { BridgeLauncher } from '../clients/client-spec.js';
import type { Attention } from '../../shared/api/server.js';
import type { SecretBackend } from '../vault/secret-store.js';

/** What the desktop shell adds to the UI (absent headless). */
export interface ControlHost {
  launchAtLogin?: { get(): boolean; set(enabled: boolean): void };
  /** Problems only the shell knows of (port taken, keychain unavailable), with what fixes them. */
  notices?(): Attention[];
  /** How stdio clients start the bridge: the app's own executable in Node mode. */
  bridgeLauncher?: BridgeLauncher;
  /**
   * Stops the server and starts it again (after the app's first sign-in). A host that can do this lets a
   * data dir that was never signed in serve anyway, so the UI can sign it in.
   */
  restart?(): void;
}

/** What the app needs from whoever hosts it (the CLI, the Electron main process). */
export interface AppHost {
  /** One line for the app's log. Internals (stack traces) go here, never to the model. */
  log(line: string): void;
  /** Where the vault key may live when the OS keychain is unusable (Electron: safeStorage). */
  secretBackend?: SecretBackend;
  /** Shows the user an address (a sign-in page): the desktop opens the browser, the CLI prints it. */
  openUrl?(url: string): void | Promise<void>;
  /** What the desktop shell adds to the UI (launch at login, its own notices). */
  control?: ControlHost;
}
