// What the vault holds: every secret of one data directory, as one JSON record. Unknown keys are kept, so
// a record written by a newer version survives a rewrite by an older one.
import { z } from 'zod';

export const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms when the access token expires, by our clock at the time of the request. */
  expiresAt: z.number(),
  /** Epoch ms when the pair was obtained. */
  obtainedAt: z.number(),
  /** Granted scopes (from the token's claims, else the requested ones). */
  scopes: z.array(z.string()),
  /** The account the tokens belong to, as the token endpoint said. */
  accountUrl: z.string().optional(),
});

export const secretsRecordSchema = z.looseObject({
  oauth: storedTokensSchema.optional(),
  /** The OAuth client's secret, when the user entered it in the app rather than the config file. */
  clientSecret: z.string().optional(),
  /** Admin-key mode. */
  apiKey: z.string().optional(),
});

export type StoredTokens = z.infer<typeof storedTokensSchema>;
export type SecretsRecord = z.infer<typeof secretsRecordSchema>;
