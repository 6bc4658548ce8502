// Whether the MCP endpoint serves, and where: what the UI's Overview and the desktop shell show, and its
// Start/Stop. Stopping keeps the port and the app (the UI stays reachable, client configs stay valid);
// /mcp answers 503 until started again (mcp/transports/http.ts).
import type { McpHttpMount } from '../mcp/transports/http.js';

type Unsubscribe = () => void;

export interface ServerState {
  /** Whether /mcp accepts clients. */
  running: boolean;
  /** http://127.0.0.1:PORT/mcp while served over HTTP. */
  mcpUrl?: string;
  port?: number;
  /** MCP sessions open now. */
  sessions: number;
}

export interface ServerService {
  state(): ServerState;
  /** Stops (every session ends) or resumes the MCP endpoint; answers the new state. */
  setRunning(on: boolean): Promise<ServerState>;
  subscribe(listener: (state: ServerState) => void): Unsubscribe;
}

export interface ServerStateHolder {
  service: ServerService;
  /** The endpoint is served at `mcpUrl` by `mount`. */
  served(mount: McpHttpMount, mcpUrl: string): void;
  /** The HTTP server closed. */
  closed(): void;
}

export function createServerState(log: (line: string) => void): ServerStateHolder {
  const listeners = new Set<(state: ServerState) => void>();
  let served: { mount: McpHttpMount; mcpUrl: string } | undefined;

  const state = (): ServerState =>
    served
      ? {
          running: served.mount.serving,
          mcpUrl: served.mcpUrl,
          port: Number(new URL(served.mcpUrl).port),
          sessions: served.mount.sessionCount(),
        }
      : { running: false, sessions: 0 };
  const publish = () => {
    const now = state();
    for (const listener of [...listeners]) listener(now);
  };

  return {
    service: {
      state,
      async setRunning(on) {
        if (!served) throw new Error('the MCP endpoint is not served over HTTP');
        if (served.mount.serving !== on) {
          await served.mount.setServing(on);
          log(`[info] MCP endpoint ${on ? 'started' : 'stopped'} from the app`);
          publish();
        }
        return state();
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    served(mount, mcpUrl) {
      served = { mount, mcpUrl };
      publish();
    },
    closed() {
      served = undefined;
      publish();
    },
  };
}
