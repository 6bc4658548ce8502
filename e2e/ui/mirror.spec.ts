// The local mirror in the Cache panel of a running `wsmcp serve --demo`: "Sync now" starts the sync at
// once (instead of after the start-up delay), its requests and objects show up as they are made, and the
// search tool answers from it once the first sync is done.
import { test, expect, freshUiUrl, mcpClient, openApp, openPanel } from './testing/fixtures';

test('the Cache panel shows the mirror, "Sync now" syncs it, and search reads it', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Cache');
  const card = page.getByRole('region', { name: 'Local mirror' });
  await expect(card).toBeVisible();
  const stat = (label: string) =>
    card
      .locator('.stat')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.stat-value');
  await card.getByRole('button', { name: 'Sync now' }).click();
  const number = async (label: string) =>
    Number(((await stat(label).textContent()) ?? '').replace(/\D/g, ''));
  await expect.poll(() => number('Requests today'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => number('Objects held'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(stat('State')).toHaveText(/Up to date|Syncing/, { timeout: 90_000 });
  const client = await mcpClient(served, served.token);
  try {
    const projects = (await client.callTool({ name: 'list_projects', arguments: {} })).structuredContent as {
      items: Array<{ name: string }>;
    };
    const word = projects.items[0]?.name.split(/\s+/)[0] ?? '';
    const found = await client.callTool({ name: 'search', arguments: { query: word, kind: 'project' } });
    expect(found.isError).toBeFalsy();
    const names = (found.structuredContent as { items: Array<{ title: string }> }).items.map((i) => i.title);
    expect(names).toContain(projects.items[0]?.name);
  } finally {
    await client.close();
  }
});
