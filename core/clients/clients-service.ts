// The one service behind the Clients panel and `wsmcp connect`: list clients, preview a connect as a
// diff, connect, disconnect, and copy a config, link, command or token. Every client gets its own token,
// named after it; a connect that finds its valid token already in the file keeps it, so connecting twice
// changes nothing. Writes run under the file's lock: read, plan, back up, replace.
import { createTwoFilesPatch } from 'diff';
import type {
  ClientsErrorCode,
  ClientSummary,
  CopyResponse,
  PreviewResponse,
  RemoveResponse,
  WriteResponse,
} from '../../shared/api/clients.js';
import type { BridgeLauncher, ClientSpec, Entry } from './client-spec.js';
import {
  hashText,
  planRemove,
  planWrite,
  readConfig,
  snippet,
  type ConfigRead,
  type Plan,
} from './config-file.js';
import { backup, LockedError, realTarget, withLock, writeAtomic } from './file-ops.js';
import type { HostOs } from './host-os.js';
import { actionsFor } from './links.js';
import { clientById, CLIENTS } from './specs/index.js';

export type Scope = 'read' | 'write';

/** The slice of the client-token store the service needs. */
export interface ClientTokenStore {
  create(name: string, scope: Scope): { token: string };
  revoke(name: string): boolean;
  /** Whose token this is, or undefined when it is unknown or revoked. */
  identify(token: string): { name: string; scope: Scope } | undefined;
}

export interface ClientsServiceDeps {
  os: HostOs;
  tokens: ClientTokenStore;
  /** The app's MCP endpoint, http://127.0.0.1:PORT/mcp. */
  mcpUrl: string;
  launcher: BridgeLauncher;
  now?: () => Date;
}

export class ClientsError extends Error {
  override name = 'ClientsError';
  constructor(
    readonly code: ClientsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Stands in for a token that the connect will create; never a valid token. */
const NEW_TOKEN = '<new token, created when you connect>';
const TOKEN_TEXT = /wsmcp_[A-Za-z0-9_-]{43}/g;
const mask = (text: string): string => text.replace(TOKEN_TEXT, (t) => `wsmcp_…${t.slice(-4)}`);

export function createClientsService(deps: ClientsServiceDeps) {
  const { os, tokens } = deps;
  const now = deps.now ?? (() => new Date());
  const tokenName = (spec: ClientSpec): string => spec.label;
  const entryFor = (spec: ClientSpec, token: string): Entry =>
    spec.entry({ url: deps.mcpUrl, token, launcher: deps.launcher });

  function specOf(id: string): ClientSpec {
    const spec = clientById(id);
    if (!spec) {
      throw new ClientsError(
        'unknown-client',
        `no client is called "${id}"; known: ${CLIENTS.map((c) => c.id).join(', ')}`,
      );
    }
    return spec;
  }

  /** The token already in the file, when it is still this client's with the wanted scope. */
  function reusable(read: ConfigRead, scope: Scope): string | undefined {
    if (read.existing.kind !== 'ours') return undefined;
    const who = tokens.identify(read.existing.token);
    return who?.name === tokenName(read.spec) && who.scope === scope ? read.existing.token : undefined;
  }

  function freshToken(spec: ClientSpec, scope: Scope): string {
    tokens.revoke(tokenName(spec));
    return tokens.create(tokenName(spec), scope).token;
  }

  const lockedFile = <T>(spec: ClientSpec, fn: () => T): Promise<T> =>
    withLock(realTarget(spec.configPath(os)), fn).catch((err: unknown) => {
      if (err instanceof LockedError) throw new ClientsError('locked', err.message);
      throw err;
    });

  function commit(read: ConfigRead, plan: Extract<Plan, { ok: true }>): string | undefined {
    const saved = read.text === undefined ? undefined : backup(read.target, now());
    writeAtomic(read.target, plan.after ?? '');
    return saved;
  }

  function message(spec: ClientSpec, change: string): string {
    if (change === 'none') return `${spec.label} is already connected; nothing changed.`;
    const logs = spec.logs ? ` If it does not connect, its log is ${spec.logs(os)}.` : '';
    return `${spec.afterWrite}${logs}`;
  }

  function summary(spec: ClientSpec): ClientSummary {
    const read = readConfig(spec, os);
    let state: ClientSummary['state'] = 'not-connected';
    let detail: string | undefined;
    if (read.problem) [state, detail] = ['unreadable', read.problem.message];
    else if (read.existing.kind === 'foreign') state = 'other-entry';
    else if (read.existing.kind === 'ours') {
      const who = tokens.identify(read.existing.token);
      const plan = planWrite(read, entryFor(spec, read.existing.token));
      const same = who?.name === tokenName(spec) && plan.ok && plan.change === 'none';
      state = same ? 'connected' : 'outdated';
      if (!same) {
        detail = who
          ? 'the entry points at another address or program: connect again'
          : 'its token was revoked or replaced: connect again';
      }
    }
    const actions = actionsFor(spec.id, entryFor(spec, NEW_TOKEN)).map(({ kind, label }) => ({
      kind,
      label,
    }));
    return {
      id: spec.id,
      label: spec.label,
      transport: spec.transport,
      format: spec.format,
      configPath: read.path,
      installed: spec.installMarkers(os).some((p) => os.exists(p)),
      state,
      ...(detail ? { detail } : {}),
      tokenName: tokenName(spec),
      actions,
      afterWrite: spec.afterWrite,
      ...(spec.logs ? { logs: spec.logs(os) } : {}),
    };
  }

  return {
    list: (): ClientSummary[] => CLIENTS.map(summary),

    preview(id: string, scope: Scope = 'write', force = false): PreviewResponse {
      const spec = specOf(id);
      const read = readConfig(spec, os);
      const reuse = reusable(read, scope);
      const plan = planWrite(read, entryFor(spec, reuse ?? NEW_TOKEN), force);
      const base = {
        client: id,
        path: read.path,
        baseHash: hashText(read.text),
        token: reuse ? 'reused' : 'new',
      } as const;
      if (!plan.ok) return { ...base, change: 'none', diff: '', blocked: plan.blocked };
      const diff =
        plan.change === 'none'
          ? ''
          : createTwoFilesPatch(
              read.path,
              read.path,
              mask(read.text ?? ''),
              mask(plan.after ?? ''),
              undefined,
              undefined,
              { context: 3 },
            );
      return { ...base, change: plan.change, diff };
    },

    connect(
      id: string,
      opts: { scope?: Scope; force?: boolean; baseHash?: string } = {},
    ): Promise<WriteResponse> {
      const spec = specOf(id);
      const scope = opts.scope ?? 'write';
      return lockedFile(spec, () => {
        const read = readConfig(spec, os);
        if (opts.baseHash !== undefined && hashText(read.text) !== opts.baseHash) {
          throw new ClientsError(
            'changed',
            `${read.path} changed since the preview; look at the new preview before connecting`,
          );
        }
        const reuse = reusable(read, scope);
        const draft = planWrite(read, entryFor(spec, reuse ?? NEW_TOKEN), opts.force);
        if (!draft.ok) throw new ClientsError('blocked', draft.blocked.message);
        const done = { client: id, path: read.path, tokenName: tokenName(spec) };
        if (draft.change === 'none') return { ...done, change: 'none', message: message(spec, 'none') };
        const token = reuse ?? freshToken(spec, scope);
        const plan = planWrite(read, entryFor(spec, token), opts.force) as Extract<Plan, { ok: true }>;
        try {
          const backupPath = commit(read, plan);
          return {
            ...done,
            change: plan.change,
            ...(backupPath ? { backupPath } : {}),
            message: message(spec, plan.change),
          };
        } catch (err) {
          if (!reuse) tokens.revoke(tokenName(spec));
          throw new Error(
            `could not write ${read.path}: ${(err as Error).message}; its token was revoked, connect again`,
            { cause: err },
          );
        }
      });
    },

    disconnect(id: string): Promise<RemoveResponse> {
      const spec = specOf(id);
      return lockedFile(spec, () => {
        const read = readConfig(spec, os);
        const plan = planRemove(read);
        if (!plan.ok) throw new ClientsError('blocked', plan.blocked.message);
        const backupPath = plan.change === 'none' ? undefined : commit(read, plan);
        const tokenRevoked = tokens.revoke(tokenName(spec));
        const text =
          plan.change === 'none'
            ? `${spec.label} had no entry of ours in ${read.path}.`
            : `Removed "worksection" from ${read.path}. Restart ${spec.label} so it lets go of the server.`;
        return {
          client: id,
          path: read.path,
          change: plan.change,
          ...(backupPath ? { backupPath } : {}),
          tokenName: tokenName(spec),
          tokenRevoked,
          message: tokenRevoked ? `${text} Its token "${tokenName(spec)}" was revoked.` : text,
        };
      });
    },

    copy(id: string, kind: 'config' | 'link' | 'command' | 'token', scope: Scope = 'write'): CopyResponse {
      const spec = specOf(id);
      const preview = entryFor(spec, NEW_TOKEN);
      const action = actionsFor(spec.id, preview).find((a) => a.kind === kind);
      if ((kind === 'link' || kind === 'command') && !action) {
        throw new ClientsError(
          'not-available',
          `${spec.label} has no one-click ${kind}; use "Copy config" or Connect`,
        );
      }
      const reuse = reusable(readConfig(spec, os), scope);
      const token = reuse ?? freshToken(spec, scope);
      const entry = entryFor(spec, token);
      const text =
        kind === 'token'
          ? token
          : kind === 'config'
            ? snippet(spec, entry)
            : actionsFor(spec.id, entry).find((a) => a.kind === kind)!.text;
      const where = kind === 'config' ? `Paste it into ${spec.configPath(os)}. ` : '';
      return {
        client: id,
        text,
        tokenName: tokenName(spec),
        tokenCreated: !reuse,
        note: `${where}It holds the token "${tokenName(spec)}"${reuse ? '' : ' (new: any earlier copy stops working)'}; keep it private.`,
      };
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
