// The layer rules of eslint.config.js (docs/architecture.md), each shown failing on a forbidden import and
// passing on an allowed one. Probes are linted as text at a path inside core/, so nothing is written there;
// the import cycle needs two real files and is linted in a temporary folder laid out like the repo.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The rule ids that fire on `code` as if it were the file at `path` (from the repo root). */
async function rulesAt(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, {
    filePath: join(ROOT, path),
  });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const PATHS = 'import-x/no-restricted-paths';

describe('layer rules', () => {
  it('the Worksection client never imports the sandbox', async () => {
    expect(await rulesAt('core/worksection/probe.ts', "import '../sandbox/server.js';")).toContain(PATHS);
    expect(await rulesAt('core/worksection/probe.ts', "import './schemas.js';")).toEqual([]);
  });

  it('the sandbox imports only the API contract', async () => {
    expect(await rulesAt('core/sandbox/probe.ts', "import '../worksection/client.js';")).toContain(PATHS);
    expect(await rulesAt('core/sandbox/probe.ts', "import '../store/db.js';")).toContain(PATHS);
    for (const allowed of [
      'actions',
      'schemas',
      'filter-grammar',
      'ws-date',
      'admin-auth',
      'activity-period',
    ]) {
      expect(await rulesAt('core/sandbox/probe.ts', `import '../worksection/${allowed}.js';`)).toEqual([]);
    }
  });

  it('tools never import the server, the transports or the inventory', async () => {
    for (const forbidden of ['server/server.js', 'transports/http.js', 'inventory/registry.js']) {
      expect(await rulesAt('core/mcp/tools/probe.ts', `import '../${forbidden}';`)).toContain(PATHS);
    }
    expect(await rulesAt('core/mcp/tools/probe.ts', "import './kit/define-tool.js';")).toEqual([]);
  });

  it('lower layers never import config, app, account, commands, the control API or the MCP server', async () => {
    const probes: Array<[string, string]> = [
      ['core/store/probe.ts', '../config.js'],
      ['core/upstream/probe.ts', '../app/app.js'],
      ['core/vault/probe.ts', '../account/vault.js'],
      ['core/auth/probe.ts', '../commands/login.js'],
      ['core/worksection/probe.ts', '../mcp/server/server.js'],
      ['core/files/probe.ts', '../http/server.js'],
      ['core/sandbox/probe.ts', '../config.js'],
      ['core/upstream/probe.ts', '../control/index.js'],
      ['core/store/probe.ts', '../control/wire/wire-app.js'],
    ];
    for (const [path, target] of probes)
      expect(await rulesAt(path, `import '${target}';`), path).toContain(PATHS);
    expect(await rulesAt('core/store/probe.ts', "import '../worksection/errors.js';")).toEqual([]);
  });

  it('commands run no SQL', async () => {
    expect(await rulesAt('core/commands/probe.ts', "import 'better-sqlite3';")).toContain(PATHS);
    expect(await rulesAt('core/commands/probe.ts', "await import('../store/db.js');")).toContain(PATHS);
    expect(await rulesAt('core/commands/probe.ts', "await import('../store/status-report.js');")).toEqual([]);
  });

  it('only tests and testing/ folders import vitest or test support', async () => {
    expect(await rulesAt('core/store/probe.ts', "import 'vitest';")).toContain(PATHS);
    expect(await rulesAt('core/app/probe.ts', "import '../mcp/testing/harness.js';")).toContain(PATHS);
    expect(await rulesAt('core/store/testing/probe.ts', "import 'vitest';")).toEqual([]);
    expect(await rulesAt('core/store/probe.test.ts', "import '../mcp/testing/harness.js';")).toEqual([]);
  });

  it('core never imports electron or the renderer', async () => {
    expect(await rulesAt('core/app/probe.ts', "import 'electron';")).toContain('no-restricted-imports');
    expect(await rulesAt('core/control/probe.ts', "import '../../renderer/src/app.js';")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesAt('core/control/probe.ts', "import '../../shared/api/tools.js';")).toEqual([]);
  });

  it('the renderer reaches core only through shared/, and shared/ imports nothing but zod', async () => {
    const RESTRICTED = 'no-restricted-imports';
    expect(await rulesAt('renderer/src/probe.ts', "import '../../core/config.js';")).toContain(RESTRICTED);
    expect(await rulesAt('renderer/src/probe.ts', "import 'node:fs';")).toContain(RESTRICTED);
    expect(await rulesAt('renderer/src/probe.ts', "import '../../shared/api/tools.js';")).toEqual([]);
    expect(await rulesAt('shared/api/probe.ts', "import '../../core/config.js';")).toContain(RESTRICTED);
    expect(await rulesAt('shared/api/probe.ts', "import 'react';")).toContain(RESTRICTED);
    expect(await rulesAt('shared/api/probe.ts', "import 'zod';")).toEqual([]);
  });
});

describe('import cycles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsmcp-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are refused anywhere in core', async () => {
    mkdirSync(join(dir, 'core', 'probe'), { recursive: true });
    const write = (name: string, text: string) => writeFileSync(join(dir, 'core', 'probe', name), text);
    write('a.ts', "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n");
    write('b.ts', "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n");
    write('c.ts', "import { a } from './a.js';\nexport const c = (): number => a();\n");
    const linter = new ESLint({ cwd: dir, overrideConfigFile: join(ROOT, 'eslint.config.js') });
    const results = await linter.lintFiles(['core/probe/*.ts']);
    const cycles = Object.fromEntries(
      results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId)]),
    );
    expect(cycles).toEqual({
      'core/probe/a.ts': ['import-x/no-cycle'],
      'core/probe/b.ts': ['import-x/no-cycle'],
      'core/probe/c.ts': [],
    });
  });
});
