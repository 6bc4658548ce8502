// The child of the write crash test (write-crash.test.ts), run compiled from dist-dev/: the product's MCP
// server with its change journal on a SQLite file, over a sandbox the parent runs (admin key), and an SDK
// client. `burst` sends N keyed post_comment calls at once and is SIGKILLed by the parent mid-way;
// `retry` sends the same N calls again, one by one, and prints how each was answered.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createChangeJournal } from '../../store/change-journal.js';
import { openDatabase } from '../../store/db.js';
import { createWorksectionClient } from '../../worksection/client.js';
import { ALL_TOOLS } from '../inventory/registry.js';
import { createMcpServer } from '../server/server.js';
import { createWriteGuard } from '../server/write-guard.js';
import { createToolContextFactory } from '../tools/kit/context-factory.js';

const [file, url, apiKey, meEmail, taskId, mode, countArg] = process.argv.slice(2);
if (!file || !url || !apiKey || !meEmail || !taskId || !['burst', 'retry', 'bulk'].includes(mode ?? '')) {
  throw new Error(
    'usage: write-crash-child.js <db> <sandbox url> <api key> <me email> <task id(s)> burst|retry|bulk <n>',
  );
}
const count = Number(countArg ?? 10);
const say = (line: object): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const db = openDatabase(file);
const journal = createChangeJournal(db);
journal.markInterrupted(Date.now());
const upstream = createWorksectionClient({
  accountUrl: url,
  auth: { kind: 'admin', apiKey },
  // Spread out so the kill finds writes answered, writes held by the sandbox and writes not yet sent.
  scheduler: { ratePerSecond: 10 },
});
const mcp = createMcpServer({
  tools: ALL_TOOLS,
  contextFor: createToolContextFactory({ client: upstream, meEmail }),
  writes: createWriteGuard({ journal, policy: () => 'confirm_destructive' }),
});
const client = new Client({ name: 'write-crash-child', version: '1.0.0' });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await mcp.connect(serverSide, { caller: 'crash-test' });
await client.connect(clientSide);
await client.listTools();
say({ ready: true });

const call = async (i: number) => {
  const args = { task_id: taskId, text: `burst ${i}`, idempotency_key: `k-${i}` };
  const result = (await client.callTool({ name: 'post_comment', arguments: args })) as CallToolResult;
  const change = result.structuredContent?.change as { state?: string } | undefined;
  const first = result.content[0];
  say({ i, state: result.isError ? 'error' : change?.state, text: first?.type === 'text' ? first.text : '' });
};

if (mode === 'bulk') {
  // taskId is a comma-separated list here: one bulk_update_tasks over all of them, with one key.
  const items = taskId.split(',').map((id) => ({ task_id: id, priority: 10 }));
  const result = (await client.callTool(
    { name: 'bulk_update_tasks', arguments: { items, idempotency_key: 'bulk-crash' } },
    undefined,
    { timeout: 120_000 },
  )) as CallToolResult;
  say({ bulk: result.structuredContent ?? result.content });
} else if (mode === 'burst') {
  await Promise.all(Array.from({ length: count }, (_, k) => call(k + 1)));
} else {
  for (let i = 1; i <= count; i += 1) await call(i);
}
await client.close();
await mcp.close();
upstream.close();
db.close();
say({ done: true });
