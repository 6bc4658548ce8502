// Single-flight renewal of an expired OAuth access token for one account. The first "expired" 401 starts
// a refresh, 401s meanwhile join it, and a 401 on an attempt that started before a completed renewal just
// retries with the new token. Refresh tokens rotate and the old tokens die with them, so an
// attempt still in flight with the old access token may come back "revoked" (AuthInvalidError): that too
// is about a token we no longer hold, not a reason to give up.
import { untilAborted } from './abort.js';
import type { Clock } from './clock.js';
import { AuthExpiredError, AuthInvalidError, isWorksectionError, type WorksectionError } from '../errors.js';

export type RenewalDecision =
  /** Give up with this error. */
  | { kind: 'fail'; error: WorksectionError }
  /** The token changed since the attempt started: retry now. */
  | { kind: 'retry' }
  /** Retry once `renewal` resolves; fail with renewalError() if it rejects. */
  | { kind: 'wait'; renewal: Promise<void> };

export interface AttemptAuth {
  /** `generation` when the attempt started. */
  generation: number;
  startedAt: number;
}

// After a refresh failed, further 401s fail at once for this long instead of hammering the token endpoint
// (the sign-in layer normally reports "signed out" by then anyway).
const FAILURE_MEMO_MS = 30_000;

export class TokenRenewal {
  /** Bumped by every successful refresh: attempts remember it to tell old tokens from current ones. */
  generation = 0;
  private pending: Promise<void> | undefined;
  private failure: { at: number; error: unknown } | undefined;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    /** Called when a refresh settles, success or not (the scheduler resumes starting requests). */
    private readonly onSettled: () => void,
  ) {}

  /** True while a refresh is running; no request should start with the token it is replacing. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  decide(action: string, error: AuthExpiredError | AuthInvalidError, attempt: AttemptAuth): RenewalDecision {
    const stale = attempt.generation !== this.generation;
    if (stale) return { kind: 'retry' };
    if (this.pending) return { kind: 'wait', renewal: this.pending };
    if (error instanceof AuthInvalidError) return { kind: 'fail', error };
    const failed = this.failure;
    if (failed && attempt.startedAt <= failed.at + FAILURE_MEMO_MS) {
      return { kind: 'fail', error: renewalError(action, failed.error) };
    }
    return { kind: 'wait', renewal: this.start() };
  }

  private start(): Promise<void> {
    const run = async () => {
      try {
        await untilAborted(() => this.refresh(), this.clock.timeout(this.timeoutMs));
        this.generation++;
        this.failure = undefined;
      } catch (e) {
        this.failure = { at: this.clock.now(), error: e };
        throw e;
      } finally {
        this.pending = undefined;
        this.onSettled();
      }
    };
    this.pending = run();
    return this.pending;
  }
}

/** What a request waiting on a failed refresh is told: sign in again, or try later when unreachable. */
export function renewalError(action: string, cause: unknown): WorksectionError {
  if (cause instanceof AuthInvalidError) {
    return new AuthInvalidError(action, 'the refresh token was refused', { cause });
  }
  // The token endpoint could not be reached (network, timeout): the grant may be fine, so this is "try
  // again later", not "sign in again".
  if (isWorksectionError(cause) && cause.kind === 'upstream_unavailable') return cause;
  return new AuthExpiredError(action, { cause });
}
