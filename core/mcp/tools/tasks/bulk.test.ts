// bulk_update_tasks through a real MCP client over the sandbox: per-item results, one read for every
// "before", progress notifications, a dry run that sends no write, a repeat that applies only the rest,
// and cancellation that stops the items not yet sent.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOf, createHarness, resultText, writesSince, type Harness } from '../../testing/harness.js';

let h: Harness;
let ids: string[];

type Results = { results: { task_id: string; result: string; reason?: string }[]; expected_seconds: number };
const writes = (from: number) => writesSince(h, from);

beforeAll(async () => {
  h = await createHarness();
  ids = [...h.sandbox.data.tasks.values()]
    .filter((t) => t.status === 'active' && !t.parentId)
    .slice(0, 6)
    .map((t) => String(t.id));
});
afterAll(() => h.close());

describe('bulk_update_tasks', () => {
  it('answers per item, reads once for every before, and reports progress', async () => {
    const from = h.sandbox.requests().length;
    const progress: number[] = [];
    const items = [
      { task_id: ids[0], priority: 9 },
      { task_id: ids[1], priority: 9, due_date: '2026-04-30' },
      { task_id: '999999999', priority: 1 },
    ];
    const r = (await h.client.callTool({ name: 'bulk_update_tasks', arguments: { items } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    })) as CallToolResult;
    const out = r.structuredContent as Results;
    expect(out.results.map((x) => x.result)).toEqual(['done', 'done', 'failed']);
    expect(out.results[2]?.reason).toContain('not found');
    expect(h.sandbox.data.tasks.get(Number(ids[1]))).toMatchObject({ priority: 9, dateEnd: '2026-04-30' });
    expect(writes(from).map((q) => q.action)).toEqual(['update_task', 'update_task']);
    expect(
      h.sandbox
        .requests()
        .slice(from)
        .filter((q) => q.action === 'get_all_tasks').length,
    ).toBeLessThanOrEqual(2);
    expect(progress).toEqual([0, 1, 2, 3]);
  });

  it('a dry run sends no write; a repeat with the same key applies only what is left', async () => {
    const items = ids.slice(2, 5).map((task_id) => ({ task_id, priority: 2 }));
    const from = h.sandbox.requests().length;
    const preview = await h.callTool('bulk_update_tasks', { items, dry_run: true });
    expect(changeOf(preview)?.state).toBe('preview');
    expect(writes(from)).toEqual([]);
    // As if an interrupted run had changed the first item already.
    h.sandbox.data.tasks.get(Number(ids[2]))!.priority = 2;
    const run = await h.callTool('bulk_update_tasks', { items, idempotency_key: 'bulk-1' });
    expect((run.structuredContent as Results).results.map((x) => x.result)).toEqual([
      'unchanged',
      'done',
      'done',
    ]);
    expect(writes(from)).toHaveLength(2);
  });

  it('adds and removes tags as set_tags does; an unknown tag fails its item only', async () => {
    const d = h.sandbox.data;
    const labels = [...d.tags.values()].filter((t) => {
      const g = d.tagGroups.get(t.groupId);
      return g?.scope === 'task' && g.type === 'label';
    });
    const [a, b] = labels;
    const first = d.tasks.get(Number(ids[0]))!;
    const second = d.tasks.get(Number(ids[1]))!;
    first.tagIds = first.tagIds.filter((t) => t !== a!.id && t !== b!.id);
    second.tagIds = [...second.tagIds.filter((t) => t !== a!.id), b!.id];
    const items = [
      { task_id: ids[0], add_tags: [a!.title.toUpperCase()] },
      { task_id: ids[1], add_tags: [String(a!.id)], remove_tags: [b!.title] },
      { task_id: ids[2], add_tags: ['no-such-tag'] },
    ];
    // Removing a tag is destructive: the default write policy asks to confirm it.
    const from = h.sandbox.requests().length;
    const held = await h.callTool('bulk_update_tasks', { items });
    expect(resultText(held)).toContain('confirm');
    expect(writes(from)).toEqual([]);
    const run = await h.callTool('bulk_update_tasks', { items, confirm: true });
    const out = (run.structuredContent as Results).results;
    expect(out.map((x) => x.result)).toEqual(['done', 'done', 'failed']);
    expect(out[2]?.reason).toContain('no-such-tag');
    expect(first.tagIds).toContain(a!.id);
    expect(second.tagIds).toContain(a!.id);
    expect(second.tagIds).not.toContain(b!.id);
    expect(writes(from).map((q) => q.action)).toEqual(['update_task_tags', 'update_task_tags']);
    // Already as asked: nothing is sent again.
    const again = await h.callTool('bulk_update_tasks', { items: items.slice(0, 2), confirm: true });
    expect(changeOf(again)?.state).toBe('unchanged');
    expect(writes(from)).toHaveLength(2);
  });

  it('stops sending when cancelled: the items not yet sent say cancelled', async () => {
    const items = ids.map((task_id) => ({ task_id, priority: 5 }));
    const controller = new AbortController();
    let seen = 0;
    const call = h.client.callTool({ name: 'bulk_update_tasks', arguments: { items } }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        seen = p.progress;
        if (p.progress === 2) controller.abort();
      },
    });
    await expect(call).rejects.toThrow();
    // The server finishes the item in flight and sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const changed = ids.filter((id) => h.sandbox.data.tasks.get(Number(id))?.priority === 5);
    expect(seen).toBe(2);
    expect(changed.length).toBeLessThan(ids.length);
  });
});
