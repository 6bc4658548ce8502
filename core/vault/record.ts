// What the vault holds: every secret of one data directory, as one JSON record. Unknown keys are kept, so
// a record written by a newer version survives a rewrite by an older one.
import { z } from 'zod';

const storedTokensSchema = z.object({
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

/**
 * The sign-in's settings, kept with its secrets (nothing here is secret): tokens are refreshable only by
 * the client that obtained them, so `serve` and `status` use what `login` used, whatever the config says now.
 */
const savedAccountSchema = z.looseObject({
  mode: z.enum(['oauth', 'admin']),
  /** The account's address (OAuth: as the token endpoint said). */
  url: z.string().optional(),
  oauthUrl: z.string().optional(),
  clientId: z.string().optional(),
  redirectUri: z.string().optional(),
  /** Admin-key mode: whose "me" the tools use. */
  meEmail: z.string().optional(),
  /** Who signed in (OAuth: the token's owner; admin: the "me" user), as of the sign-in. */
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).optional(),
});

export const secretsRecordSchema = z.looseObject({
  account: savedAccountSchema.optional(),
  /** Set when a running server had a renewal refused: the pair obtained at `obtainedAt` is dead. */
  signInNeeded: z
    .object({
      obtainedAt: z.number(),
      reason: z.string(),
      /** Which refresh token was refused (a hash, see refreshTokenHash): a mark for another pair is stale. */
      refreshTokenHash: z.string().optional(),
    })
    .optional(),
  oauth: storedTokensSchema.optional(),
  /** The OAuth client's secret, when the user entered it in the app rather than the config file. */
  clientSecret: z.string().optional(),
  /** Admin-key mode. */
  apiKey: z.string().optional(),
});

export type StoredTokens = z.infer<typeof storedTokensSchema>;
export type SecretsRecord = z.infer<typeof secretsRecordSchema>;
export type SavedAccount = z.infer<typeof savedAccountSchema>;

/** The secret values of a record, for redaction (store/redaction.ts). */
export function secretsOf(record: SecretsRecord): string[] {
  return [record.oauth?.accessToken, record.oauth?.refreshToken, record.clientSecret, record.apiKey].filter(
    (s): s is string => typeof s === 'string',
  );
}
