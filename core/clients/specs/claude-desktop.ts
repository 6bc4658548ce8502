// Claude Desktop: stdio only (its config needs `command`), so it runs our bridge. On Windows the Store/MSIX
// build (the default installer since 2026) reads a virtualized copy under %LOCALAPPDATA%\Packages and
// silently ignores %APPDATA%\Claude: when that package folder exists we write there.
import { bridgeEntry, type ClientSpec } from '../client-spec.js';
import { appConfigDir, localAppData, type HostOs } from '../host-os.js';

const FILE = 'claude_desktop_config.json';

/** The MSIX package folder (Claude_<publisher hash>), when Claude was installed that way. */
function claudeMsixDir(os: HostOs): string | undefined {
  if (os.platform !== 'win32') return undefined;
  const packages = os.join(localAppData(os), 'Packages');
  const name = os
    .list(packages)
    .filter((n) => /^Claude_[a-z0-9]+$/i.test(n))
    .sort()[0];
  return name ? os.join(packages, name, 'LocalCache', 'Roaming', 'Claude') : undefined;
}

const claudeDir = (os: HostOs): string => claudeMsixDir(os) ?? appConfigDir(os, 'Claude');

export const claudeDesktop: ClientSpec = {
  id: 'claude-desktop',
  label: 'Claude Desktop',
  transport: 'stdio',
  format: 'json',
  configPath: (os) => os.join(claudeDir(os), FILE),
  installMarkers: (os) => [claudeDir(os)],
  serversKey: ['mcpServers'],
  entry: bridgeEntry,
  afterWrite:
    'Quit Claude Desktop completely (menu Claude → Quit, or the tray icon → Quit; closing the window is not enough) and start it again.',
  logs: (os) =>
    os.platform === 'darwin'
      ? os.join(os.home, 'Library', 'Logs', 'Claude', 'mcp-server-worksection.log')
      : os.join(claudeDir(os), 'logs', 'mcp-server-worksection.log'),
};
