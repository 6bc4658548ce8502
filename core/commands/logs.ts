// `wsmcp logs`: the call log, headless. It opens the store read-only, so it works beside a running server
// (which keeps writing: SQLite WAL), and --follow polls for rows committed since, like `tail -f`.
import { existsSync } from 'node:fs';
import { storeLocation } from '../data-dir/paths.js';
import type { CallLogFilter, CallStatus } from '../store/call-log.js';
import { CALL_STATUSES } from '../store/call-log-entry.js';
import {
  DATA_DIR_FLAGS,
  dataDirConfigOrExit,
  EXIT_FAILURE,
  fail,
  onSignal,
  parseFlags,
  usageFailure,
  UsageError,
} from './command-support.js';
import { parseSince, rowFormatter, type OutputFormat } from './logs-format.js';

export const USAGE = `Usage: wsmcp logs [options]

Shows the MCP requests the server answered (tool calls, resource reads, prompt gets), oldest first:
client, request, status, duration, upstream requests, cache hits, bytes returned.

Options:
  -f, --follow      keep printing new requests as they are answered (Ctrl-C stops)
  -n, --limit N     how many of the latest requests to show first (default 50)
  --json            one JSON object per line (JSON Lines)
  --csv             CSV with a header line
  --tool NAME       only this tool (or prompt name, or resource URI)
  --client NAME     only requests of this client token
  --status S        only ok, tool_error or protocol_error
  --since T         only requests since T: an ISO time or an age like 15m, 2h, 7d
  --data-dir D      the data dir of the server whose log to read
  --demo            the demo server's log (\`wsmcp serve --demo\`) instead
  -h, --help        show this help`;

const COMMAND = 'logs';
const POLL_MS = 250;
const FOLLOW_PAGE = 1_000;

interface Options {
  follow: boolean;
  limit: number;
  format: OutputFormat;
  filter: CallLogFilter;
}

function options(values: Record<string, string | boolean | undefined>): Options {
  const str = (key: string) => values[key] as string | undefined;
  const limitText = str('limit') ?? '50';
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 1000, got "${limitText}"`);
  }
  if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
  const status = str('status');
  if (status !== undefined && !CALL_STATUSES.includes(status as CallStatus)) {
    throw new UsageError(`--status must be one of ${CALL_STATUSES.join(', ')}, got "${status}"`);
  }
  const sinceText = str('since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, Date.now());
  if (sinceText !== undefined && since === undefined) {
    throw new UsageError(`--since must be an ISO time or an age like 15m, 2h or 7d, got "${sinceText}"`);
  }
  const filter: CallLogFilter = {};
  if (str('tool') !== undefined) filter.target = str('tool');
  if (str('client') !== undefined) filter.client = str('client');
  if (status !== undefined) filter.status = status as CallStatus;
  if (since !== undefined) filter.since = since;
  return {
    follow: values.follow === true,
    limit: Number(limitText),
    format: values.json ? 'json' : values.csv ? 'csv' : 'text',
    filter,
  };
}

export async function main(argv: string[]): Promise<number> {
  let values;
  let opts: Options;
  try {
    ({ values } = parseFlags(argv, {
      follow: { type: 'boolean', short: 'f' },
      limit: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      tool: { type: 'string' },
      client: { type: 'string' },
      status: { type: 'string' },
      since: { type: 'string' },
      ...DATA_DIR_FLAGS,
    }));
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    opts = options(values);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(COMMAND, err);
    throw err;
  }
  const config = dataDirConfigOrExit(COMMAND, values);
  if (typeof config === 'number') return config;
  const file = storeLocation(config).dbFile;
  if (!existsSync(file)) {
    const hint = config.demo ? '' : ' (the demo server keeps its own: add --demo)';
    return fail(COMMAND, `no store at ${file}: no server has run with this data dir yet${hint}`);
  }

  const { openCallLogFile } = await import('../store/call-log-file.js');
  let log;
  try {
    log = openCallLogFile(file);
  } catch (err) {
    return fail(COMMAND, `cannot read ${file}: ${(err as Error).message}`);
  }
  if (!log) {
    return fail(COMMAND, `${file} has no call log yet; it appears once this version of wsmcp has served`);
  }
  try {
    const format = rowFormatter(opts.format);
    const out = (text: string) => void process.stdout.write(text);
    // `wsmcp logs | head` closes the pipe early: that ends the command, it is not a failure.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
    });

    const first = log.latest(opts.filter, opts.limit);
    if (format.header && (first.length > 0 || opts.follow || opts.format === 'csv')) out(format.header);
    for (const row of first) out(format.line(row));
    if (first.length === 0 && opts.format === 'text' && !opts.follow) {
      console.log(Object.keys(opts.filter).length ? 'No logged requests match.' : 'No requests logged yet.');
    }
    if (!opts.follow) return 0;

    const following = log;
    return await new Promise<number>((resolve) => {
      const timer = setInterval(() => {
        try {
          for (const row of following.next(opts.filter, FOLLOW_PAGE)) out(format.line(row));
        } catch (err) {
          finish(fail(COMMAND, `cannot read the log: ${(err as Error).message}`));
        }
      }, POLL_MS);
      const signal = onSignal(async () => finish(0));
      const finish = (code: number) => {
        clearInterval(timer);
        signal.dispose();
        resolve(code);
      };
    });
  } catch (err) {
    return fail(COMMAND, (err as Error).message, EXIT_FAILURE);
  } finally {
    log.close();
  }
}
