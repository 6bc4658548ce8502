// VS Code (Copilot agent mode) and VS Code Insiders: the user profile's mcp.json, top key `servers`
// (not mcpServers), `type: "http"`.
import { bearer, type ClientSpec } from '../client-spec.js';
import { appConfigDir, type HostOs } from '../host-os.js';

export const vscodeUserDir = (os: HostOs, product: string): string =>
  os.join(appConfigDir(os, product), 'User');

function vscodeLike(id: string, label: string, product: string): ClientSpec {
  return {
    id,
    label,
    transport: 'http',
    format: 'jsonc',
    configPath: (os) => os.join(vscodeUserDir(os, product), 'mcp.json'),
    installMarkers: (os) => [vscodeUserDir(os, product)],
    serversKey: ['servers'],
    entry: ({ url, token }) => ({ type: 'http', url, headers: bearer(token) }),
    afterWrite: `In ${label}, run "MCP: List Servers", pick "worksection" and Start it (trust it when asked); its tools appear in Copilot Chat's agent mode.`,
  };
}

export const vscode = vscodeLike('vscode', 'VS Code', 'Code');
export const vscodeInsiders = vscodeLike('vscode-insiders', 'VS Code Insiders', 'Code - Insiders');
