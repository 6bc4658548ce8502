// Claude Code: user-scope servers live in ~/.claude.json (since 2.1.47 it no longer reads mcpServers from
// ~/.claude/settings.json). CLAUDE_CONFIG_DIR moves the file.
import { bearer, type ClientSpec } from '../client-spec.js';
import type { HostOs } from '../host-os.js';

const dir = (os: HostOs): string => os.env.CLAUDE_CONFIG_DIR || os.home;

export const claudeCode: ClientSpec = {
  id: 'claude-code',
  label: 'Claude Code',
  transport: 'http',
  format: 'json',
  configPath: (os) => os.join(dir(os), '.claude.json'),
  installMarkers: (os) => [os.join(dir(os), '.claude.json'), os.join(os.home, '.claude')],
  serversKey: ['mcpServers'],
  entry: ({ url, token }) => ({ type: 'http', url, headers: bearer(token) }),
  afterWrite:
    'Start a new Claude Code session; `/mcp` inside it shows the server and its tools (`claude mcp get worksection` from a terminal).',
};
