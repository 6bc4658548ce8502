// Reading a download as a stream. The scheduler governs a download until its headers arrive (rate, retries,
// the attempt timeout); the body then belongs to the caller, read chunk by chunk with a byte limit that
// ends the transfer as soon as it is crossed (a declared Content-Length over the limit ends it before any
// byte is read), an idle timeout for a server that stalls mid-body, and the caller's signal.
import { CancelledError, UpstreamUnavailableError } from './errors.js';

/** The file is larger than the caller's limit; the transfer was stopped. */
export class FileTooLargeError extends Error {
  constructor(
    readonly fileId: string,
    readonly limitBytes: number,
    /** The size the server declared (Content-Length), when it did. */
    readonly declaredBytes?: number,
  ) {
    super(
      `file ${fileId} is larger than the ${limitBytes}-byte limit` +
        (declaredBytes === undefined ? '' : ` (${declaredBytes} bytes)`),
    );
    this.name = 'FileTooLargeError';
  }
}

export interface DownloadHead {
  filename: string;
  /** As the server sent it (Worksection says application/x-download for everything). */
  contentType: string;
  etag: string | undefined;
  /** Content-Length, when the server declared one. */
  size: number | undefined;
}

export interface DownloadStream extends DownloadHead {
  /** The bytes, once. Throws FileTooLargeError past the limit, UpstreamUnavailableError on a lost or stalled
   * connection, CancelledError when the caller's signal fires. */
  body: AsyncIterable<Uint8Array>;
  /** Ends the transfer without reading (or finishing) the body. */
  cancel(): void;
}

export interface BodyOptions {
  fileId: string;
  maxBytes: number | undefined;
  idleTimeoutMs: number;
  /** Aborts the underlying fetch. */
  transfer: AbortController;
  /** The caller's signal: its abort is a cancellation, not a failure. */
  signal: AbortSignal | undefined;
  /** Runs once when the body is done with, however it ended. */
  finished(): void;
}

/** Content-Length as a number, or undefined when absent or malformed. */
export function declaredLength(res: Response): number | undefined {
  const raw = res.headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

export function limitedBody(res: Response, opts: BodyOptions): AsyncIterable<Uint8Array> {
  const { fileId, maxBytes, transfer } = opts;
  let idle = false;
  return {
    async *[Symbol.asyncIterator]() {
      const timer = setTimeout(() => {
        idle = true;
        transfer.abort(new Error('download stalled'));
      }, opts.idleTimeoutMs);
      timer.unref();
      let received = 0;
      let complete = false;
      try {
        if (!res.body) {
          complete = true;
          return;
        }
        for await (const chunk of res.body) {
          timer.refresh();
          received += chunk.byteLength;
          if (maxBytes !== undefined && received > maxBytes) throw new FileTooLargeError(fileId, maxBytes);
          yield chunk;
        }
        complete = true;
      } catch (err) {
        if (err instanceof FileTooLargeError) throw err;
        if (opts.signal?.aborted) throw new CancelledError('download', true, { cause: opts.signal.reason });
        const reason = idle ? 'timeout' : 'network';
        throw new UpstreamUnavailableError('download', { attempts: 1, reason }, { cause: err });
      } finally {
        clearTimeout(timer);
        // Stopped early (limit, consumer gave up, error): end the connection rather than drain it.
        if (!complete) transfer.abort(new Error('download stopped'));
        opts.finished();
      }
    },
  };
}

/** Aborts `target` when `source` aborts; answers the function that stops forwarding. */
export function forwardAbort(source: AbortSignal | undefined, target: AbortController): () => void {
  if (!source) return () => undefined;
  if (source.aborted) {
    target.abort(source.reason);
    return () => undefined;
  }
  const onAbort = () => target.abort(source.reason);
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}
