// The README's tool table, generated from the registry so it cannot drift (`npm run docs:tools` rewrites
// it; docs-table.test.ts fails when README.md differs from what this would write). Only the section
// between the markers is generated; the rest of README.md is hand-written.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyTool } from '../tools/kit/define-tool.js';
import { ALL_TOOLS } from './registry.js';
import { orderTools } from './selection.js';
import { TOOLSETS } from '../tools/kit/toolsets.js';

export const TOOLS_START = '<!-- tools:start -->';
export const TOOLS_END = '<!-- tools:end -->';

/** The first sentence of a description: what the tool does, for a one-line table cell. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderToolTable(tools: readonly AnyTool[]): string {
  const ordered = orderTools(tools);
  const used = new Set(ordered.map((t) => t.toolset));
  const rows = ordered.map(
    (t) => `| ${t.toolset} | \`${t.name}\` | ${t.effect} | ${cell(firstSentence(t.description))} |`,
  );
  const toolsets = Object.entries(TOOLSETS)
    .filter(([name]) => used.has(name as AnyTool['toolset']))
    .map(([name, text]) => `- **${name}**: ${text}`);
  return [
    `${ordered.length} tools in ${used.size} toolsets; each toolset and each tool can be switched off, and`,
    'read-only mode keeps only the `read` tools. Generated from the tool registry by `npm run docs:tools`.',
    '',
    ...toolsets,
    '',
    '| Toolset | Tool | Effect | What it does |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** README text with the generated section replaced (markers kept). */
export function replaceToolSection(readme: string, table: string): string {
  const start = readme.indexOf(TOOLS_START);
  const end = readme.indexOf(TOOLS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md needs the markers ${TOOLS_START} and ${TOOLS_END}`);
  }
  return `${readme.slice(0, start + TOOLS_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

/** What README.md should contain: the section regenerated and the file formatted as `npm run format` does. */
export async function expectedReadme(
  readmePath: string,
  tools: readonly AnyTool[] = ALL_TOOLS,
): Promise<string> {
  const current = await readFile(readmePath, 'utf8');
  // prettier is a dev dependency: this runs only from a checkout (the script and the drift test).
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  return prettier.format(replaceToolSection(current, renderToolTable(tools)), {
    ...options,
    filepath: readmePath,
  });
}

async function main(): Promise<void> {
  const readmePath = resolve(process.cwd(), 'README.md');
  const next = await expectedReadme(readmePath);
  const changed = next !== (await readFile(readmePath, 'utf8'));
  if (changed) await writeFile(readmePath, next);
  console.log(
    `README.md tool table: ${changed ? 'updated' : 'already up to date'} (${ALL_TOOLS.length} tools)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
