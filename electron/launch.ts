// How this launch of the executable behaves, from its command line: the stdio bridge for an MCP client
// (Claude Desktop runs the app's own executable with --stdio; no window, no tray, no single-instance
// lock), or the tray app, started hidden when the OS launched it at login.

const BRIDGE_FLAG = '--stdio';
const HIDDEN_FLAG = '--hidden';

export type LaunchMode = { kind: 'bridge' } | { kind: 'app'; hidden: boolean };

export function launchMode(argv: readonly string[], openedAtLogin = false): LaunchMode {
  // Chromium adds its own switches; only ours matter, wherever they stand.
  if (argv.includes(BRIDGE_FLAG)) return { kind: 'bridge' };
  return { kind: 'app', hidden: openedAtLogin || argv.includes(HIDDEN_FLAG) };
}

/**
 * How an MCP client that only launches commands (Claude Desktop) starts the bridge: the packaged executable
 * itself with the flag, or in a development run Electron with the app's entry script. core/clients adds
 * `bridge --url <address>` and the client's token (WSMCP_TOKEN) to it.
 */
export function bridgeLauncher(execPath: string, devEntry?: string): { command: string; args: string[] } {
  return { command: execPath, args: devEntry ? [devEntry, BRIDGE_FLAG] : [BRIDGE_FLAG] };
}

/** The bridge's `--url` (the app's MCP address in the client's entry), when given. */
export function bridgeUrl(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--url');
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Starting the tray app from the bridge: into the tray, without a window. */
export function trayAppCommand(execPath: string, devEntry?: string): { command: string; args: string[] } {
  return { command: execPath, args: devEntry ? [devEntry, HIDDEN_FLAG] : [HIDDEN_FLAG] };
}

export interface LoginItemSettings {
  openAtLogin: boolean;
  /** macOS: reopen without a window. */
  openAsHidden?: boolean;
  /** Windows: the flag tells the started app to stay in the tray. */
  args?: string[];
}

/** app.setLoginItemSettings: started at login, the app goes to the tray without opening its window. */
export function loginItemSettings(enabled: boolean, platform: NodeJS.Platform): LoginItemSettings {
  if (platform === 'win32') return { openAtLogin: enabled, args: enabled ? [HIDDEN_FLAG] : [] };
  if (platform === 'darwin') return { openAtLogin: enabled, openAsHidden: enabled };
  return { openAtLogin: enabled };
}
