// What the client writers know about the machine, passed in rather than read: the OS, the home folder and
// the few environment variables that move config folders. Tests hand in every OS against a temporary home.
import { existsSync, readdirSync } from 'node:fs';
import { posix, win32 } from 'node:path';

export type ClientPlatform = 'darwin' | 'win32' | 'linux';

/** The variables the clients themselves honour when they look for their config. */
export interface ClientEnv {
  APPDATA?: string;
  LOCALAPPDATA?: string;
  XDG_CONFIG_HOME?: string;
  CODEX_HOME?: string;
  CLAUDE_CONFIG_DIR?: string;
}

export interface HostOs {
  platform: ClientPlatform;
  home: string;
  env: ClientEnv;
  join(...parts: string[]): string;
  exists(path: string): boolean;
  /** Names in a folder; [] when it does not exist. */
  list(dir: string): string[];
}

export interface HostOsInput {
  platform: NodeJS.Platform;
  home: string;
  env?: ClientEnv;
  /**
   * Joins with the target OS's separator by default. Tests of Windows paths on a POSIX machine pass
   * posix here so the files land in a real temporary folder.
   */
  join?: (...parts: string[]) => string;
}

const listDir = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

export function hostOs(input: HostOsInput): HostOs {
  // Every other Unix keeps its configs where Linux does (XDG).
  const platform: ClientPlatform =
    input.platform === 'darwin' || input.platform === 'win32' ? input.platform : 'linux';
  const join = input.join ?? (platform === 'win32' ? win32.join : posix.join);
  return { platform, home: input.home, env: input.env ?? {}, join, exists: existsSync, list: listDir };
}

/** %APPDATA% (Roaming) on Windows. */
export const roamingAppData = (os: HostOs): string =>
  os.env.APPDATA || os.join(os.home, 'AppData', 'Roaming');

export const localAppData = (os: HostOs): string =>
  os.env.LOCALAPPDATA || os.join(os.home, 'AppData', 'Local');

/** $XDG_CONFIG_HOME or ~/.config (Linux). */
export const xdgConfigHome = (os: HostOs): string => os.env.XDG_CONFIG_HOME || os.join(os.home, '.config');

/** Where Electron apps named `name` keep their user data: the folder VS Code, Claude and friends use. */
export function appConfigDir(os: HostOs, name: string): string {
  if (os.platform === 'win32') return os.join(roamingAppData(os), name);
  if (os.platform === 'darwin') return os.join(os.home, 'Library', 'Application Support', name);
  return os.join(xdgConfigHome(os), name);
}
