// The serving process's live figures, written to the store every few seconds so another process
// (`wsmcp status`) can show what only the server knows: queue depth, waits, cache hit rates since start.
// A row is written only when the figures changed, and at least once a minute as a heartbeat, so an idle
// server costs next to nothing; stop() marks it stopped. A reader trusts the row only while its pid
// holds the data dir lock and the heartbeat is recent.
import type { Db } from './db.js';
import { isDiskFull } from './disk-full.js';
import type { StoreStats } from './stats.js';

export interface ServerInfo {
  mcpUrl?: string;
  demo?: boolean;
}

export interface RuntimeStatus {
  pid: number;
  startedAt: number;
  updatedAt: number;
  stoppedAt: number | undefined;
  info: ServerInfo;
  stats: StoreStats;
}

export interface StatusPublisherOptions {
  collect(): StoreStats;
  info: ServerInfo;
  /** How often the figures are looked at, ms. Default 5 s. */
  everyMs?: number;
  /** The longest gap between two writes (the heartbeat), ms. Default 60 s. */
  heartbeatMs?: number;
  now?: () => number;
  pid?: number;
  onError?: (err: unknown) => void;
}

export interface StatusPublisher {
  /** Writes now (when changed or due); answers whether it wrote. */
  publish(force?: boolean): boolean;
  /** Stops the timer and marks the row stopped. */
  stop(): void;
}

const DEFAULT_STATUS_EVERY_MS = 5_000;
const DEFAULT_HEARTBEAT_MS = 60_000;

export function startStatusPublisher(db: Db, opts: StatusPublisherOptions): StatusPublisher {
  const now = opts.now ?? Date.now;
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const startedAt = now();
  const upsert = db.prepare(
    `INSERT INTO runtime_status (id, pid, started_at, updated_at, stopped_at, info, stats)
     VALUES (1, @pid, @startedAt, @updatedAt, NULL, @info, @stats)
     ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
       updated_at = excluded.updated_at, stopped_at = NULL, info = excluded.info, stats = excluded.stats`,
  );
  const markStopped = db.prepare('UPDATE runtime_status SET stopped_at = ? WHERE id = 1 AND pid = ?');
  const pid = opts.pid ?? process.pid;
  const info = JSON.stringify(opts.info);
  let lastFigures = '';
  let lastWrite = -Infinity;
  let stopped = false;

  const publish = (force = false): boolean => {
    if (stopped) return false;
    try {
      const stats = opts.collect();
      // The snapshot time changes every time; what matters is whether any figure did.
      const figures = JSON.stringify({ ...stats, at: undefined });
      const at = now();
      if (!force && figures === lastFigures && at - lastWrite < heartbeatMs) return false;
      upsert.run({ pid, startedAt, updatedAt: at, info, stats: JSON.stringify(stats) });
      lastFigures = figures;
      lastWrite = at;
      return true;
    } catch (err) {
      // A full disk or a busy store must not take the server down; the next tick tries again.
      if (!isDiskFull(err)) opts.onError?.(err);
      return false;
    }
  };

  publish(true);
  const timer = setInterval(() => publish(), opts.everyMs ?? DEFAULT_STATUS_EVERY_MS);
  timer.unref();
  return {
    publish,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      try {
        markStopped.run(now(), pid);
      } catch (err) {
        opts.onError?.(err);
      }
    },
  };
}

/** The last published row, or undefined (never published, or a store from before this table). */
export function readRuntimeStatus(db: Db): RuntimeStatus | undefined {
  let row: Record<string, unknown> | undefined;
  try {
    row = db.prepare('SELECT * FROM runtime_status WHERE id = 1').get() as typeof row;
  } catch {
    return undefined;
  }
  if (!row) return undefined;
  return {
    pid: row.pid as number,
    startedAt: row.started_at as number,
    updatedAt: row.updated_at as number,
    stoppedAt: (row.stopped_at as number | null) ?? undefined,
    info: JSON.parse(row.info as string) as ServerInfo,
    stats: JSON.parse(row.stats as string) as StoreStats,
  };
}

/** Whether a row still describes a running server: not stopped, and heard from within a few heartbeats. */
export function isLive(status: RuntimeStatus, nowMs: number, heartbeatMs = DEFAULT_HEARTBEAT_MS): boolean {
  return status.stoppedAt === undefined && nowMs - status.updatedAt <= 2 * heartbeatMs + 10_000;
}
