// Running the MCP conformance suite (@modelcontextprotocol/conformance) against a URL and reading its
// per-scenario results (results/server-<scenario>-<timestamp>/checks.json) into one verdict per scenario.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { binPath, REPO_ROOT, runNode, type Sandboxed } from './cli-run.js';

const Check = z.object({
  id: z.string(),
  status: z.string(),
  errorMessage: z.string().optional(),
  details: z.unknown().optional(),
});
export type ConformanceCheck = z.infer<typeof Check>;

export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  /** The FAILURE checks (what was asked, what came back): the evidence for a report. */
  failures: ConformanceCheck[];
}

const ExpectedFailures = z.object({
  server: z.record(z.string(), z.string().min(20, 'give a reason')),
});

export const EXPECTED_FAILURES_FILE = join(REPO_ROOT, 'e2e/mcp/conformance-expected-failures.json');

/** Scenario → why our server cannot pass it. */
export async function expectedFailures(): Promise<Map<string, string>> {
  const parsed = ExpectedFailures.parse(JSON.parse(await readFile(EXPECTED_FAILURES_FILE, 'utf8')));
  return new Map(Object.entries(parsed.server));
}

function suite(): string {
  return binPath('@modelcontextprotocol/conformance', 'conformance');
}

/** Every server scenario the installed suite knows, pending ones included. */
export async function serverScenarios(home: Sandboxed): Promise<string[]> {
  const run = await runNode(suite(), ['list', '--server'], { env: home.env, cwd: home.home });
  if (run.code !== 0) throw new Error(`conformance list failed: ${run.stderr}`);
  return [...run.stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] as string);
}

/** Runs every server scenario (suite "all") against url; results land in outDir. */
export async function runConformance(
  url: string,
  outDir: string,
  home: Sandboxed,
): Promise<{ results: ScenarioResult[]; log: string }> {
  const run = await runNode(suite(), ['server', '--url', url, '--suite', 'all', '--output-dir', outDir], {
    env: home.env,
    cwd: home.home,
    timeoutMs: 90_000,
  });
  const results: ScenarioResult[] = [];
  for (const dir of await readdir(outDir)) {
    const scenario = /^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/.exec(dir)?.[1];
    if (!scenario) continue;
    const raw: unknown = JSON.parse(await readFile(join(outDir, dir, 'checks.json'), 'utf8'));
    const checks = z.array(Check).parse(raw);
    const failures = checks.filter((c) => c.status === 'FAILURE');
    results.push({ scenario, passed: failures.length === 0, failures });
  }
  return { results, log: run.stdout + run.stderr };
}
