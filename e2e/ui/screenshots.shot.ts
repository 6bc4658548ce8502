// `npm run screenshots`: every panel of the demo, light and dark, into docs/screenshots/ (the README shows
// them). Some activity first, so the tables and charts show what a working day looks like.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../mcp/cli-run';
import { PANELS } from '../../renderer/src/lib/use-hash-route';
import { freshUiUrl, mcpClient, openApp, openPanel, test, expect } from './testing/fixtures';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');

test('screenshots of every panel', async ({ page, served }) => {
  test.setTimeout(480_000);
  await mkdir(OUT, { recursive: true });
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Clients');
  // Two clients "installed" in the server's stand-in home, Cursor connected, and a token made by hand.
  for (const dir of ['.cursor', '.config/Claude'])
    await mkdir(join(served.clientsHome, dir), { recursive: true });
  await page.reload();
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Cursor', exact: true }) })
    .getByRole('button', { name: 'Connect for Cursor' })
    .click();
  await page.getByRole('button', { name: 'Write the change' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByLabel('Client name').fill('release-script');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  const client = await mcpClient(served, served.token);
  try {
    const calls: [string, Record<string, unknown>][] = [
      ['get_me', {}],
      ['list_projects', {}],
      ['list_tasks', { assignee: 'me' }],
      ['list_projects', {}],
      ['list_tags', { type: 'status' }],
      ['list_tasks', { overdue: true }],
      ['get_task', { task_id: '999999' }],
      ['list_tasks', { assignee: 'me' }],
      ['list_users', {}],
      ['list_projects', {}],
    ];
    for (const [name, args] of calls) await client.callTool({ name, arguments: args });
    // A few writes, so the Changes panel shows a working day too.
    const mine = await client.callTool({ name: 'list_tasks', arguments: { assignee: 'me', limit: 3 } });
    const [a, b] = (mine.structuredContent as { items: Array<{ id: string }> }).items;
    if (a && b) {
      await client.callTool({ name: 'update_task', arguments: { task_id: a.id, priority: 8 } });
      await client.callTool({
        name: 'post_comment',
        arguments: { task_id: b.id, text: 'Blocked on review.' },
      });
      await client.callTool({
        name: 'log_time',
        arguments: { task_id: a.id, time: '1:30', comment: 'Review' },
      });
    }
  } finally {
    await client.close();
  }
  // The mirror's first sync done (at the demo's pace, a few minutes), so the Cache panel shows a mirror
  // in use rather than one just starting.
  await openPanel(page, 'Cache');
  const mirror = page.getByRole('region', { name: 'Local mirror' });
  await mirror.getByRole('button', { name: 'Sync now' }).click();
  await expect(
    mirror
      .locator('.stat')
      .filter({ has: page.getByText('State', { exact: true }) })
      .locator('.stat-value'),
  ).toHaveText('Up to date', { timeout: 300_000 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [file, panel] of Object.entries(PANELS)) {
      await openPanel(page, panel);
      await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `${file}-${scheme}.png`) });
    }
  }
});
