// The size of what a model reads before it does anything: the tools/list answer as a client receives it.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export interface ToolListSize {
  tools: number;
  /** The whole tools/list result, serialised. */
  fullChars: number;
  /** Names, descriptions and input schemas: what every client passes to the model. */
  leanChars: number;
  instructionsChars: number;
}

export async function measureToolList(client: Client): Promise<ToolListSize> {
  const listed = await client.listTools();
  return {
    tools: listed.tools.length,
    fullChars: JSON.stringify(listed).length,
    leanChars: listed.tools.reduce(
      (sum, t) => sum + t.name.length + (t.description ?? '').length + JSON.stringify(t.inputSchema).length,
      0,
    ),
    instructionsChars: (client.getInstructions() ?? '').length,
  };
}
