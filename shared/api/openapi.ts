// The Clients panel's "OpenAPI" entry (and `wsmcp connect openapi --print`): where OpenAPI clients such as
// Open WebUI find the tools, a token made for them, and how to connect Open WebUI. Answered by
// core/clients/openapi.ts.
import { z } from 'zod';
import { tokenScopeSchema } from './clients.js';

export const openApiConnectionSchema = z.object({
  /** The server URL an OpenAPI client is given: http://127.0.0.1:PORT. */
  baseUrl: z.string(),
  /** The document, relative to baseUrl as Open WebUI asks for it. */
  specPath: z.literal('openapi.json'),
  specUrl: z.string(),
  /** Swagger UI, where a user tries any tool with the token. */
  docsUrl: z.string(),
  /** Shown once: the store keeps only its hash. Each new one replaces the previous OpenAPI token. */
  token: z.string().optional(),
  tokenName: z.string(),
  scope: tokenScopeSchema,
  /** Browser origins allowed to call the tools (config.json `openapi.corsOrigins`); empty: none. */
  corsOrigins: z.array(z.string()),
  /** How to connect Open WebUI, one step per line. */
  steps: z.array(z.string()),
});
export type OpenApiConnection = z.infer<typeof openApiConnectionSchema>;

/** A new token for OpenAPI clients (replacing the previous one), with this scope. */
export const openApiTokenRequestSchema = z.object({ scope: tokenScopeSchema.default('write') });
export type OpenApiTokenRequest = z.input<typeof openApiTokenRequestSchema>;
