// Where a data directory keeps things: the OS's default data folder, config.json, and the store (demo mode
// keeps its own beside a real account's). Plain functions of the data dir, so every layer can ask.
import { join, win32 } from 'node:path';

const CONFIG_FILE_NAME = 'config.json';

/** Where the app keeps its data when nothing says otherwise (each OS's convention). */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Worksection MCP');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Worksection MCP');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'worksection-mcp');
}

export const configFilePath = (dataDir: string): string => join(dataDir, CONFIG_FILE_NAME);

/** Where the store lives. Demo mode keeps its own (its tokens above all) apart from a real account's. */
export function storeLocation(config: { dataDir: string; demo: boolean }): { dir: string; dbFile: string } {
  const dir = config.demo ? join(config.dataDir, 'demo') : config.dataDir;
  return { dir, dbFile: join(dir, 'wsmcp.db') };
}
