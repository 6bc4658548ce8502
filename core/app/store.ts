// The parts of the local store the composition root wires beside the database: the file cache (with its
// hourly sweep), the live figures a serving process publishes for `wsmcp status`, and the message shown
// when a damaged store was set aside. Kept here so app.ts only connects them.
import { join } from 'node:path';
import type { Config } from '../config.js';
import { sniff } from '../files/extract/sniff.js';
import { FileCache, MB } from '../store/file-cache.js';
import type { Db } from '../store/db.js';
import { startStatusPublisher, type ServerInfo, type StatusPublisher } from '../store/runtime-status.js';
import { collectStats, type StatsSources } from '../store/stats.js';

const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 3_600_000;

/** The file cache of `storeDir` (blobs in <storeDir>/files) and the timer that sweeps it hourly. */
export function openFileCache(
  config: Config,
  storeDir: string,
  db: Db,
  account: string,
  log: (line: string) => void,
): { cache: FileCache; close(): void } {
  const fc = config.fileCache;
  const cache = new FileCache({
    db,
    dir: join(storeDir, 'files'),
    account,
    maxTotalBytes: fc.maxMb * MB,
    maxFileBytes: fc.maxFileMb * MB,
    retentionMs: fc.retentionDays * DAY_MS,
    sniff: (bytes, name) => sniff(bytes, name).mimeType,
    warn: log,
  });
  // Retention must apply to an idle app too, not only when the next file arrives.
  const timer = setInterval(() => {
    try {
      cache.sweep();
    } catch (err) {
      log(`[warn] file cache sweep failed: ${(err as Error).message}`);
    }
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { cache, close: () => clearInterval(timer) };
}

/** Publishes the serving process's figures to the store every few seconds (and marks them stopped). */
export function publishStatus(
  db: Db,
  sources: StatsSources,
  info: ServerInfo,
  log: (line: string) => void,
): StatusPublisher {
  return startStatusPublisher(db, {
    collect: () => collectStats(sources),
    info,
    onError: (err) => log(`[warn] could not publish the status figures: ${(err as Error).message}`),
  });
}

/** What the user reads when the store was damaged and replaced on start. */
export function recoveredMessage(e: { file: string; movedTo: string; reason: string }): string {
  return (
    `[warn] the data store ${e.file} was damaged (${e.reason}). It was moved aside to ${e.movedTo} and a ` +
    'fresh store was created. Settings, MCP client tokens, caches and the call log start over: create ' +
    'client tokens again with `wsmcp token create`. The Worksection sign-in is kept (it lives in the vault).'
  );
}
