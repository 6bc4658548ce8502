// Retry timing: capped exponential backoff with full jitter (delay uniform in [0, min(cap, base·2^n))), so
// callers that failed together do not come back together, and Retry-After parsing for 429 answers.

export interface RetryPolicy {
  /** Attempts per request, the first one included. Default 4. */
  maxAttempts: number;
  /** Backoff base in ms. Default 500. */
  baseMs: number;
  /** Backoff ceiling in ms. Default 10 000. */
  capMs: number;
  /** Per-attempt timeout in ms (connect, answer and body). Default 30 000. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseMs: 500,
  capMs: 10_000,
  timeoutMs: 30_000,
};

/** Delay before the next attempt after `failures` failed attempts (1 after the first failure). */
export function backoffDelay(
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowEpochMs = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowEpochMs);
}
