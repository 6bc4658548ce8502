// Gemini CLI: ~/.gemini/settings.json (comments allowed); Streamable HTTP is `httpUrl` (`url` means SSE).
import { bearer, type ClientSpec } from '../client-spec.js';

export const geminiCli: ClientSpec = {
  id: 'gemini-cli',
  label: 'Gemini CLI',
  transport: 'http',
  format: 'jsonc',
  configPath: (os) => os.join(os.home, '.gemini', 'settings.json'),
  installMarkers: (os) => [os.join(os.home, '.gemini')],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ httpUrl: url, headers: bearer(token) }),
  afterWrite: 'Restart Gemini CLI; `/mcp` inside it shows "worksection" and its tools.',
};
