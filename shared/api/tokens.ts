// MCP client tokens: shown once at creation, afterwards only their name, scope and times.
import { z } from 'zod';

export const tokenScopeSchema = z.enum(['read', 'write']);

export const tokenInfoSchema = z.strictObject({
  name: z.string(),
  scope: tokenScopeSchema,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

export const tokenListSchema = z.strictObject({ tokens: z.array(tokenInfoSchema) });

export const createTokenSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: 'give the client a name' })
    .max(64, { error: 'at most 64 characters' }),
  scope: tokenScopeSchema,
});
export type CreateToken = z.infer<typeof createTokenSchema>;

export const createdTokenSchema = z.strictObject({
  /** The secret itself: this is the only time it is ever sent. */
  token: z.string(),
  info: tokenInfoSchema,
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
