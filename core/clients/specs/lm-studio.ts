// LM Studio (0.3.17+ is an MCP host): ~/.lmstudio/mcp.json in Cursor's notation.
import { bearer, type ClientSpec } from '../client-spec.js';

export const lmStudio: ClientSpec = {
  id: 'lm-studio',
  label: 'LM Studio',
  transport: 'http',
  format: 'jsonc',
  configPath: (os) => os.join(os.home, '.lmstudio', 'mcp.json'),
  installMarkers: (os) => [os.join(os.home, '.lmstudio')],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ url, headers: bearer(token) }),
  afterWrite:
    'In LM Studio open the Program tab: "worksection" is listed; switch it on for a chat with a model that supports tools.',
};
