// What the sandbox was asked and what it answered, for tests and benchmarks that assert on the product's
// traffic (e.g. "never more than 1 request per second", "refreshed exactly once"). Kept in memory and
// bounded; rows never hold a secret, only a token hint.

export interface SandboxRequest {
  /** Epoch ms when the request arrived. */
  time: number;
  action: string | null;
  path: string;
  /** Short non-secret hint: 'admin', a few trailing chars of the token, or '' when none was sent. */
  token: string;
  /** HTTP status (499 when the client gave up on a held request). */
  status: number;
  apiStatus?: 'ok' | 'error';
  statusCode?: number;
}

export type FaultKind = 'latency' | 'error' | 'timeout' | 'malformed' | 'burst' | 'expire' | 'revoke';

export interface SandboxCounters {
  total: number;
  byAction: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  faults: Record<FaultKind, number>;
}

function emptyCounters(): SandboxCounters {
  return {
    total: 0,
    byAction: {},
    byStatus: {},
    rateLimited: 0,
    faults: { latency: 0, error: 0, timeout: 0, malformed: 0, burst: 0, expire: 0, revoke: 0 },
  };
}

export class RequestLog {
  private log: SandboxRequest[] = [];
  private counts = emptyCounters();

  constructor(private readonly max = 100_000) {}

  add(row: SandboxRequest): void {
    this.log.push(row);
    // Trim in chunks so a full log does not cost a shift per request.
    if (this.log.length > this.max + Math.ceil(this.max / 10)) this.log = this.log.slice(-this.max);
    const c = this.counts;
    c.total++;
    const key = row.action ?? row.path;
    c.byAction[key] = (c.byAction[key] ?? 0) + 1;
    c.byStatus[row.status] = (c.byStatus[row.status] ?? 0) + 1;
    if (row.status === 429) c.rateLimited++;
  }

  countFault(kind: FaultKind): void {
    this.counts.faults[kind]++;
  }

  rows(since?: number): SandboxRequest[] {
    const rows = this.log.length > this.max ? this.log.slice(-this.max) : this.log;
    return (since === undefined ? rows : rows.filter((r) => r.time >= since)).map((r) => ({ ...r }));
  }

  clear(): void {
    this.log = [];
  }

  counters(): SandboxCounters {
    return structuredClone(this.counts);
  }

  resetCounters(): void {
    this.counts = emptyCounters();
  }
}
