// An SDK client connected in process to an MCP server of every tool, as an assistant would call them.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ALL_TOOLS } from '../../mcp/inventory/registry.js';
import { createMcpServer } from '../../mcp/server/server.js';
import type { ToolContextFactory } from '../../mcp/tools/kit/context-factory.js';

/** The client; `closers` gets what closes it and its server. */
export async function toolClient(
  contextFor: ToolContextFactory,
  closers: (() => Promise<void>)[],
): Promise<Client> {
  const server = createMcpServer({ tools: ALL_TOOLS, contextFor });
  const mcp = new Client({ name: 'tool-client', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide, { caller: 'agent' });
  await mcp.connect(clientSide);
  closers.push(async () => {
    await mcp.close();
    await server.close();
  });
  return mcp;
}
