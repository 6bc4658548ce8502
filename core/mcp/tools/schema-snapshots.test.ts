// One reviewed JSON file per tool (name, title, description, annotations, input and output JSON Schema), so
// every change to what clients see shows up in review. A missing file is written (except in CI);
// UPDATE_SNAPSHOTS=1 rewrites changed files and removes those of tools that no longer exist.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import type { AnyTool } from './kit/define-tool.js';
import { ALL_TOOLS } from '../inventory/registry.js';
import { toolDescriptor } from '../inventory/descriptor.js';

const DIR = join(import.meta.dirname, '__schemas__');
const update = process.env.UPDATE_SNAPSHOTS === '1';
const ci = Boolean(process.env.CI);

async function snapshotText(tool: AnyTool): Promise<string> {
  const d = toolDescriptor(tool);
  const snapshot = {
    name: d.name,
    title: d.title,
    toolset: tool.toolset,
    description: d.description,
    annotations: d.annotations,
    inputSchema: d.inputSchema,
    outputSchema: d.outputSchema ?? null,
    ...(d._meta ? { _meta: d._meta } : {}),
  };
  const file = join(DIR, `${tool.name}.json`);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(snapshot), { ...options, filepath: file });
}

describe('tool schema snapshots', () => {
  for (const tool of ALL_TOOLS) {
    it(`${tool.name} matches core/mcp/tools/__schemas__/${tool.name}.json`, async () => {
      const file = join(DIR, `${tool.name}.json`);
      const text = await snapshotText(tool);
      if (update || (!existsSync(file) && !ci)) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(file, text);
        return;
      }
      expect(existsSync(file), `${file} is missing: run the tests without CI set to write it`).toBe(true);
      expect(
        text,
        `the schema of ${tool.name} changed: rerun with UPDATE_SNAPSHOTS=1 and review the diff`,
      ).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('has no snapshot of a tool that no longer exists', () => {
    const names = new Set(ALL_TOOLS.map((t) => `${t.name}.json`));
    const stale = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json') && !names.has(f)) : [];
    if (update) {
      for (const f of stale) rmSync(join(DIR, f));
      return;
    }
    expect(stale, 'remove these (or rerun with UPDATE_SNAPSHOTS=1)').toEqual([]);
  });
});
