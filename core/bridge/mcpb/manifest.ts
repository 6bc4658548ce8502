// The Claude Desktop extension's manifest (MCP Bundle, validated by @anthropic-ai/mcpb in the tests): a
// `node` server that Claude runs on its built-in Node, so the user needs no Node and no PATH. The client
// token is a `sensitive` setting, which Claude keeps in the OS keychain; the address has the app's default.
const MCPB_ENTRY = 'server/mcpb-entry.js';
const DEFAULT_APP_URL = 'http://127.0.0.1:7341/mcp';

export function mcpbManifest(version: string): Record<string, unknown> {
  return {
    manifest_version: '0.3',
    name: 'worksection-mcp',
    display_name: 'Worksection',
    version,
    description:
      'Work with your Worksection projects, tasks and time from Claude, through the Worksection MCP app.',
    long_description:
      "Connects Claude Desktop to the Worksection MCP app running on this computer. The app signs in to Worksection, keeps within its rate limit and shows every call; this extension forwards Claude to it. Start the app first, then copy a token for Claude Desktop in its Clients panel and paste it into this extension's settings.",
    author: { name: 'Worksection MCP Desktop' },
    server: {
      type: 'node',
      entry_point: MCPB_ENTRY,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${MCPB_ENTRY}`],
        env: { WSMCP_TOKEN: '${user_config.token}', WSMCP_URL: '${user_config.url}' },
      },
    },
    tools_generated: true,
    prompts_generated: true,
    user_config: {
      token: {
        type: 'string',
        title: 'Client token',
        description:
          'The token the Worksection MCP app made for Claude Desktop (Clients → Claude Desktop → Copy token). Kept in your keychain.',
        sensitive: true,
        required: true,
      },
      url: {
        type: 'string',
        title: 'App address',
        description:
          "Where the Worksection MCP app serves MCP; change it only if you changed the app's port.",
        default: DEFAULT_APP_URL,
        required: false,
      },
    },
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: '>=18.0.0' } },
    keywords: ['worksection', 'project management', 'tasks', 'time tracking'],
    license: 'MIT',
  };
}
