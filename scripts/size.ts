// `npm run size`: how big the packaged app is per target this machine can build, and how fast and lean the
// headless engine is (engine-start.ts): cold start of `wsmcp serve` to its listening port, signed in and in
// demo mode side by side, and its resident memory once idle. Targets: under 500 ms and under 150 MB.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureEngineStarts, type Series, type StartFigures } from './engine-start.js';
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

function engineTable(all: Series[]): void {
  const of = (pick: (f: StartFigures) => number | undefined) =>
    all.map((s) => median(s.warm.map((f) => pick(f) ?? NaN)));
  const row = (name: string, values: number[], unit: string, note = '') =>
    console.log(
      `  ${name.padEnd(30)}${values.map((v) => `${v.toFixed(0)} ${unit}`.padEnd(30)).join('')}${note}`,
    );
  console.log(
    `\nHeadless engine (bin/wsmcp.js serve, Node ${process.version}), median of ${RUNS} starts with a warm compile cache:`,
  );
  console.log(`  ${''.padEnd(30)}${all.map((s) => s.label.padEnd(30)).join('')}`);
  const ready = of((f) => f.readyMs);
  const rss = of((f) => f.rssMb);
  const signedIn = ready[0] ?? NaN;
  row(
    'cold start to listening port',
    ready,
    'ms',
    `target < ${COLD_START_TARGET_MS} ms signed in: ${verdict(signedIn < COLD_START_TARGET_MS)}`,
  );
  if (all.every((s) => s.warm.every((f) => f.cpuMs !== undefined)))
    row(
      '  CPU time to ready',
      of((f) => f.cpuMs),
      'ms',
    );
  row(
    '  first start (empty cache)',
    all.map((s) => s.first.readyMs),
    'ms',
  );
  row(
    `idle RSS after 3 s`,
    rss,
    'MB',
    `target < ${IDLE_RSS_TARGET_MB} MB: ${verdict(rss.every((r) => r < IDLE_RSS_TARGET_MB))}`,
  );
  for (const s of all) {
    console.log(
      `  runs ${s.label}: ${s.warm.map((f) => `${f.readyMs.toFixed(0)} ms/${f.rssMb.toFixed(0)} MB`).join(', ')}`,
    );
  }
  console.log("  Wall-clock figures follow the machine's load; CPU time is the one to compare between runs.");
}

async function main(): Promise<void> {
  await packagedSizes();
  engineTable(await measureEngineStarts(RUNS));
}

await main();
