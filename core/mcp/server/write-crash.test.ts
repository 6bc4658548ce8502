// A crash during a burst of writes: a real process (the MCP server with its change journal on SQLite, see
// testing/write-crash-child.ts) sends 20 keyed post_comment calls to a sandbox that holds each request
// before answering, and is SIGKILLed once some of them reached Worksection. After the restart every write
// the sandbox received has a journal row, and a retry of all 20 with the same keys leaves each comment
// exactly once: the lost answers are checked in Worksection, not sent again. The same for a bulk update
// killed mid-way: run again with its key, it sends only the items not yet applied.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { createChangeJournal } from '../../store/change-journal.js';
import { openDatabase } from '../../store/db.js';

const CHILD = 'dist-dev/core/mcp/testing/write-crash-child.js';
const CALLS = 20;
const HOLD_MS = 300;

let dir: string;
let sandbox: RunningSandbox;
let taskId: string;
let owner: string;

function runChild(
  mode: 'burst' | 'retry' | 'bulk',
  file: string,
  onLine: (msg: Record<string, unknown>) => void,
  tasks = taskId,
) {
  const child = spawn(
    process.execPath,
    [CHILD, file, sandbox.url, sandbox.apiKey, owner, tasks, mode, String(CALLS)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ end: NodeJS.Signals | number | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ end: signal ?? code, stderr })),
  );
  void (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      onLine(JSON.parse(line) as Record<string, unknown>);
    }
  })();
  return { child, exited };
}

const comments = (i: number) =>
  [...sandbox.data.comments.values()].filter((c) => c.taskId === Number(taskId) && c.text === `burst ${i}`);
const postsReceived = () => sandbox.requests().filter((r) => r.action === 'post_comment');

describe('SIGKILL during a burst of writes', () => {
  beforeAll(async () => {
    spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.node.json'], {
      stdio: 'ignore',
    });
    if (!existsSync(CHILD)) throw new Error(`${CHILD} was not built`);
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-write-crash-'));
    sandbox = await startSandbox({ rateLimit: 0 });
    const task = [...sandbox.data.tasks.values()].find((t) => t.status === 'active' && !t.parentId);
    if (!task) throw new Error('the sandbox has no open task');
    taskId = String(task.id);
    owner = sandbox.data.users.get(sandbox.data.ownerId)!.email;
  }, 120_000);
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a journal row for every write sent, and a keyed retry applies each write once', async () => {
    const file = join(dir, 'wsmcp.db');
    sandbox.faults.set({ latencyMs: HOLD_MS });
    const burst = runChild('burst', file, () => undefined);
    // Kill once some writes were answered by Worksection while others are still held.
    const deadline = Date.now() + 30_000;
    while (postsReceived().filter((r) => r.status === 200).length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    burst.child.kill('SIGKILL');
    const { end, stderr } = await burst.exited;
    expect(end, stderr).toBe('SIGKILL');
    // The held requests notice their client is gone.
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
    sandbox.faults.reset();

    const applied = Array.from({ length: CALLS }, (_, k) => k + 1).filter((i) => comments(i).length > 0);
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(applied.length).toBeLessThan(CALLS);

    const db = openDatabase(file);
    const journal = createChangeJournal(db);
    journal.markInterrupted(Date.now());
    const rows = journal.list({ limit: 100 });
    const sent = rows.filter((r) => r.requests.length > 0);
    // Every write Worksection received was journaled before it left.
    expect(sent.length).toBeGreaterThanOrEqual(postsReceived().length);
    for (const i of applied) {
      const row = journal.byKey('crash-test', `k-${i}`, 0);
      expect(row?.state, `k-${i}`).toMatch(/^(applied|unknown)$/);
    }
    expect(rows.every((r) => r.state !== 'pending')).toBe(true);
    db.close();

    const answers: Record<string, unknown>[] = [];
    const retry = runChild('retry', file, (msg) => answers.push(msg));
    expect((await retry.exited).end).toBe(0);
    for (let i = 1; i <= CALLS; i += 1) expect(comments(i), `burst ${i}`).toHaveLength(1);
    const states = answers.filter((a) => a.i !== undefined).map((a) => a.state);
    expect(states).toHaveLength(CALLS);
    expect(
      states.every((s) => s === 'applied' || s === 'replayed'),
      JSON.stringify(answers),
    ).toBe(true);
    expect(states.filter((s) => s === 'replayed').length).toBeGreaterThanOrEqual(applied.length);
  }, 120_000);

  it('a SIGKILL during a bulk update: the journal holds its requests, and the same bulk again sends only the rest', async () => {
    const file = join(dir, 'bulk.db');
    const ids = [...sandbox.data.tasks.values()]
      .filter((t) => t.status === 'active' && !t.parentId && t.priority !== 10)
      .slice(0, CALLS)
      .map((t) => t.id);
    const updates = () => sandbox.requests().filter((r) => r.action === 'update_task');
    const before = updates().length;
    sandbox.faults.set({ latencyMs: HOLD_MS });
    const bulk = runChild('bulk', file, () => undefined, ids.join(','));
    const deadline = Date.now() + 30_000;
    while (updates().filter((r) => r.status === 200).length - before < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    bulk.child.kill('SIGKILL');
    expect((await bulk.exited).end).toBe('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
    sandbox.faults.reset();

    const done = ids.filter((id) => sandbox.data.tasks.get(id)?.priority === 10);
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThan(ids.length);
    const db = openDatabase(file);
    const journal = createChangeJournal(db);
    journal.markInterrupted(Date.now());
    const row = journal.byKey('crash-test', 'bulk-crash', 0);
    // Every update Worksection received left the journal first.
    const journaled = row?.requests.filter((q) => q.action === 'update_task') ?? [];
    expect(row?.state).toBe('unknown');
    expect(journaled.length).toBeGreaterThanOrEqual(updates().length - before);
    db.close();

    const sentBefore = updates().length;
    let answer: { results?: { task_id: string; result: string }[] } = {};
    const again = runChild(
      'bulk',
      file,
      (msg) => {
        if (msg.bulk) answer = msg.bulk as typeof answer;
      },
      ids.join(','),
    );
    expect((await again.exited).end).toBe(0);
    expect(ids.every((id) => sandbox.data.tasks.get(id)?.priority === 10)).toBe(true);
    expect(updates().length - sentBefore).toBe(ids.length - done.length);
    const unchanged = (answer.results ?? [])
      .filter((r) => r.result === 'unchanged')
      .map((r) => Number(r.task_id));
    expect(unchanged.sort()).toEqual([...done].sort());
  }, 120_000);
});
