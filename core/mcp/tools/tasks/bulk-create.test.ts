// bulk_create_tasks through a real MCP client over the sandbox: each task made once, per-item results and
// progress, a dry run that sends no write, a repeat with the same key that makes none again, and a keyed
// repeat of a run that stopped half-way (cancelled: its journal row says unknown, as a crash leaves it)
// that makes only the rest.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOf, createHarness, writesSince, type Harness } from '../../testing/harness.js';

let h: Harness;
let projectId: string;

type Results = { results: { index: number; result: string; task_id?: string; reason?: string }[] };
const named = (title: string) => [...h.sandbox.data.tasks.values()].filter((t) => t.name === title);
const itemsOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ project_id: projectId, title: `${prefix} ${i}` }));

beforeAll(async () => {
  h = await createHarness();
  projectId = String([...h.sandbox.data.projects.values()].find((p) => p.status === 'active')!.id);
});
afterAll(() => h.close());

describe('bulk_create_tasks', () => {
  it('a dry run sends no write; a batch makes each task once; the same key again makes none', async () => {
    const items = [...itemsOf('Batch', 3), { project_id: '999999999', title: 'Nowhere' }];
    const from = h.sandbox.requests().length;
    const preview = await h.callTool('bulk_create_tasks', { items, dry_run: true });
    expect(changeOf(preview)?.state).toBe('preview');
    expect(writesSince(h, from)).toEqual([]);

    const progress: number[] = [];
    const call = { name: 'bulk_create_tasks', arguments: { items, idempotency_key: 'batch-1' } };
    const run = (await h.client.callTool(call, undefined, {
      onprogress: (p) => progress.push(p.progress),
    })) as CallToolResult;
    const out = run.structuredContent as Results;
    expect(out.results.map((r) => r.result)).toEqual(['done', 'done', 'done', 'failed']);
    expect(out.results[3]?.reason).toContain('999999999');
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    for (const [i, r] of out.results.slice(0, 3).entries()) {
      expect(named(`Batch ${i}`).map((t) => String(t.id))).toEqual([r.task_id]);
    }

    const writes = writesSince(h, from).length;
    const again = await h.callTool('bulk_create_tasks', { items, idempotency_key: 'batch-1' });
    expect(changeOf(again)?.state).toBe('replayed');
    expect(writesSince(h, from)).toHaveLength(writes);
    expect(named('Batch 0')).toHaveLength(1);
  });

  it('a keyed repeat of a run that stopped half-way makes only the rest', async () => {
    const items = itemsOf('Resumed', 5);
    const controller = new AbortController();
    const call = h.client.callTool(
      { name: 'bulk_create_tasks', arguments: { items, idempotency_key: 'batch-2' } },
      undefined,
      { signal: controller.signal, onprogress: (p) => p.progress === 2 && controller.abort() },
    );
    await expect(call).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const made = items.filter((i) => named(i.title).length === 1).length;
    expect(made).toBeGreaterThanOrEqual(2);
    expect(made).toBeLessThan(5);
    // A cancelled bulk is not known to be complete: its row says unknown, as a crash's would.
    const row = h.server.writes.journal.byKey('test', 'batch-2', 0)!;
    expect(row.state).toBe('unknown');

    const rerun = await h.callTool('bulk_create_tasks', { items, idempotency_key: 'batch-2' });
    const results = (rerun.structuredContent as Results).results.map((r) => r.result);
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(made);
    expect(results.filter((r) => r === 'done')).toHaveLength(5 - made);
    for (const item of items) expect(named(item.title)).toHaveLength(1);
  });
});
