// The GitHub workflows are valid workflow files (action-validator checks them against the workflow
// schema), and they run what this project promises: npm test on three OSes, and installers built after
// the Electron end-to-end specs on each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = join('.github', 'workflows');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

describe('GitHub workflows', () => {
  it('every workflow passes the workflow schema', () => {
    const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const f of files) expect(validateWorkflow(read(f)).errors, f).toEqual([]);
  });

  it('the validator is real: a broken workflow fails it', () => {
    const misspelt = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n';
    expect(validateWorkflow(misspelt).errors).not.toEqual([]);
    const unknownEvent =
      'on: pushh\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n';
    expect(validateWorkflow(unknownEvent).errors).not.toEqual([]);
  });

  it('CI runs npm test on Linux, macOS and Windows', () => {
    const ci = parse(read('ci.yml')) as {
      jobs: { test: { strategy: { matrix: { os: string[] } }; steps: Array<{ run?: string }> } };
    };
    expect(ci.jobs.test.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(ci.jobs.test.steps.map((s) => s.run)).toContain('npm test');
  });

  it('the release builds each platform after its Electron specs ran', () => {
    const release = parse(read('release.yml')) as {
      jobs: {
        installers: {
          strategy: { matrix: { include: Array<{ os: string; platform: string }> } };
          steps: Array<{ name?: string; run?: string }>;
        };
      };
    };
    const job = release.jobs.installers;
    expect(job.strategy.matrix.include.map((m) => m.platform)).toEqual(['--mac', '--win', '--linux']);
    const runs = job.steps.map((s) => s.run ?? '');
    const e2e = runs.findIndex((r) => r.includes('e2e:electron'));
    const build = runs.findIndex((r) => r.includes('electron-builder'));
    expect(e2e).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(e2e);
    expect(runs[build]).toContain('--publish always');
  });
});
