// `npm run bench -- soak [--seconds N] [--clients N]`: `wsmcp serve --demo` under a steady load of real SDK
// clients over Streamable HTTP, each calling read tools back to back (a mix the cache mostly answers; the
// rest waits for Worksection's 1 request/s). One client first, then N clients (default 50) for N seconds
// (default 180); each phase prints its calls, errors, p50/p99 and the server's RSS at its start, middle
// and end. The engine's idle RSS after start comes first. Bounded: --seconds is capped at 600.
import { execFileSync } from 'node:child_process';
import { NO_BACKGROUND_SYNC, startServe, type RunningServe } from '../e2e/mcp/serve-process.js';
import { connect } from './mcp.js';

const DEFAULT_SECONDS = 180;
const SINGLE_SECONDS = 60;
const MAX_SECONDS = 600;
const IDLE_SETTLE_MS = 3_000;

const MIX: { tool: string; args: Record<string, unknown> }[] = [
  { tool: 'get_me', args: {} },
  { tool: 'list_projects', args: {} },
  { tool: 'list_tasks', args: { limit: 20 } },
  { tool: 'list_users', args: {} },
  { tool: 'list_tags', args: {} },
];

interface Phase {
  clients: number;
  seconds: number;
  latencies: number[];
  errors: number;
  firstErrors: string[];
  rssMb: { start: number; middle: number; end: number };
}

function rssMb(pid: number): number {
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return kb / 1024;
}

function numberArg(args: string[], name: string, fallback: number, max: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return Math.min(value, max);
}

async function phase(serve: RunningServe, clients: number, seconds: number): Promise<Phase> {
  const target = {
    label: 'soak',
    url: serve.mcpUrl,
    headers: { Authorization: `Bearer ${serve.token}` },
    tool: 'get_me',
    args: {},
  };
  const connected = await connect(target, clients);
  const result: Phase = {
    clients,
    seconds,
    latencies: [],
    errors: 0,
    firstErrors: [],
    rssMb: { start: rssMb(serve.pid), middle: Number.NaN, end: Number.NaN },
  };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const middle = setTimeout(() => (result.rssMb.middle = rssMb(serve.pid)), (seconds * 1000) / 2);
  try {
    await Promise.all(
      connected.map(async (client, i) => {
        for (let n = i; performance.now() < end; n++) {
          const { tool, args } = MIX[n % MIX.length]!;
          const s = performance.now();
          try {
            const res = await client.callTool({ name: tool, arguments: args });
            if (res.isError) throw new Error(`${tool}: ${JSON.stringify(res.content).slice(0, 200)}`);
            result.latencies.push(performance.now() - s);
          } catch (err) {
            result.errors += 1;
            if (result.firstErrors.length < 3) result.firstErrors.push((err as Error).message);
          }
        }
      }),
    );
  } finally {
    clearTimeout(middle);
    result.rssMb.end = rssMb(serve.pid);
    await Promise.all(connected.map((c) => c.close()));
  }
  return result;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

function row(p: Phase): string {
  const sorted = [...p.latencies].sort((a, b) => a - b);
  const mb = (v: number) => v.toFixed(0).padStart(5);
  return [
    String(p.clients).padStart(7),
    String(p.seconds).padStart(7),
    String(sorted.length).padStart(8),
    String(p.errors).padStart(6),
    quantile(sorted, 0.5).toFixed(2).padStart(8),
    quantile(sorted, 0.99).toFixed(2).padStart(8),
    (sorted.length / p.seconds).toFixed(0).padStart(7),
    `${mb(p.rssMb.start)} ${mb(p.rssMb.middle)} ${mb(p.rssMb.end)}`,
  ].join(' ');
}

export async function run(args: string[]): Promise<void> {
  const seconds = numberArg(args, '--seconds', DEFAULT_SECONDS, MAX_SECONDS);
  const clients = numberArg(args, '--clients', 50, 500);
  const single = Math.min(SINGLE_SECONDS, seconds);
  const serve = await startServe(NO_BACKGROUND_SYNC);
  try {
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    console.log(
      `idle RSS of the engine ${IDLE_SETTLE_MS / 1000} s after start: ${rssMb(serve.pid).toFixed(0)} MB`,
    );
    const phases = [await phase(serve, 1, single), await phase(serve, clients, seconds)];
    console.log('tool calls on serve --demo over Streamable HTTP (latency ms; server RSS MB)');
    console.log('clients seconds    calls errors      p50      p99 calls/s  RSS start  mid  end');
    for (const p of phases) console.log(row(p));
    for (const p of phases) {
      for (const e of p.firstErrors) console.log(`  error (${p.clients} clients): ${e}`);
    }
    const errors = phases.reduce((n, p) => n + p.errors, 0);
    console.log(`verdict: ${errors === 0 ? 'ok, no errors' : `${errors} ERRORS`}`);
  } finally {
    await serve.stop();
  }
}
