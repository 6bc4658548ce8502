// What the bridge answers itself while the app cannot be used: the client still starts, sees one tool, and
// every call of it (or of any tool) is a tool error telling the model what the user has to do. Capabilities
// mirror the app's, so the session stays fully usable once the app is back and the lists are refreshed.
import {
  failure,
  INTERNAL_ERROR,
  METHOD_NOT_FOUND,
  result,
  type JsonRpcId,
  type Message,
} from './messages.js';

export type OfflineReason = 'not-running' | 'stopped' | 'token' | 'failed';

/** What the app's server declares (core/mcp/server.ts); bridge.test.ts compares the two. */
export const APP_CAPABILITIES = {
  tools: { listChanged: true },
  logging: {},
  completions: {},
  resources: {},
  prompts: {},
};

const SUPPORTED_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

const RECONNECT =
  'Ask the user to connect this client again in the app (Clients → Connect, or `wsmcp connect`) and restart the client.';

export function explain(reason: OfflineReason, url: string, detail = '', tokenAdvice = RECONNECT): string {
  switch (reason) {
    case 'not-running':
      return `Worksection MCP is not running on this computer (nothing answers at ${url}). Ask the user to start the Worksection MCP app (or \`wsmcp serve\`), then try again.`;
    case 'stopped':
      return 'The Worksection MCP app stopped while answering, so this request may or may not have been carried out. Ask the user to start the app again, then check the result before retrying.';
    case 'token':
      return `The Worksection MCP app refused this client's token (it is missing, revoked or replaced). ${tokenAdvice}`;
    case 'failed':
      return `The Worksection MCP app could not be reached properly (${detail}). Ask the user to check that the app is running and up to date.`;
  }
}

/** Stands in for the app's own health_check, so a client that never refreshes its list still reaches the real one later. */
const STATUS_TOOL = {
  name: 'health_check',
  title: 'Health check',
  description:
    'Checks the connection to Worksection. The Worksection MCP app cannot be reached right now: call this to learn what the user needs to do.',
  inputSchema: { type: 'object', properties: {} },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

/** The bridge's own answer to a request while offline, with `text` saying why and what to do. */
export function offlineAnswer(msg: Message & { id: JsonRpcId; method: string }, text: string): Message {
  switch (msg.method) {
    case 'initialize': {
      const asked = msg.params?.protocolVersion;
      const protocolVersion =
        typeof asked === 'string' && SUPPORTED_VERSIONS.includes(asked) ? asked : SUPPORTED_VERSIONS[0];
      return result(msg.id, {
        protocolVersion,
        capabilities: APP_CAPABILITIES,
        serverInfo: { name: 'worksection-mcp-desktop', title: 'Worksection', version: '0.0.0' },
        instructions: text,
      });
    }
    case 'ping':
    case 'logging/setLevel':
      return result(msg.id, {});
    case 'tools/list':
      return result(msg.id, { tools: [STATUS_TOOL] });
    case 'tools/call':
      return result(msg.id, { content: [{ type: 'text', text }], isError: true });
    case 'resources/list':
      return result(msg.id, { resources: [] });
    case 'resources/templates/list':
      return result(msg.id, { resourceTemplates: [] });
    case 'prompts/list':
      return result(msg.id, { prompts: [] });
    case 'completion/complete':
      return result(msg.id, { completion: { values: [], hasMore: false } });
    case 'resources/read':
    case 'prompts/get':
      return failure(msg.id, INTERNAL_ERROR, text);
    default:
      return failure(msg.id, METHOD_NOT_FOUND, `${msg.method} is not available: ${text}`);
  }
}
