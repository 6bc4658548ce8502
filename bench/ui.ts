// `npm run bench -- ui`: what the UI costs and how fast it follows the server.
// 1. Shipped size: the built renderer's JS and CSS, gzipped (what a first load transfers). Target: JS under
//    250 KB.
// 2. Live rows: 100 MCP tool calls (get_me: answered locally, so the figure is the UI's path, not
//    Worksection's) while the Call log panel is open in Chromium; for each, the time from the call's answer
//    reaching the client to its row appearing in the page (a MutationObserver stamps it). Target: p95
//    under 500 ms.
// 3. First rows: the Call log panel opened with 100,000 rows stored, from the click on "Call log" to the
//    first row in the page, each time in a freshly loaded page (nothing cached): median and worst of 5.
//    Target: under 300 ms.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Page } from '@playwright/test';
import { createApp } from '../core/app/app.js';
import { loadConfig } from '../core/config.js';
import { storeLocation } from '../core/data-dir/paths.js';
import { defaultRendererDir } from '../core/control/static.js';
import { createCallLog } from '../core/store/call-log.js';
import { openDatabase } from '../core/store/db.js';
import { percentile } from '../core/worksection/scheduler/stats.js';

const TARGET_JS_KB = 250;
const TARGET_LIVE_P95_MS = 500;
const TARGET_FIRST_ROWS_MS = 300;
const CHROMIUM = '/usr/bin/chromium';
const TOOLS = ['list_tasks', 'get_task', 'list_projects', 'post_comment', 'log_time', 'list_comments'];

function shippedKb(): { js: number; css: number } {
  const dir = defaultRendererDir();
  if (!dir) throw new Error('the renderer is not built: run npm run build');
  const sum = (ext: string) =>
    readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith(ext))
      .reduce((n, f) => n + gzipSync(readFileSync(join(dir, 'assets', f)), { level: 9 }).length, 0) / 1024;
  return { js: sum('.js'), css: sum('.css') };
}

/** 100,000 calls over the last 20 days, as a busy month leaves the log. */
function seedCallLog(dbFile: string, rows: number): void {
  const db = openDatabase(dbFile);
  const log = createCallLog(db, { maxRows: rows });
  const now = Date.now();
  for (let i = 0; i < rows; i += 1) {
    log.record({
      time: now - 3_600_000 - Math.floor(((rows - i) / rows) * 20 * 86_400_000),
      client: ['claude-desktop', 'cursor', 'vscode'][i % 3]!,
      method: 'tools/call',
      target: TOOLS[i % TOOLS.length],
      args: { task_id: String(10_000 + (i % 5_000)), limit: 50 },
      status: i % 25 ? 'ok' : 'tool_error',
      error: i % 25 ? undefined : 'Task not found; list_tasks finds task ids.',
      durationMs: 5 + (i % 900),
      upstreamRequests: i % 3 ? 0 : 1,
      cacheHits: i % 3 ? 1 : 0,
    });
    if (i % 10_000 === 9_999) log.flush();
  }
  log.close();
  db.close();
}

/** The page's window once STAMP_ROWS ran. */
interface Stamped {
  seen: Map<number, number>;
}

// Runs in the page (as text: this file is compiled without the DOM's types): stamps when each row appears.
const STAMP_ROWS = `(() => {
  const seen = new Map();
  window.seen = seen;
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-call-id]')) {
      const id = Number(el.dataset.callId);
      if (!seen.has(id)) seen.set(id, Date.now());
    }
  }).observe(document.body, { subtree: true, childList: true });
})()`;

// Runs in the page: stamps the click on "Call log" and the first row's appearance. Measured in the page,
// not by the driver: the driver shares this process with the server, whose work would delay its polling.
const STAMP_OPEN = `(() => {
  const marks = {};
  window.marks = marks;
  document.addEventListener('click', () => { marks.click ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (marks.row === undefined && document.querySelector('[data-call-id]')) marks.row = performance.now();
  }).observe(document.body, { subtree: true, childList: true });
})()`;

/** A cold open: the page loaded afresh (nothing cached), settled, then the panel clicked. */
async function firstRows(page: Page, origin: string): Promise<number> {
  await page.goto(`${origin}/#/overview`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await page.waitForTimeout(1_000);
  await page.evaluate(STAMP_OPEN);
  await page.getByRole('link', { name: 'Call log', exact: true }).click();
  await page.locator('[data-call-id]').first().waitFor();
  const marks = (await page.evaluate('window.marks')) as { click: number; row: number };
  return Math.round(marks.row - marks.click);
}

async function liveRows(page: Page, mcpUrl: string, token: string, calls: number): Promise<number[]> {
  await page.evaluate(STAMP_ROWS);
  const client = new Client({ name: 'bench-ui', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  const latencies: number[] = [];
  let newest = (await page.evaluate(`Math.max(0, ...window.seen.keys())`)) as number;
  try {
    for (let i = 0; i < calls; i += 1) {
      await client.callTool({ name: 'get_me', arguments: {} });
      const ended = Date.now();
      const handle = await page.waitForFunction(
        (after) => [...(globalThis as unknown as Stamped).seen].find(([id]) => id > after),
        newest,
        { timeout: 5_000, polling: 20 },
      );
      const [id, at] = (await handle.jsonValue()) as [number, number];
      newest = id;
      latencies.push(Math.max(0, at - ended));
    }
  } finally {
    await client.close();
  }
  return latencies;
}

export async function run(args: string[]): Promise<void> {
  const calls = args.includes('--calls') ? Number(args[args.indexOf('--calls') + 1]) : 100;
  const size = shippedKb();
  const dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-bench-ui-'));
  const config = loadConfig({ flags: { demo: true, port: '0', dataDir }, env: {} });
  const { dir, dbFile } = storeLocation(config);
  await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
  seedCallLog(dbFile, 100_000);
  const app = createApp(config, { log: () => undefined });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const endpoints = await app.start();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(endpoints.uiUrl);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const origin = new URL(endpoints.mcpUrl).origin;
    const opens = [];
    for (let i = 0; i < 5; i += 1) opens.push(await firstRows(page, origin));
    await page.getByRole('link', { name: 'Call log', exact: true }).click();
    const live = (await liveRows(page, endpoints.mcpUrl, endpoints.demo!.token, calls)).sort((a, b) => a - b);
    const sortedOpens = [...opens].sort((a, b) => a - b);
    const firstMedian = sortedOpens[2]!;
    const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    console.log('figure                                        measured     target');
    console.log(
      `shipped JS, gzipped (KB)                      ${size.js.toFixed(1).padStart(8)}   <  ${TARGET_JS_KB}    ${ok(size.js < TARGET_JS_KB)}`,
    );
    console.log(`shipped CSS, gzipped (KB)                     ${size.css.toFixed(1).padStart(8)}`);
    console.log(`live row after the call, p50 (ms)             ${String(percentile(live, 0.5)).padStart(8)}`);
    console.log(
      `live row after the call, p95 (ms, ${calls} calls)   ${String(percentile(live, 0.95)).padStart(8)}   <  ${TARGET_LIVE_P95_MS}    ${ok(percentile(live, 0.95) < TARGET_LIVE_P95_MS)}`,
    );
    console.log(
      `first rows, 100,000 stored, median of 5 (ms)  ${String(firstMedian).padStart(8)}   <  ${TARGET_FIRST_ROWS_MS}    ${ok(firstMedian < TARGET_FIRST_ROWS_MS)}`,
    );
    console.log(`first rows, worst of 5 (ms)                   ${String(sortedOpens[4]).padStart(8)}`);
  } finally {
    await browser.close();
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
