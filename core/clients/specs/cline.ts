// Cline (VS Code extension): its own cline_mcp_settings.json in the extension's global storage, with
// `type: "streamableHttp"`.
import { bearer, type ClientSpec } from '../client-spec.js';
import type { HostOs } from '../host-os.js';
import { vscodeUserDir } from './vscode.js';

const storage = (os: HostOs): string =>
  os.join(vscodeUserDir(os, 'Code'), 'globalStorage', 'saoudrizwan.claude-dev');

export const cline: ClientSpec = {
  id: 'cline',
  label: 'Cline',
  transport: 'http',
  format: 'json',
  configPath: (os) => os.join(storage(os), 'settings', 'cline_mcp_settings.json'),
  installMarkers: (os) => [storage(os)],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ type: 'streamableHttp', url, headers: bearer(token), disabled: false }),
  afterWrite:
    'Open Cline → MCP Servers → Installed: "worksection" connects by itself; press Restart if it shows an error.',
};
