// The Worksection sign-in as the UI sees it: never a secret, only what it is and when it ends.
import { z } from 'zod';

export const signedInUserSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });

export const signInMethodSchema = z.enum(['oauth', 'admin']);

/** A sign-in the UI started: waiting for the browser, then done or failed with the reason. */
export const signInProgressSchema = z.strictObject({
  state: z.enum(['idle', 'waiting', 'succeeded', 'failed']),
  /** The Worksection consent page to open while waiting. */
  authorizeUrl: z.string().nullable(),
  message: z.string().nullable(),
});
export type SignInProgress = z.infer<typeof signInProgressSchema>;

export const accountViewSchema = z.strictObject({
  state: z.enum(['signed_out', 'signed_in', 'sign_in_needed']),
  mode: signInMethodSchema.nullable(),
  accountUrl: z.string().nullable(),
  user: signedInUserSchema.nullable(),
  scopes: z.array(z.string()),
  /** ISO time the access token expires (it is renewed before then); OAuth only. */
  expiresAt: z.string().nullable(),
  /** Admin key: the user "me" stands for. */
  meEmail: z.string().nullable(),
  /** Why a sign-in is needed, or a warning while signed in. */
  reason: z.string().nullable(),
  /** The ways to sign in this server offers now, and why one is missing. */
  methods: z.array(signInMethodSchema),
  methodsNote: z.string().nullable(),
  /** A first sign-in with OAuth needs the Worksection OAuth app's client ID and secret (none is known). */
  oauthAppNeeded: z.boolean(),
  signIn: signInProgressSchema,
});
export type AccountView = z.infer<typeof accountViewSchema>;

/** The OAuth app for a first sign-in, when none is configured (both or neither). */
export const oauthSignInSchema = z
  .strictObject({
    clientId: z.string().trim().min(1, { error: 'is required' }).optional(),
    clientSecret: z.string().trim().min(1, { error: 'is required' }).optional(),
  })
  .refine((v) => (v.clientId === undefined) === (v.clientSecret === undefined), {
    error: 'give both the client ID and the client secret',
  });
export type OAuthSignIn = z.infer<typeof oauthSignInSchema>;

// The shape only: core checks the values with the same rules as `wsmcp login --api-key` (auth/api-key.ts).
export const adminSignInSchema = z.strictObject({
  accountUrl: z.string().min(1, { error: 'is required' }),
  meEmail: z.string().min(1, { error: 'is required' }),
  apiKey: z.string().min(1, { error: 'is required' }),
});
export type AdminSignIn = z.infer<typeof adminSignInSchema>;
