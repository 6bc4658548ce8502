// Windsurf: ~/.codeium/windsurf/mcp_config.json; remote servers use `serverUrl` (Cursor's `url` does not
// connect there).
import { bearer, type ClientSpec } from '../client-spec.js';

export const windsurf: ClientSpec = {
  id: 'windsurf',
  label: 'Windsurf',
  transport: 'http',
  format: 'jsonc',
  configPath: (os) => os.join(os.home, '.codeium', 'windsurf', 'mcp_config.json'),
  installMarkers: (os) => [os.join(os.home, '.codeium', 'windsurf')],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ serverUrl: url, headers: bearer(token) }),
  afterWrite:
    'In Windsurf open Cascade → MCP servers and press Refresh. Windsurf uses at most 50 tools: switch off toolsets you do not need in the app.',
};
