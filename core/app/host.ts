// What core needs from whoever hosts it (the CLI, the Electron main process): the one seam to the desktop.
import type { SecretBackend } from '../vault/secret-store.js';

/** What the app needs from whoever hosts it (the CLI, the Electron main process). */
export interface AppHost {
  /** One line for the app's log. Internals (stack traces) go here, never to the model. */
  log(line: string): void;
  /** Where the vault key may live when the OS keychain is unusable (Electron: safeStorage). */
  secretBackend?: SecretBackend;
  /** Shows the user an address (a sign-in page): the desktop opens the browser, the CLI prints it. */
  openUrl?(url: string): void | Promise<void>;
}
