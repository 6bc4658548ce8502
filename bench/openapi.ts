// `npm run bench -- openapi [--calls N]`: what a tool call costs over REST (POST /tools/<name>) against the
// same call over MCP (the SDK client over Streamable HTTP), on one `wsmcp serve --demo` process, for the
// same tool served from held data (`get_me` once "me" is known: the sandbox request log proves no upstream
// request). Both ways run the same tools/call code; REST skips JSON-RPC and the session layer.
// Target (issue 15): REST p50 at most 1.0x MCP's.
import { NO_BACKGROUND_SYNC, startServe } from '../e2e/mcp/serve-process.js';
import { comparison, emptySample, figures, figuresRow, measure, type Figures } from './_latency.js';
import { call, connect, upstreamRequests, type Target } from './mcp.js';

const TARGET_RATIO = 1.0;
const CONCURRENCY = [1, 10];
const ROUNDS = 5;
const MAX_MS_PER_RUN = 20_000;
const DEFAULT_CALLS = 3_000;

function restCaller(origin: string, token: string, tool: string): () => Promise<void> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return async () => {
    const res = await fetch(`${origin}/tools/${tool}`, { method: 'POST', headers, body: '{}' });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`REST ${tool}: ${res.status} ${body}`);
  };
}

async function compare(n: number, mcp: Target, rest: () => Promise<void>, calls: number) {
  const clients = await connect(mcp, n);
  const mcpCallers = clients.map((c) => () => call(c, mcp));
  const restCallers = Array.from({ length: n }, () => rest);
  try {
    const warm = emptySample();
    await measure(mcpCallers, Math.max(300, n * 10), warm, MAX_MS_PER_RUN);
    await measure(restCallers, Math.max(300, n * 10), warm, MAX_MS_PER_RUN);
    // Alternating rounds, so drift (GC, CPU frequency) hits both alike.
    const viaMcp = emptySample();
    const viaRest = emptySample();
    for (let round = 0; round < ROUNDS; round += 1) {
      await measure(mcpCallers, calls / ROUNDS, viaMcp, MAX_MS_PER_RUN);
      await measure(restCallers, calls / ROUNDS, viaRest, MAX_MS_PER_RUN);
    }
    return { mcp: figures(viaMcp), rest: figures(viaRest) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

export async function run(args: string[]): Promise<void> {
  const at = args.indexOf('--calls');
  const calls = at >= 0 ? Number(args[at + 1]) : DEFAULT_CALLS;
  const serve = await startServe(NO_BACKGROUND_SYNC);
  const origin = new URL(serve.mcpUrl).origin;
  const mcp: Target = {
    label: 'MCP get_me',
    url: serve.mcpUrl,
    headers: { Authorization: `Bearer ${serve.token}` },
    tool: 'get_me',
    args: {},
  };
  const rest = restCaller(origin, serve.token, 'get_me');
  try {
    await rest(); // resolves "me" once; from here get_me is served from held data
    const before = await upstreamRequests(serve.sandboxUrl);
    console.log('get_me latency on one wsmcp serve --demo, 127.0.0.1 (ms)');
    console.log('clients  way            calls      p50      p99   calls/s');
    const verdicts: string[] = [];
    for (const n of CONCURRENCY) {
      const r: { mcp: Figures; rest: Figures } = await compare(n, mcp, rest, calls);
      console.log(figuresRow(n, 'MCP', r.mcp));
      console.log(figuresRow(n, 'REST', r.rest));
      const c = comparison(n, 'REST/MCP', r.rest, r.mcp, TARGET_RATIO);
      console.log(c.line);
      verdicts.push(c.verdict);
    }
    for (const v of verdicts) console.log(v);
    const upstream = (await upstreamRequests(serve.sandboxUrl)) - before;
    const held = upstream === 0 ? 'served from data already held' : 'NOT upstream-free: figures invalid';
    console.log(`upstream requests during the measured calls: ${upstream} (${held})`);
  } finally {
    await serve.stop();
  }
}
