// Zed: the user settings file (JSON with comments), servers under `context_servers`, remote ones with
// `url` + `headers`. Linux and macOS use ~/.config/zed, Windows %APPDATA%\Zed.
import { bearer, type ClientSpec } from '../client-spec.js';
import { roamingAppData, xdgConfigHome, type HostOs } from '../host-os.js';

const dir = (os: HostOs): string =>
  os.platform === 'win32'
    ? os.join(roamingAppData(os), 'Zed')
    : os.platform === 'darwin'
      ? os.join(os.home, '.config', 'zed')
      : os.join(xdgConfigHome(os), 'zed');

export const zed: ClientSpec = {
  id: 'zed',
  label: 'Zed',
  transport: 'http',
  format: 'jsonc',
  configPath: (os) => os.join(dir(os), 'settings.json'),
  installMarkers: (os) => [dir(os)],
  serversKey: ['context_servers'],
  entry: ({ url, token }) => ({ url, headers: bearer(token) }),
  afterWrite:
    'Zed reloads its settings by itself: open the Agent Panel → Settings, where "worksection" shows a green dot.',
};
