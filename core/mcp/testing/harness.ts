// Tests through a real MCP client: createMcpServer over the sandbox, an SDK Client connected in-process
// over InMemoryTransport, and helpers to call tools the way a client does (the Client also checks
// structuredContent against each tool's outputSchema, as real clients do).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { SandboxOptions, SandboxRequest } from '../../sandbox/server.js';
import { ACTIONS, isActionName } from '../../worksection/actions.js';
import type { AnyTool } from '../tools/kit/define-tool.js';
import { createMemoryToolSettings, type ToolSettingsState } from '../inventory/tool-settings.js';
import type { McpPromptProvider, McpResourceProvider } from '../server/providers.js';
import { ALL_TOOLS } from '../inventory/registry.js';
import {
  createMcpServer,
  type McpLogEvent,
  type McpRequestObserver,
  type McpServer,
  type McpSessionInfo,
} from '../server/server.js';
import type { ResultLimits } from '../tools/kit/context.js';
import type { ChangeInfo } from '../tools/kit/write-args.js';
import { createSandboxContext, type SandboxContext, type SandboxContextOptions } from './sandbox-context.js';

export interface HarnessOptions {
  /** Defaults to ALL_TOOLS. */
  tools?: readonly AnyTool[];
  authMode?: 'oauth' | 'admin';
  toolSettings?: ToolSettingsState;
  sandbox?: SandboxOptions;
  limits?: ResultLimits;
  /** One clock for the sandbox and the product (sandbox-context.ts; default: the pinned test clock). */
  clock?: () => number;
  now?: () => Date;
  /** The account's time zone (default 'UTC'). */
  timeZone?: string;
  resources?: McpResourceProvider;
  prompts?: McpPromptProvider;
  /** The session's caller and token scope (default: 'test', write). */
  session?: McpSessionInfo;
  /** The server's per-request hook (the call log in the app). */
  observe?: McpRequestObserver;
  /** A response cache with these freshness windows (sandbox-context.ts). */
  cache?: SandboxContextOptions['cache'];
  /** A local mirror, synced before the harness is returned (sandbox-context.ts). */
  mirror?: boolean;
}

export interface Harness extends Pick<SandboxContext, 'sandbox' | 'ctx' | 'contextFor' | 'responseCache'> {
  /** The Worksection client the server's tools use. */
  upstream: SandboxContext['client'];
  /** The SDK client connected to the server. */
  client: Client;
  server: McpServer;
  toolSettings: ToolSettingsState;
  /** What the server logged (bugs, warnings). */
  logs: McpLogEvent[];
  callTool(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  listTools(): Promise<Tool[]>;
  close(): Promise<void>;
}

/** The write requests the sandbox received after its request log held `from` rows (what a preview must not send). */
export function writesSince(h: Pick<Harness, 'sandbox'>, from: number): SandboxRequest[] {
  return h.sandbox
    .requests()
    .slice(from)
    .filter((r) => r.action !== null && isActionName(r.action) && ACTIONS[r.action].effect === 'write');
}

/** The `change` a write tool answered (its state, before → after, journal id), if any. */
export function changeOf(result: { structuredContent?: Record<string, unknown> }): ChangeInfo | undefined {
  return result.structuredContent?.change as ChangeInfo | undefined;
}

/** The id and project of the sandbox's first open top-level task (what most write tests change). */
export function openTopLevelTask(h: Pick<Harness, 'sandbox'>): { taskId: string; projectId: string } {
  const task = [...h.sandbox.data.tasks.values()].find((t) => t.status === 'active' && !t.parentId);
  if (!task) throw new Error('the sandbox has no open top-level task');
  return { taskId: String(task.id), projectId: String(task.projectId) };
}

/** The text of a result's first text block (error messages, the JSON copy of structuredContent). */
export function resultText(result: CallToolResult): string {
  const block = result.content.find((c) => c.type === 'text');
  return block?.type === 'text' ? block.text : '';
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const base = await createSandboxContext({
    authMode: opts.authMode,
    sandbox: opts.sandbox,
    limits: opts.limits,
    clock: opts.clock,
    now: opts.now,
    timeZone: opts.timeZone,
    cache: opts.cache,
    mirror: opts.mirror,
  });
  const logs: McpLogEvent[] = [];
  const toolSettings = opts.toolSettings ?? createMemoryToolSettings();
  const server = createMcpServer({
    tools: opts.tools ?? ALL_TOOLS,
    contextFor: base.contextFor,
    toolSettings,
    resources: opts.resources,
    prompts: opts.prompts,
    log: (event) => logs.push(event),
    observe: opts.observe,
  });
  const client = new Client({ name: 'harness', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  try {
    await server.connect(serverSide, { caller: 'test', ...opts.session });
    await client.connect(clientSide);
  } catch (err) {
    await server.close();
    await base.close();
    throw err;
  }
  const listTools = async () => (await client.listTools()).tools;
  // The Client validates structuredContent only for tools it has seen in tools/list.
  await listTools();
  return {
    sandbox: base.sandbox,
    upstream: base.client,
    ctx: base.ctx,
    contextFor: base.contextFor,
    ...(base.responseCache ? { responseCache: base.responseCache } : {}),
    client,
    server,
    toolSettings,
    logs,
    listTools,
    callTool: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    async close() {
      await client.close();
      await server.close();
      await base.close();
    },
  };
}
