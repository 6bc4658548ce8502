// The child of the call-log crash test (call-log-crash.test.ts), run compiled from dist/: a real MCP server
// with the call log hooked in, and an SDK client calling get_echo {id: 1..N} one after another. It prints
// one JSON line per completed call ({"called": n}) and one per committed row ({"acked": n}), so the parent
// knows what was answered and what is on disk when it SIGKILLs this process.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer } from '../server/server.js';
import { echoTool } from './fixture-tools.js';
import { stubContextFor } from './stub-context.js';
import { createCallLog } from '../../store/call-log.js';
import { openDatabase } from '../../store/db.js';

const [file, totalArg, flushMsArg, batchRowsArg, stallAfterArg] = process.argv.slice(2);
if (!file)
  throw new Error('usage: call-log-crash-child.js <db file> <calls> <flush ms> <batch rows> [stall after]');
const total = Number(totalArg ?? 1_000);
// After this many calls the child stops calling and waits to be killed, so however slowly the parent reads,
// its SIGKILL lands while the run is still unfinished.
const stallAfter = Number(stallAfterArg ?? total);

// Pipes are synchronous on Linux, so a printed line is out before any later kill.
const say = (line: object): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const db = openDatabase(file);
const log = createCallLog(db, { flushMs: Number(flushMsArg ?? 20), batchRows: Number(batchRowsArg ?? 25) });
log.subscribe((row) => say({ acked: (JSON.parse(row.args ?? '{}') as { id: number }).id }));

const mcp = createMcpServer({
  tools: [echoTool],
  contextFor: stubContextFor,
  observe: (r) => log.record({ ...r, client: r.caller }),
});
const client = new Client({ name: 'crash-child', version: '1.0.0' });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await mcp.connect(serverSide, { caller: 'crash-test' });
await client.connect(clientSide);
say({ ready: true });

for (let id = 1; id <= total; id += 1) {
  if (id > stallAfter) {
    // A pending timer keeps the process (and the call log's flush timer) alive; nothing ever resolves it.
    await new Promise(() => setInterval(() => {}, 60_000));
  }
  const result = await client.callTool({ name: 'get_echo', arguments: { id } });
  if (result.isError) throw new Error(`call ${id} failed: ${JSON.stringify(result.content)}`);
  say({ called: id });
  // Spread the calls out so the parent's kill lands in the middle of the run.
  await new Promise((resolve) => setTimeout(resolve, 1));
}
await client.close();
await mcp.close();
log.close();
db.close();
say({ done: true });
