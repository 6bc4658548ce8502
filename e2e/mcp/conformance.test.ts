// The MCP conformance suite against `wsmcp serve --demo`, through a loopback proxy that adds the bearer
// token (the suite sends no headers of its own). Every scenario not listed in
// conformance-expected-failures.json must pass, and every listed one must still fail, so the list stays
// honest: a fix that makes a listed scenario pass fails this test until its entry is removed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthProxy, startAuthProxy } from './auth-proxy.js';
import { isolatedHome, type Sandboxed } from './cli-run.js';
import { type ScenarioResult, expectedFailures, runConformance, serverScenarios } from './conformance.js';
import { type RunningServe, startServe } from './serve-process.js';

let serve: RunningServe;
let proxy: AuthProxy;
let home: Sandboxed;
let outDir: string;
let results: ScenarioResult[];
let scenarios: string[];
let expected: Map<string, string>;
let suiteLog: string;

beforeAll(async () => {
  [serve, home, outDir, expected] = await Promise.all([
    startServe(),
    isolatedHome(),
    mkdtemp(join(tmpdir(), 'wsmcp-conformance-')),
    expectedFailures(),
  ]);
  proxy = await startAuthProxy(serve.mcpUrl, serve.token);
  scenarios = await serverScenarios(home);
  ({ results, log: suiteLog } = await runConformance(proxy.url, outDir, home));
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await serve?.stop();
  await home?.cleanup();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function describeFailure(r: ScenarioResult): string {
  return r.failures
    .map((f) => `  ${r.scenario} / ${f.id}: ${f.errorMessage ?? ''} ${JSON.stringify(f.details ?? {})}`)
    .join('\n');
}

describe('the MCP conformance suite', () => {
  it('ran every server scenario it knows', () => {
    expect(scenarios.length).toBeGreaterThan(20);
    expect(results.map((r) => r.scenario).sort(), suiteLog).toEqual([...scenarios].sort());
  });

  it('lists only scenarios that exist', () => {
    for (const name of expected.keys()) expect(scenarios, name).toContain(name);
  });

  it('passes every scenario that is not an expected failure', () => {
    const unexpected = results.filter((r) => !r.passed && !expected.has(r.scenario));
    expect(unexpected.map(describeFailure).join('\n')).toBe('');
  });

  it('still fails every expected failure (remove entries that pass now)', () => {
    const stale = results.filter((r) => r.passed && expected.has(r.scenario)).map((r) => r.scenario);
    expect(stale).toEqual([]);
  });
});
