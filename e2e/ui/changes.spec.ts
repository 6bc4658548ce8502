// The Changes panel and the write policy end to end: a write an assistant made shows in the panel with
// before → after, Undo puts it back (read back through MCP), and the write policy chosen in the Tools panel
// holds back the next write until the assistant confirms it.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { freshUiUrl, mcpClient, openApp, openPanel, test, expect } from './testing/fixtures';

test.describe.configure({ mode: 'serial' });

async function firstOpenTask(client: Client): Promise<{ id: string; name: string }> {
  const r = (await client.callTool({
    name: 'list_tasks',
    arguments: { status: 'active', limit: 1 },
  })) as CallToolResult;
  const item = (r.structuredContent as { items: { id: string; name: string }[] }).items[0];
  if (!item) throw new Error('the demo account has no open task');
  return item;
}

test('a change shows in the Changes panel and Undo puts it back', async ({ page, served }) => {
  const client = await mcpClient(served, served.token);
  try {
    const task = await firstOpenTask(client);
    const r = (await client.callTool({
      name: 'update_task',
      arguments: { task_id: task.id, title: 'Renamed from the e2e test' },
    })) as CallToolResult;
    const changeId = (r.structuredContent?.change as { id: number }).id;

    await openApp(page, served, await freshUiUrl(served));
    await openPanel(page, 'Changes');
    const row = page.getByRole('row').filter({ hasText: 'update_task' }).first();
    await expect(row).toContainText('Renamed from the e2e test');
    await expect(row).toContainText(task.name);
    await page.getByRole('button', { name: `Undo change ${changeId}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Change ${changeId} undone.` })).toBeVisible();
    await expect(row).toContainText('undone');

    const back = (await client.callTool({
      name: 'get_task',
      arguments: { task_id: task.id, fresh: true },
    })) as CallToolResult;
    expect((back.structuredContent as { name: string }).name).toBe(task.name);
  } finally {
    await client.close();
  }
});

test('the write policy set in the Tools panel holds back writes until confirmed', async ({
  page,
  served,
}) => {
  await openApp(page, served, await freshUiUrl(served));
  await openPanel(page, 'Tools');
  const client = await mcpClient(served, served.token);
  try {
    const task = await firstOpenTask(client);
    const policy = page.getByLabel('Write policy');
    await policy.selectOption('confirm_all');
    await expect(policy).toHaveValue('confirm_all');
    const held = (await client.callTool({
      name: 'post_comment',
      arguments: { task_id: task.id, text: 'Held back by the policy' },
    })) as CallToolResult;
    expect(held.isError).toBe(true);
    expect(JSON.stringify(held.content)).toContain('needs confirm: true');
    await policy.selectOption('confirm_destructive');
    await expect(policy).toHaveValue('confirm_destructive');
  } finally {
    await client.close();
  }
});
