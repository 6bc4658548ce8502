// Injected failures, so the product's client is tested against the bad days of a real server: slow
// answers, nginx 5xx pages, requests that never answer, truncated JSON, sudden token expiry and bursts of
// 429. Shares are drawn from a seeded PRNG so a test sees the same sequence on every run.
import { z } from 'zod';

export interface FaultSettings {
  latencyMs: number;
  /** Share of API requests answered 502/503 by "nginx". */
  errorRate: number;
  /** Share of API requests that never answer until the client gives up (capped at 60 s). */
  timeoutRate: number;
  /** Share of API requests answered 200 with a truncated JSON body. */
  malformedRate: number;
  /** Answer the next N API requests with 429. */
  rateLimitBurst?: number;
}

export interface SandboxFaults {
  set(f: Partial<FaultSettings>): void;
  reset(): void;
  expireAccessTokens(): void;
  revokeRefreshToken(token: string): void;
}

export const faultSettingsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    errorRate: z.number().min(0).max(1),
    timeoutRate: z.number().min(0).max(1),
    malformedRate: z.number().min(0).max(1),
    rateLimitBurst: z.number().int().min(0),
  })
  .strict()
  .partial();

export type FaultDecision = 'none' | 'error' | 'timeout' | 'malformed';

const DEFAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  rateLimitBurst: 0,
};

/** mulberry32: tiny, fast and good enough to pick which requests fail. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultHooks {
  /** Returns how many live access tokens were expired. */
  expireAccessTokens(): number;
  /** Returns whether the token was live. */
  revokeRefreshToken(token: string): boolean;
}

export class FaultInjector implements SandboxFaults {
  private settings: FaultSettings = { ...DEFAULTS };
  private random: () => number;

  constructor(
    private readonly seed: number,
    private readonly hooks: FaultHooks,
  ) {
    this.random = mulberry32(seed);
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  set(f: Partial<FaultSettings>): void {
    const parsed = faultSettingsSchema.safeParse(f);
    if (!parsed.success) throw new RangeError(`invalid fault settings: ${z.prettifyError(parsed.error)}`);
    const next = { ...this.settings, ...stripUndefined(parsed.data) };
    if (next.errorRate + next.timeoutRate + next.malformedRate > 1)
      throw new RangeError('invalid fault settings: errorRate + timeoutRate + malformedRate exceeds 1');
    this.settings = next;
  }

  /** Back to no faults, and the PRNG back to its seed so a test can replay a sequence. */
  reset(): void {
    this.settings = { ...DEFAULTS };
    this.random = mulberry32(this.seed);
  }

  expireAccessTokens(): number {
    return this.hooks.expireAccessTokens();
  }

  revokeRefreshToken(token: string): boolean {
    return this.hooks.revokeRefreshToken(token);
  }

  latencyMs(): number {
    return this.settings.latencyMs;
  }

  /** True when this request is one of the forced 429 burst. */
  takeBurst(): boolean {
    const left = this.settings.rateLimitBurst ?? 0;
    if (left <= 0) return false;
    this.settings.rateLimitBurst = left - 1;
    return true;
  }

  /** One draw per API request, made only while some share is set, so sequences replay exactly. */
  draw(): FaultDecision {
    const { errorRate, timeoutRate, malformedRate } = this.settings;
    if (errorRate + timeoutRate + malformedRate <= 0) return 'none';
    const r = this.random();
    if (r < errorRate) return 'error';
    if (r < errorRate + timeoutRate) return 'timeout';
    if (r < errorRate + timeoutRate + malformedRate) return 'malformed';
    return 'none';
  }

  /** A gateway failure as nginx in front of Worksection would send it: a 502 or 503, HTML or JSON. */
  gatewayError(): Response {
    const status = this.random() < 0.5 ? 502 : 503;
    if (this.random() < 0.5) return nginxPage(status);
    // SYNTHETIC body: what an upstream PHP error page might carry; clients must not rely on it.
    return new Response(JSON.stringify({ status: 'error', message: 'Service temporarily unavailable' }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
}

const REASONS: Record<number, string> = {
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function nginxPage(status: number): Response {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(html, { status, headers: { 'content-type': 'text/html' } });
}

/** A JSON body cut in half: always invalid, since the closing bracket is gone. */
export function truncateJson(json: string): string {
  return json.slice(0, Math.max(1, Math.min(json.length - 1, Math.floor(json.length / 2))));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
