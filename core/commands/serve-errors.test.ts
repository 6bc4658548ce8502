// Issue 16, item 5, through `wsmcp serve --demo` and a real MCP client over HTTP: errors say what
// happened without echoing the input back whole. A 900 KB argument is cut in the error; a filter value
// so long that Worksection answers 431 says the value is too long; a 502/503 on a write says it was a
// server error (not a timeout) and keeps the "may have been applied" hint.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanUp, firstLine, start, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

const text = (r: CallToolResult): string =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

describe('errors of wsmcp serve', () => {
  it('cut echoed input, say a value is too long, and say what a 5xx on a write was', async () => {
    const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', tempDir()]);
    const ready = JSON.parse(await firstLine(child.stdout)) as {
      mcpUrl: string;
      token: string;
      sandboxUrl: string;
    };
    const client = new Client({ name: 'serve-errors', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(ready.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${ready.token}` } },
      }),
    );
    const call = (name: string, args: Record<string, unknown>) =>
      client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

    const huge = 'x'.repeat(900_000);
    const echoed = await call('log_time', { task_id: '1', time: huge });
    expect(echoed.isError).toBe(true);
    expect(text(echoed)).toMatch(/is not a duration/);
    expect(text(echoed)).toContain('(900000 characters)');
    expect(text(echoed).length).toBeLessThan(1000);

    const long = await call('list_tasks', { name_contains: 'a'.repeat(900_000) });
    expect(long.isError).toBe(true);
    expect(text(long)).toMatch(/a value in the request is too long \(HTTP 431\)/);
    expect(text(long)).not.toMatch(/Internal error/);

    const tasks = await call('list_tasks', { limit: 1 });
    const taskId = (tasks.structuredContent as { items: { id: string }[] }).items[0]!.id;
    expect((await call('log_time', { task_id: taskId, time: '0:30' })).isError).toBeFalsy();

    const faults = await fetch(`${ready.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(faults.status).toBe(200);
    // A write whose only request is the write itself (log_time reads the day's entries first).
    const write = await call('post_comment', { task_id: taskId, text: 'During an outage' });
    expect(write.isError).toBe(true);
    expect(text(write)).toMatch(
      /^Worksection's answer to post_comment was a server error \(HTTP 50[23]\); the change may have been applied \(change \d+ in the journal\)\.\nHint: Read the object back before repeating it/,
    );
    await client.close();
    child.kill('SIGTERM');
  }, 60_000);
});
