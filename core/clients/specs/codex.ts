// OpenAI Codex (CLI, IDE extension and app share it): TOML, [mcp_servers.<name>] with `url` and literal
// `http_headers` (an inline `bearer_token` is rejected). CODEX_HOME moves the folder.
import { bearer, type ClientSpec } from '../client-spec.js';
import type { HostOs } from '../host-os.js';

const dir = (os: HostOs): string => os.env.CODEX_HOME || os.join(os.home, '.codex');

export const codex: ClientSpec = {
  id: 'codex',
  label: 'Codex',
  transport: 'http',
  format: 'toml',
  configPath: (os) => os.join(dir(os), 'config.toml'),
  installMarkers: (os) => [dir(os)],
  serversKey: ['mcp_servers'],
  entry: ({ url, token }) => ({ url, http_headers: bearer(token) }),
  afterWrite: 'Start a new Codex session; `/mcp` inside it lists "worksection" and its tools.',
};
