// The Clients panel's control-API contract: list every MCP client with its installed and connected state,
// preview a connect as a diff, connect (write), disconnect (remove), and copy a config, link, command or
// token. core/clients/clients-service.ts answers these; the routes only validate and call it.
import { z } from 'zod';

export const clientIdSchema = z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a client id like cursor' });
export const tokenScopeSchema = z.enum(['read', 'write']);

export const clientStateSchema = z.enum([
  /** Our entry is there, its token is valid and it matches the running app. */
  'connected',
  /** Our entry is there but stale (old port, revoked or replaced token, moved app): connect again. */
  'outdated',
  'not-connected',
  /** Someone else's server is configured under our name. */
  'other-entry',
  /** The file cannot be read or parsed; the detail says why. */
  'unreadable',
]);

export const clientActionSchema = z.object({
  kind: z.enum(['link', 'command']),
  label: z.string(),
});

export const clientSummarySchema = z.object({
  id: clientIdSchema,
  label: z.string(),
  transport: z.enum(['http', 'stdio']),
  format: z.enum(['json', 'jsonc', 'toml']),
  configPath: z.string(),
  installed: z.boolean(),
  state: clientStateSchema,
  detail: z.string().optional(),
  /** The client token made for this client (named after it), revocable like any other. */
  tokenName: z.string(),
  actions: z.array(clientActionSchema),
  afterWrite: z.string(),
  logs: z.string().optional(),
});
export type ClientSummary = z.infer<typeof clientSummarySchema>;

export const listClientsResponseSchema = z.object({ clients: z.array(clientSummarySchema) });

export const connectRequestSchema = z.object({
  client: clientIdSchema,
  scope: tokenScopeSchema.default('write'),
  /** Replace someone else's entry under our name (after the user confirmed). */
  force: z.boolean().default(false),
  /** The preview's baseHash: the write is refused when the file changed since. */
  baseHash: z.string().optional(),
});
export type ConnectRequest = z.input<typeof connectRequestSchema>;
export type ConnectInput = z.output<typeof connectRequestSchema>;

export const changeSchema = z.enum(['create', 'update', 'remove', 'none']);

export const previewResponseSchema = z.object({
  client: clientIdSchema,
  path: z.string(),
  change: changeSchema,
  /** Unified diff of the file, tokens masked. Empty when nothing changes. */
  diff: z.string(),
  /** sha256 of the file as previewed; pass it back to the write. */
  baseHash: z.string(),
  token: z.enum(['reused', 'new']),
  blocked: z
    .object({ reason: z.enum(['unparsable', 'unexpected', 'read-only', 'user-entry']), message: z.string() })
    .optional(),
});
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

export const writeResponseSchema = z.object({
  client: clientIdSchema,
  path: z.string(),
  change: changeSchema,
  backupPath: z.string().optional(),
  tokenName: z.string(),
  /** What the user does now (restart the client...), and where its log is. */
  message: z.string(),
});
export type WriteResponse = z.infer<typeof writeResponseSchema>;

export const removeRequestSchema = z.object({ client: clientIdSchema });

export const removeResponseSchema = writeResponseSchema.extend({ tokenRevoked: z.boolean() });
export type RemoveResponse = z.infer<typeof removeResponseSchema>;

export const copyRequestSchema = z.object({
  client: clientIdSchema,
  /** config: the file snippet; link/command: the one-click form; token: for the Claude Desktop extension. */
  kind: z.enum(['config', 'link', 'command', 'token']),
  scope: tokenScopeSchema.default('write'),
});
export type CopyRequest = z.input<typeof copyRequestSchema>;
export type CopyInput = z.output<typeof copyRequestSchema>;

export const copyResponseSchema = z.object({
  client: clientIdSchema,
  text: z.string(),
  tokenName: z.string(),
  /** True when a new token was made for this copy (the client's previous one stops working). */
  tokenCreated: z.boolean(),
  note: z.string(),
});
export type CopyResponse = z.infer<typeof copyResponseSchema>;

/**
 * The codes of the Clients panel's refusals (the body is the usual ApiError): unknown-client and
 * not-available 404, blocked (someone else's entry, an unreadable file) and changed (the file moved on
 * since the preview) 409, locked (another writer holds the file) 423.
 */
export type ClientsErrorCode = 'unknown-client' | 'blocked' | 'changed' | 'locked' | 'not-available';
