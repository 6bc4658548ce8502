// What every UI spec stands on: a running `wsmcp serve --demo` (one per spec file), a page that fails the
// test on any console error or warning, MCP clients connected with a token, and axe-core checks.
import AxeBuilder from '@axe-core/playwright';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { test as base, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../mcp/cli-run';
import { startServe, type RunningServe } from '../../mcp/serve-process';
import { NO_BROWSER } from './browser';

export interface Served extends RunningServe {
  /** http://127.0.0.1:PORT */
  origin: string;
}

export const test = base.extend<{ consoleProblems: string[] }, { served: Served }>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
    async ({}, use) => {
      base.skip(NO_BROWSER !== undefined, NO_BROWSER);
      const serve = await startServe({ timeoutMs: 60_000 });
      try {
        await use({ ...serve, origin: new URL(serve.mcpUrl).origin });
      } finally {
        await serve.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await use(problems);
    expect(problems, 'console errors or warnings').toEqual([]);
  },
});

export { expect };

const run = promisify(execFile);

/** Opens the app with a fresh session: a one-time address minted the way `wsmcp open` does. */
export async function openApp(page: Page, served: Served, uiUrl = served.uiUrl): Promise<void> {
  await page.goto(uiUrl);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

export async function openPanel(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function mcpClient(served: Served, token: string): Promise<Client> {
  const client = new Client({ name: 'ui-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(served.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

/** axe-core on what the page shows now: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility of ${what}`).toEqual([]);
}

/** A fresh one-time address from `wsmcp open --print`, run beside the server as a user would. */
export async function freshUiUrl(served: Served): Promise<string> {
  const { stdout } = await run(process.execPath, [
    join(REPO_ROOT, 'dist/core/cli.js'),
    'open',
    '--demo',
    '--print',
    '--json',
    '--data-dir',
    served.dataDir,
  ]);
  return (JSON.parse(stdout) as { uiUrl: string }).uiUrl;
}
