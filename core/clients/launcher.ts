// How a stdio client starts our bridge, always by absolute path (GUI apps on macOS do not see the login
// shell's PATH, and `npx` may not exist at all).
import type { BridgeLauncher } from './client-spec.js';

/** A headless install: this Node binary running the CLI script (`<node> <abs>/dist/core/cli.js bridge`). */
export const headlessLauncher = (nodePath: string, cliScript: string): BridgeLauncher => ({
  command: nodePath,
  args: [cliScript],
});

/** The desktop app: its own executable in Node mode runs the same CLI script from inside the app. */
export const desktopLauncher = (appExecutable: string, cliScript: string): BridgeLauncher => ({
  command: appExecutable,
  args: [cliScript],
  env: { ELECTRON_RUN_AS_NODE: '1' },
});
