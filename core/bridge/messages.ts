// JSON-RPC messages as the bridge passes them on: it reads only `id` and `method` and forwards the rest
// as it came. The bridge imports nothing but node:* and its own folder, so the Claude Desktop extension
// can ship these files alone and run them on Claude's built-in Node.
export type JsonRpcId = string | number;

export interface Message {
  jsonrpc: '2.0';
  id?: JsonRpcId | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export const isRequest = (m: Message): m is Message & { id: JsonRpcId; method: string } =>
  typeof m.method === 'string' && m.id !== undefined && m.id !== null;

export const result = (id: JsonRpcId, value: unknown): Message => ({ jsonrpc: '2.0', id, result: value });

export const failure = (id: JsonRpcId | null, code: number, message: string): Message => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
});

export const INTERNAL_ERROR = -32603;
export const METHOD_NOT_FOUND = -32601;
export const PARSE_ERROR = -32700;

export function asMessage(value: unknown): Message | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return (value as Message).jsonrpc === '2.0' ? (value as Message) : undefined;
}
