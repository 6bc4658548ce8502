import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectedReadme,
  firstSentence,
  renderToolTable,
  replaceToolSection,
  TOOLS_END,
  TOOLS_START,
} from './docs-table.js';
import { FIXTURE_TOOLS } from '../testing/fixture-tools.js';

const README = resolve(import.meta.dirname, '../../../README.md');

describe('README tool table', () => {
  it('matches the registry (run `npm run docs:tools` when this fails)', async () => {
    const current = await readFile(README, 'utf8');
    const expected = await expectedReadme(README);
    // UPDATE_SNAPSHOTS=1 regenerates it like the schema snapshots (same as `npm run docs:tools`).
    if (process.env.UPDATE_SNAPSHOTS === '1' && current !== expected) await writeFile(README, expected);
    else expect(current, 'README.md is out of date: run `npm run docs:tools`').toBe(expected);
  });

  it('renders one row per tool in toolset order with the first sentence of its description', () => {
    const table = renderToolTable(FIXTURE_TOOLS);
    expect(table).toMatch(/^7 tools in 6 toolsets;/);
    const rows = table
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Toolset') && !l.includes('---'));
    expect(rows[0]).toBe(
      '| tasks | `get_task_name` | read | The name of one task, read from Worksection (errors pass through to the server). |',
    );
    expect(rows.map((r) => r.split('`')[1])).toEqual([
      'get_task_name',
      'update_failing',
      'read_picture',
      'delete_thing',
      'get_whoami',
      'list_big',
      'get_echo',
    ]);
    expect(table).toContain('- **files**: Attachments');
  });

  it('keeps everything outside the markers', () => {
    const readme = `# T\n\nintro\n\n${TOOLS_START}\nold\n${TOOLS_END}\n\nrest\n`;
    expect(replaceToolSection(readme, 'NEW')).toBe(
      `# T\n\nintro\n\n${TOOLS_START}\n\nNEW\n\n${TOOLS_END}\n\nrest\n`,
    );
    expect(() => replaceToolSection('# no markers', 'x')).toThrow(/markers/);
  });

  it('cuts descriptions at the first sentence end, not at dots inside words', () => {
    expect(firstSentence('Lists tasks (e.g. overdue).  Then more.')).toBe('Lists tasks (e.g.');
    expect(firstSentence('Reads file.txt contents. More.')).toBe('Reads file.txt contents.');
    expect(firstSentence('No end')).toBe('No end');
  });
});
