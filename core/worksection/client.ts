// The typed Worksection client: `call(action, params)` answers the action's success envelope, validated
// against its schema, and throws the typed errors of errors.ts for everything else. Every request goes
// through the account's one Scheduler, which owns rate, fairness, coalescing, retries and token renewal.
import { ACTIONS } from './actions.js';
import { createSigner, type ClientAuth, type Signer } from './auth.js';
import {
  declaredLength,
  FileTooLargeError,
  forwardAbort,
  limitedBody,
  type DownloadHead,
  type DownloadStream,
} from './download-stream.js';
import { BadResponseError } from './errors.js';
import { Scheduler, type SchedulerOptions } from './scheduler/scheduler.js';
import type { ActionResponse, JsonActionName } from './schemas.js';
import { parseAnswer } from './tolerant-parse.js';
import {
  encodeParams,
  readBody,
  readEnvelope,
  readKey,
  send,
  type Pairs,
  type WsParams,
} from './transport.js';

export { FileTooLargeError, type DownloadStream } from './download-stream.js';
export type { ActionResponse, JsonActionName } from './schemas.js';
export type { WsParams } from './transport.js';

export interface WorksectionClientOptions {
  /** https://<name>.worksection.com (or a sandbox URL). */
  accountUrl: string;
  auth: ClientAuth;
  /** Rate, retry policy, clock. The token refresh is wired in from `auth`. */
  scheduler?: Omit<SchedulerOptions, 'refreshAuth'>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Fairness key: the MCP session or client this call serves. */
  caller?: string;
  /** The scheduler's low-priority lane (the mirror's sync): only slots foreground calls leave. */
  background?: boolean;
}

export interface DownloadStreamOptions extends CallOptions {
  /** The transfer stops (FileTooLargeError) as soon as the body passes this many bytes. */
  maxBytes?: number;
  /** A body that sends nothing for this long fails as a timeout. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface DownloadedFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
  etag: string | undefined;
}

// Names the client adds itself; a caller passing them is a bug.
const RESERVED = new Set(['action', 'hash', 'access_token']);

export class WorksectionClient {
  readonly scheduler: Scheduler;
  private readonly signer: Signer;
  /** Download bodies being read: close() ends them too. */
  private readonly transfers = new Set<AbortController>();

  constructor(options: WorksectionClientOptions) {
    this.signer = createSigner(options.accountUrl, options.auth);
    this.scheduler = new Scheduler({ ...options.scheduler, refreshAuth: this.signer.refresh });
  }

  get mode(): 'oauth' | 'admin' {
    return this.signer.mode;
  }

  call<A extends JsonActionName>(
    action: A,
    params: WsParams = {},
    opts: CallOptions = {},
  ): Promise<ActionResponse<A>> {
    const pairs = this.encode(params);
    const effect = ACTIONS[action].effect;
    return this.scheduler.schedule({
      action,
      effect,
      caller: opts.caller,
      background: opts.background,
      signal: opts.signal,
      coalesceKey: effect === 'read' ? readKey(action, pairs) : undefined,
      attempt: async ({ signal, sent }) => {
        const res = await send(await this.signer.prepare(action, pairs, effect), signal, sent);
        const body = await readEnvelope(res, { action, effect, mode: this.signer.mode, signal });
        const parsed = parseAnswer(action, body);
        if (!parsed.success) {
          throw new BadResponseError(action, { reason: 'schema_mismatch', issues: parsed.issues });
        }
        return parsed.data;
      },
    });
  }

  /** The bytes of a file. Worksection answers errors (e.g. 4 "File not found") as JSON. */
  download(fileId: string | number, opts: CallOptions = {}): Promise<DownloadedFile> {
    const action = 'download';
    const pairs = this.encode({ id_file: fileId });
    return this.scheduler.schedule({
      action,
      effect: 'read',
      caller: opts.caller,
      signal: opts.signal,
      coalesceKey: readKey(action, pairs),
      attempt: async ({ signal, sent }) => {
        const res = await send(await this.signer.prepare(action, pairs, 'read'), signal, sent);
        const head = await this.fileHead(res, fileId, signal);
        const bytes = new Uint8Array(await readBody(res, signal, () => res.arrayBuffer()));
        return { bytes, filename: head.filename, contentType: head.contentType, etag: head.etag };
      },
    });
  }

  /**
   * A file as a stream, for callers that write it somewhere (the file cache) and must stop a transfer that
   * passes `maxBytes`. Never shared with another caller (a body can be read once), so not coalesced.
   */
  async downloadStream(fileId: string | number, opts: DownloadStreamOptions = {}): Promise<DownloadStream> {
    const action = 'download';
    const id = String(fileId);
    const pairs = this.encode({ id_file: fileId });
    // Outlives the scheduler's attempt: after the headers, only the caller (signal, cancel) or close() end it.
    const transfer = new AbortController();
    this.transfers.add(transfer);
    const unlinkCaller = forwardAbort(opts.signal, transfer);
    const finished = () => {
      unlinkCaller();
      this.transfers.delete(transfer);
    };
    let opened: { res: Response; head: DownloadHead; fetchCtl: AbortController };
    try {
      opened = await this.scheduler.schedule({
        action,
        effect: 'read',
        caller: opts.caller,
        signal: opts.signal,
        attempt: async ({ signal, sent }) => {
          const fetchCtl = new AbortController();
          const unlinkAttempt = forwardAbort(signal, fetchCtl);
          const unlinkTransfer = forwardAbort(transfer.signal, fetchCtl);
          try {
            const res = await send(await this.signer.prepare(action, pairs, 'read'), fetchCtl.signal, sent);
            const head = await this.fileHead(res, fileId, fetchCtl.signal);
            if (opts.maxBytes !== undefined && head.size !== undefined && head.size > opts.maxBytes) {
              fetchCtl.abort(new Error('download over the limit'));
              throw new FileTooLargeError(id, opts.maxBytes, head.size);
            }
            return { res, head, fetchCtl };
          } catch (err) {
            // On success the link stays: cancel() and close() end the body through it.
            unlinkTransfer();
            throw err;
          } finally {
            unlinkAttempt();
          }
        },
      });
    } catch (err) {
      finished();
      throw err;
    }
    const { res, head, fetchCtl } = opened;
    let done = false;
    const finishOnce = () => {
      if (done) return;
      done = true;
      finished();
    };
    return {
      ...head,
      body: limitedBody(res, {
        fileId: id,
        maxBytes: opts.maxBytes,
        idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
        transfer: fetchCtl,
        signal: opts.signal,
        finished: finishOnce,
      }),
      cancel() {
        fetchCtl.abort(new Error('download cancelled'));
        finishOnce();
      },
    };
  }

  /** Cancels queued and running requests; the client cannot be used afterwards. */
  close(): void {
    this.scheduler.close();
    for (const transfer of this.transfers) transfer.abort(new Error('client closed'));
    this.transfers.clear();
  }

  // Worksection answers errors as JSON even here; anything but bytes is an error.
  private async fileHead(res: Response, fileId: string | number, signal: AbortSignal): Promise<DownloadHead> {
    const action = 'download';
    const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
    if (res.status !== 200 || /\bjson\b/i.test(contentType)) {
      await readEnvelope(res, { action, effect: 'read', mode: this.signer.mode, signal });
      // An "ok" envelope instead of bytes is not something download can return.
      throw new BadResponseError(action, { reason: 'schema_mismatch', httpStatus: res.status });
    }
    return {
      filename: filenameOf(res.headers.get('content-disposition')) ?? `file-${fileId}`,
      contentType,
      etag: res.headers.get('etag') ?? undefined,
      size: declaredLength(res),
    };
  }

  private encode(params: WsParams): Pairs {
    for (const key of Object.keys(params)) {
      if (RESERVED.has(key)) throw new TypeError(`param "${key}" is set by the client, not the caller`);
    }
    return encodeParams(params);
  }
}

export function createWorksectionClient(options: WorksectionClientOptions): WorksectionClient {
  return new WorksectionClient(options);
}

/** The filename of a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` first, then `filename=`. */
export function filenameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name || undefined;
}
