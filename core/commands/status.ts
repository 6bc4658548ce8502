// `wsmcp status`: the sign-in (account/status.ts, from the vault), whether a server is running on this data
// dir, and how the store, the caches, the upstream budget and the clients are doing. It opens the store
// read-only, so it works beside a running server (whose live figures it reads from the snapshot the server
// publishes) and changes nothing.
import { existsSync } from 'node:fs';
import { storeLocation } from '../data-dir/paths.js';
import { humanSize } from '../mcp/tools/shapes/file.js';
import type { CallCountsView, MirrorStats } from '../store/stats.js';
import { DATA_DIR_FLAGS, dataDirConfigOrExit, fail, readCommandLine } from './command-support.js';
import type { StatusReport } from '../store/status-report.js';

export const USAGE = `Usage: wsmcp status [options]

Shows the Worksection sign-in (account, mode, user, scopes and token expiry, secrets only as masked
hints, or why a sign-in is needed), whether a server is running on the data dir, the store's size, the
caches (entries, sizes, hit rates), the upstream request budget (requests in the last minute, queue,
waits) and the last 24 hours of MCP calls per tool and per client, with errors.

Options:
  --data-dir D      the data dir to look at
  --demo            the demo server's (\`wsmcp serve --demo\`) instead
  --json            machine-readable output
  -h, --help        show this help`;

const COMMAND = 'status';
const LABEL = 16;

const pct = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`;
const ms = (n: number): string => (n < 1_000 ? `${Math.round(n)} ms` : `${(n / 1_000).toFixed(1)} s`);
const line = (label: string, text: string): string => `${label.padEnd(LABEL)}${text}`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function top(list: CallCountsView[], n = 8): string {
  const shown = list
    .slice(0, n)
    .map((c) => `${c.name || '(none)'} ${c.calls}${c.errors ? ` (${plural(c.errors, 'error')})` : ''}`);
  return shown.join(', ') + (list.length > n ? `, and ${list.length - n} more` : '');
}

const MIRROR_STATE: Record<MirrorStats['state'], string> = {
  first_sync: 'first sync',
  syncing: 'syncing',
  idle: 'up to date',
  stopped: 'not syncing',
  error: 'sync failing, retrying',
};

function mirrorLine(m: MirrorStats): string {
  const o = m.objects;
  const left = m.requestsLeft > 0 ? `, ${m.requestsLeft} to go (~${Math.ceil(m.secondsLeft / 60)} min)` : '';
  return (
    `${MIRROR_STATE[m.state]}; ${plural(o.projects, 'project')}, ${plural(o.tasks, 'task')}, ` +
    `${plural(o.comments, 'comment')}; comments of ${m.commentsIndexedFor} of ${m.discussedTasks} discussed tasks; ` +
    `${plural(m.requestsToday, 'request')} today${left}` +
    (m.lastSyncAt ? `; last sync ${m.lastSyncAt}` : '') +
    (m.lastError ? `; last problem: ${m.lastError}` : '')
  );
}

export function formatStatus(r: StatusReport): string {
  const out: string[] = [];
  const s = r.server;
  out.push(
    line(
      'Server',
      s.running
        ? `running, pid ${s.pid}${s.startedAt ? ` since ${s.startedAt}` : ''}${s.info?.mcpUrl ? `, ${s.info.mcpUrl}` : ''}`
        : 'not running',
    ),
  );
  out.push(line('Store', `${r.store.file} (${humanSize(r.store.bytes)})`));
  const since = r.live ? ' since the server started' : '';
  const up = r.stats.upstream;
  if (up) {
    const limit = up.ratePerSecond === null ? 'no limit' : `limit ${up.ratePerSecond}/s`;
    out.push(
      line(
        'Upstream',
        `${plural(up.requestsLastMinute, 'request')} in the last minute (${limit}); ` +
          `${up.queued} queued, ${up.inFlight} in flight; waits p50 ${ms(up.wait.p50)}, p95 ${ms(up.wait.p95)}`,
      ),
    );
  }
  const rc = r.stats.responses;
  const rcStored = r.stored.responses;
  if (rc) {
    out.push(
      line(
        'Response cache',
        `${plural(rc.entries, 'answer')}, ${humanSize(rc.bytes)}; hit rate ${pct(rc.hits + rc.misses ? rc.hitRate : null)} ` +
          `(${rc.hits} hits, ${rc.misses} misses${since})`,
      ),
    );
  } else if (rcStored) {
    out.push(line('Response cache', `${plural(rcStored.entries, 'answer')}, ${humanSize(rcStored.bytes)}`));
  }
  const fc = r.stats.files;
  const fcStored = r.stored.files;
  if (fc) {
    out.push(
      line(
        'File cache',
        `${plural(fc.files, 'file')}, ${humanSize(fc.bytes)} of ${humanSize(fc.capBytes)}; ` +
          `hit rate ${pct(fc.hitRate)} (${fc.hits} hits, ${fc.misses} downloads${since})` +
          (fc.lastError ? `; last problem: ${fc.lastError.message}` : ''),
      ),
    );
  } else if (fcStored) {
    out.push(line('File cache', `${plural(fcStored.files, 'file')}, ${humanSize(fcStored.bytes)}`));
  }
  const mirror = r.stats.mirror;
  if (mirror) out.push(line('Mirror', mirrorLine(mirror)));
  const calls = r.stats.calls;
  if (calls) {
    out.push(
      line(
        'Calls (24 h)',
        `${plural(calls.calls, 'call')}, ${plural(calls.errors, 'error')}; ` +
          `${plural(calls.upstreamRequests, 'upstream request')}, ${plural(calls.cacheHits, 'cache hit')} ` +
          `(${pct(calls.cacheHitRate)} answered from held data)`,
      ),
    );
    if (calls.byTool.length) out.push(line('  by tool', top(calls.byTool)));
    if (calls.byClient.length) out.push(line('  by client', top(calls.byClient)));
  }
  if (s.running && !r.live) {
    out.push('', 'The running server has not published live figures (an older version, or just starting).');
  }
  return out.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(COMMAND, USAGE, argv, { json: { type: 'boolean' }, ...DATA_DIR_FLAGS });
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config = dataDirConfigOrExit(COMMAND, values);
  if (typeof config === 'number') return config;
  const { dir, dbFile } = storeLocation(config);
  // The sign-in first (issue 4): from the vault, read-only like the rest.
  const [{ accountSection }, { accountJson, formatAccount }] = await Promise.all([
    import('../account/status.js'),
    import('./status-account.js'),
  ]);
  const account = await accountSection(config);
  if (!values.json) console.log(formatAccount(account, LABEL).join('\n'));
  if (!existsSync(dbFile)) {
    const hint = config.demo ? '' : ' (the demo server keeps its own: add --demo)';
    const none = { account: accountJson(account), dataDir: dir, store: null, server: { running: false } };
    if (values.json) console.log(JSON.stringify(none));
    else console.log(`No store at ${dbFile} yet: no server has run with this data dir${hint}.`);
    return 0;
  }
  // Loaded only now so `--help` and usage errors stay instant.
  const { readStatusReport } = await import('../store/status-report.js');
  try {
    const report = readStatusReport({ dataDir: dir, dbFile });
    console.log(
      values.json ? JSON.stringify({ account: accountJson(account), ...report }) : formatStatus(report),
    );
    return 0;
  } catch (err) {
    return fail(COMMAND, `cannot read ${dbFile}: ${(err as Error).message}`);
  }
}
