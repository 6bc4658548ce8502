// The MCP server: the registry's tools (filtered by the tool settings and the caller's token scope), resources
// and prompts, on the SDK's low-level Server so every request goes through our own handlers (zod 4 JSON
// Schemas, argument and output checks, central error mapping). One SDK Server per session (the Streamable
// HTTP transport and stdio each connect one); the McpServer here owns them all and tells each about
// tool settings changes with notifications/tools/list_changed.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  SetLevelRequestSchema,
  type CallToolResult,
  type ServerCapabilities,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { AnyTool } from '../tools/kit/define-tool.js';
import { quoted } from '../tools/kit/quote.js';
import { createMemoryToolSettings, type ToolSettingsState } from '../inventory/tool-settings.js';
import type { McpPromptProvider, McpResourceProvider } from './providers.js';
import { guardParams } from './params-guard.js';
import {
  observeRequest,
  toolOutcome,
  type McpRequestObserver,
  type McpRequestRecord,
} from './request-observer.js';
import { NO_COMPLETIONS, registerPromptHandlers, registerResourceHandlers } from './server-providers.js';
import { runToolCall, type McpLog } from './tool-call.js';
import { serverInstructions } from './instructions.js';
import { errorResult } from '../tools/kit/errors.js';
import type { ToolContextFactory } from '../tools/kit/context-factory.js';
import type { ToolContext } from '../tools/kit/context.js';
import { toolDescriptor } from '../inventory/descriptor.js';
import { orderTools, selectTools, toolCountWarning, unavailableReason } from '../inventory/selection.js';
import type { TokenScope } from '../../store/client-tokens.js';
import { createChangeJournal } from '../../store/change-journal.js';
import { openDatabase } from '../../store/db.js';
import { createWriteGuard, type WriteGuard } from './write-guard.js';

export type { McpLogEvent } from './tool-call.js';
export type { McpRequestObserver } from './request-observer.js';

const SERVER_NAME = 'worksection-mcp-desktop';

export interface McpServerOptions {
  tools: readonly AnyTool[];
  contextFor: ToolContextFactory;
  /** Defaults to everything enabled, held in memory. */
  toolSettings?: ToolSettingsState;
  resources?: McpResourceProvider;
  prompts?: McpPromptProvider;
  /** Bugs and warnings (the real errors behind generic answers) go here; pino plugs in later. */
  log?: McpLog;
  /** Told about every tool call, resource read and prompt get once it is answered (the call log). */
  observe?: McpRequestObserver;
  version?: string;
  instructions?: string;
  /** The write guard (journal, write policy); default: a journal in memory and the default policy. */
  writes?: WriteGuard;
}

/** Who is on the other end of one session. Per-request AuthInfo (HTTP bearer), when present, wins. */
export interface McpSessionInfo {
  /** The client token's name, or 'stdio'. */
  caller?: string;
  scope?: TokenScope;
}

interface McpSession {
  server: Server;
  close(): Promise<void>;
}

type ToolAccess = 'allowed' | 'unknown' | 'unavailable';

/** One tool call from outside an MCP session (the OpenAPI routes). */
interface DirectToolCall {
  name: string;
  args: unknown;
  /** The client token's name. */
  caller: string;
  scope: TokenScope;
  signal: AbortSignal;
  /** How the call log marks the row: 'openapi' for REST. */
  method: McpRequestRecord['method'];
  /** Progress notifications to the caller, when it asked for them. */
  progress?: ToolContext['progress'];
}

export interface McpServer {
  /** Connects a new session (its own SDK Server) to the transport. */
  connect(transport: Transport, session?: McpSessionInfo): Promise<McpSession>;
  /** The tools a caller with this scope sees now, in tools/list order. */
  enabledTools(scope?: TokenScope): AnyTool[];
  /** Whether a caller with this scope may call `name` now (the HTTP layer answers 403 on 'unavailable'). */
  access(name: string, scope?: TokenScope): ToolAccess;
  /**
   * Runs a tool exactly as tools/call does (the same filter, argument checks, answer, budget, errors, call
   * log row and statistics); an unknown name throws McpError like tools/call.
   */
  callTool(call: DirectToolCall): Promise<CallToolResult>;
  /** The >40-tools warning for the log, the UI and health, or undefined. */
  warning(): string | undefined;
  sessionCount(): number;
  /** The write guard and its change journal (list_changes, undo_change, the UI's Changes panel). */
  readonly writes: WriteGuard;
  close(): Promise<void>;
}

interface ToolView {
  byName: Map<string, AnyTool>;
  list: Tool[];
}

/** The scope of a request: bearer AuthInfo scopes when the transport passes them, else the session's. */
function scopeOf(auth: AuthInfo | undefined, session: McpSessionInfo): TokenScope {
  if (auth) return auth.scopes.includes('write') ? 'write' : 'read';
  return session.scope ?? 'write';
}

// Tests and embedders without a store still get previews, keys and the duplicate window, for the process's life.
function memoryWriteGuard(toolSettings: ToolSettingsState): WriteGuard {
  const journal = createChangeJournal(openDatabase(':memory:'));
  return createWriteGuard({ journal, policy: () => toolSettings.get().writePolicy });
}

export function createMcpServer(opts: McpServerOptions): McpServer {
  const log: McpLog = opts.log ?? (() => undefined);
  const toolSettings = opts.toolSettings ?? createMemoryToolSettings();
  const tools = orderTools(opts.tools);
  const writes = opts.writes ?? memoryWriteGuard(toolSettings);
  // Every context this server hands out (tools, resources, prompts) reads the same change journal.
  const contextFor = (o: { caller: string; signal: AbortSignal }) => ({
    ...opts.contextFor(o),
    changes: writes.journal,
  });
  const all = new Map<string, AnyTool>();
  const descriptors = new Map<string, Tool>();
  for (const tool of tools) {
    if (all.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
    all.set(tool.name, tool);
    descriptors.set(tool.name, toolDescriptor(tool));
  }

  const views = new Map<TokenScope, ToolView>();
  const view = (scope: TokenScope): ToolView => {
    let v = views.get(scope);
    if (!v) {
      const enabled = selectTools(tools, { ...toolSettings.get(), tokenScope: scope });
      v = {
        byName: new Map(enabled.map((t) => [t.name, t])),
        list: enabled.map((t) => descriptors.get(t.name) as Tool),
      };
      views.set(scope, v);
    }
    return v;
  };

  const warning = () => toolCountWarning(view('write').list.length);
  const logWarning = () => {
    const text = warning();
    if (text) log({ level: 'warn', msg: text });
  };
  logWarning();

  const notAvailable = async (name: string, scope: TokenScope): Promise<CallToolResult> => {
    const known = all.get(name);
    if (!known) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${quoted(name, '')}`);
    const reason = unavailableReason(known, { ...toolSettings.get(), tokenScope: scope });
    return errorResult(
      `${name} is not available: ${reason ?? 'it is switched off'}.`,
      undefined,
      'unavailable',
    );
  };

  // THE tools/call path, for MCP sessions and the OpenAPI routes alike.
  function callTool(call: DirectToolCall): Promise<CallToolResult> {
    const { name, args, caller, scope } = call;
    const tool = view(scope).byName.get(name);
    const ctx = tool
      ? {
          ...contextFor({ caller, signal: call.signal }),
          ...(call.progress ? { progress: call.progress } : {}),
        }
      : undefined;
    const run = () => (tool && ctx ? runToolCall(tool, args, ctx, log, writes) : notAvailable(name, scope));
    const request = { method: call.method, target: name, caller, args };
    return observeRequest(opts.observe, request, ctx, log, run, toolOutcome);
  }

  const sessions = new Set<Server>();
  const unsubscribe = toolSettings.subscribe(() => {
    views.clear();
    logWarning();
    for (const server of sessions) {
      server.sendToolListChanged().catch((err: unknown) => {
        log({ level: 'warn', msg: 'could not send tools/list_changed', err });
      });
    }
  });

  // logging: clients may set a level (accepted; our log goes to the app, not the client). completions:
  // prompt arguments that name a project or a person complete from the account (server-providers.ts).
  const capabilities: ServerCapabilities = { tools: { listChanged: true }, logging: {}, completions: {} };
  if (opts.resources) capabilities.resources = {};
  if (opts.prompts) capabilities.prompts = {};

  // Written when a session starts: they say today's date, which the session's model cannot know.
  const instructionsNow = () => {
    const ctx = opts.contextFor({ caller: 'instructions', signal: new AbortController().signal });
    return serverInstructions({ today: ctx.today(), timeZone: ctx.timeZone });
  };

  function newSession(info: McpSessionInfo): Server {
    const server = new Server(
      { name: SERVER_NAME, title: 'Worksection', version: opts.version ?? '0.0.0' },
      { capabilities, instructions: opts.instructions ?? instructionsNow() },
    );
    const callerOf = (extra: { authInfo?: AuthInfo }) => extra.authInfo?.clientId ?? info.caller ?? 'mcp';
    const sessionContext = (extra: { authInfo?: AuthInfo; signal: AbortSignal }) =>
      contextFor({ caller: callerOf(extra), signal: extra.signal });

    server.setRequestHandler(ListToolsRequestSchema, (_req, extra) => ({
      tools: view(scopeOf(extra.authInfo, info)).list,
    }));

    server.setRequestHandler(CallToolRequestSchema, (req, extra) => {
      const token = req.params._meta?.progressToken;
      const progress: ToolContext['progress'] =
        token === undefined
          ? undefined
          : (done, total, message) => {
              const params = { progressToken: token, progress: done, total, ...(message ? { message } : {}) };
              extra.sendNotification({ method: 'notifications/progress', params }).catch((err: unknown) => {
                log({ level: 'warn', msg: 'could not send a progress notification', err });
              });
            };
      return callTool({
        name: req.params.name,
        args: req.params.arguments,
        caller: callerOf(extra),
        scope: scopeOf(extra.authInfo, info),
        signal: extra.signal,
        method: 'tools/call',
        ...(progress ? { progress } : {}),
      });
    });

    server.setRequestHandler(SetLevelRequestSchema, () => ({}));
    if (opts.resources) registerResourceHandlers(server, opts.resources, sessionContext, log, opts.observe);
    if (opts.prompts) registerPromptHandlers(server, opts.prompts, sessionContext, log, opts.observe);
    else server.setRequestHandler(CompleteRequestSchema, () => NO_COMPLETIONS);

    server.onclose = () => sessions.delete(server);
    return server;
  }

  return {
    async connect(transport, info = {}) {
      const server = newSession(info);
      sessions.add(server);
      try {
        await server.connect(guardParams(transport));
      } catch (err) {
        sessions.delete(server);
        throw err;
      }
      return { server, close: () => server.close() };
    },
    writes,
    enabledTools: (scope = 'write') => [...view(scope).byName.values()],
    access(name, scope = 'write') {
      if (!all.has(name)) return 'unknown';
      return view(scope).byName.has(name) ? 'allowed' : 'unavailable';
    },
    callTool,
    warning,
    sessionCount: () => sessions.size,
    async close() {
      unsubscribe();
      await Promise.all([...sessions].map((s) => s.close()));
      sessions.clear();
    },
  };
}
