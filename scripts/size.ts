// `npm run size`: how big the packaged app is per target this machine can build, and how fast and lean the
// headless engine is: cold start of `wsmcp serve --demo` to its listening port, and its resident memory
// once idle. Targets: under 500 ms and under 150 MB.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { packageLinuxDir } from './package-app.js';

const COLD_START_TARGET_MS = 500;
const IDLE_RSS_TARGET_MB = 150;
const RUNS = 5;

function bytesIn(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesIn(join(path, name)), 0);
}
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

async function packagedSizes(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'wsmcp-size-'));
  try {
    const app = await packageLinuxDir(out);
    const resources = join(app, 'resources');
    console.log('\nPackaged app, linux x64 dir (the only target buildable without an Electron binary):');
    console.log(`  app.asar           ${mb(bytesIn(join(resources, 'app.asar')))}`);
    console.log(`  app.asar.unpacked  ${mb(bytesIn(join(resources, 'app.asar.unpacked')))}`);
    console.log(
      `  resources in all   ${mb(bytesIn(resources))} (plus the Electron runtime, not present here)`,
    );
    console.log('  dmg, zip, nsis, AppImage and deb are built by the release workflow on their own runners.');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** One cold start: spawn to the "ready" line (the port is listening by then), then RSS after idling. */
async function coldStart(): Promise<{ readyMs: number; rssMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-size-serve-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['dist/core/cli.js', 'serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const lines = createInterface({ input: child.stdout });
    let readyMs = -1;
    for await (const line of lines) {
      if (line.includes('"event":"ready"')) {
        readyMs = performance.now() - started;
        break;
      }
    }
    if (readyMs < 0) throw new Error('wsmcp serve ended before it was ready');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rssKb = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim(),
    );
    return { readyMs, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

async function main(): Promise<void> {
  await packagedSizes();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart());
  const ready = median(runs.map((r) => r.readyMs));
  const rss = median(runs.map((r) => r.rssMb));
  console.log(`\nHeadless engine (wsmcp serve --demo, Node ${process.version}), median of ${RUNS} runs:`);
  console.log(
    `  cold start to listening port  ${ready.toFixed(0)} ms (target < ${COLD_START_TARGET_MS} ms: ${verdict(ready < COLD_START_TARGET_MS)})`,
  );
  console.log(
    `  idle RSS after 3 s            ${rss.toFixed(0)} MB (target < ${IDLE_RSS_TARGET_MB} MB: ${verdict(rss < IDLE_RSS_TARGET_MB)})`,
  );
  console.log(`  runs: ${runs.map((r) => `${r.readyMs.toFixed(0)} ms/${r.rssMb.toFixed(0)} MB`).join(', ')}`);
}

await main();
