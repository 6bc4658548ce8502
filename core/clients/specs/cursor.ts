// Cursor: ~/.cursor/mcp.json on every OS, `url` + `headers` (type is detected).
import { bearer, type ClientSpec } from '../client-spec.js';

export const cursor: ClientSpec = {
  id: 'cursor',
  label: 'Cursor',
  transport: 'http',
  format: 'jsonc',
  configPath: (os) => os.join(os.home, '.cursor', 'mcp.json'),
  installMarkers: (os) => [os.join(os.home, '.cursor')],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ url, headers: bearer(token) }),
  afterWrite:
    'Open Cursor Settings → MCP (Tools & Integrations): "worksection" appears there; switch it on if it is off. Cursor sends only the first 40 tools.',
};
