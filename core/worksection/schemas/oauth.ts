// The OAuth2 server's answers. They are not wrapped in the API envelope.
import { z } from 'zod';
import { emailSchema, wsIdSchema } from './primitives.js';

/** /oauth2/token and /oauth2/refresh. */
export const tokenResponseSchema = z.strictObject({
  // The Postman collection shows "Bearer", the FAQ pages "bearer".
  token_type: z.enum(['Bearer', 'bearer']),
  expires_in: z.number().int().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  /** Present on the code exchange; the collection's refresh example omits it. */
  account_url: z.url().optional(),
});

/** OAuth errors come as HTTP 200 with a camelCase errorDescription. */
export const oauthErrorSchema = z.strictObject({
  error: z.string(),
  errorDescription: z.string(),
});

/** /oauth2/resource: who the access token belongs to. */
export const resourceResponseSchema = z.strictObject({
  id: wsIdSchema,
  first_name: z.string(),
  last_name: z.string(),
  email: emailSchema,
  account_url: z.url(),
});

export type ResourceResponse = z.infer<typeof resourceResponseSchema>;
