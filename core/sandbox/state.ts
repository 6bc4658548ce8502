// The live parts of one running sandbox, shared by its route modules.
import type { FaultInjector } from './faults.js';
import type { SandboxData } from './model.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import type { RequestLog } from './request-log.js';
import type { TokenStore } from './tokens.js';

interface OAuthClient {
  id: string;
  secret: string;
}

export interface SandboxState {
  data: SandboxData;
  apiKey: string;
  client: OAuthClient;
  tokens: TokenStore;
  limiter: SlidingWindowLimiter;
  faults: FaultInjector;
  log: RequestLog;
  holds: HeldRequests;
  now: () => number;
  /** The sandbox's own base URL, known once it listens; OAuth answers give it as account_url. */
  url: string;
}

export type HoldEnd = 'aborted' | 'elapsed' | 'closed';

/**
 * Requests held open by the timeout and latency faults; close() releases them, or the server would not
 * stop until the last one ends.
 */
export class HeldRequests {
  private readonly waiting = new Set<(end: HoldEnd) => void>();
  private closed = false;

  /** Waits `ms`, or less if the client disconnects or the sandbox closes. */
  wait(signal: AbortSignal, ms: number): Promise<HoldEnd> {
    if (this.closed) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const finish = (end: HoldEnd): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiting.delete(finish);
        resolve(end);
      };
      const onAbort = (): void => finish('aborted');
      const timer = setTimeout(() => finish('elapsed'), ms);
      this.waiting.add(finish);
      if (signal.aborted) finish('aborted');
      else signal.addEventListener('abort', onAbort);
    });
  }

  get size(): number {
    return this.waiting.size;
  }

  releaseAll(): void {
    this.closed = true;
    for (const finish of [...this.waiting]) finish('closed');
  }
}
