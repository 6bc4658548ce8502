// Signing in again inside the serving process (the UI's Account panel), with the kind of sign-in the server
// was started with: the same steps as `wsmcp login` (login.ts), but on the served session and vault, so the
// server switches at once and the demo (whose vault is its own, in memory) can sign in too. Switching kinds
// or accounts needs `wsmcp login` and a restart: the served client was built for one of each.
import type { AccountState } from '../auth/account-state.js';
import { adminStatus, verifyAdminAccount, type AdminKeySettings } from '../auth/api-key.js';
import type { TlsMaterial } from '../auth/certificate.js';
import { resourceOwner, sameAccount } from '../auth/identity.js';
import type { OAuthClient } from '../auth/oauth.js';
import type { OAuthSession } from '../auth/session.js';
import { signIn } from '../auth/sign-in.js';
import { UserFacingError } from '../user-facing-error.js';
import type { Vault } from '../vault/vault.js';
import type { Scope } from '../worksection/actions.js';
import { createWorksectionClient } from '../worksection/client.js';

/** The served sign-in's parts that a new sign-in in this process replaces or reuses (connect.ts, demo.ts). */
export interface SignInKit {
  vault: Vault;
  oauth?: {
    session: OAuthSession;
    /** The OAuth app this server renews tokens with (kept current as the vault changes). */
    client: OAuthClient;
    redirectUri: string;
    /** The account this server serves: a sign-in to another one is refused. */
    accountUrl?: string;
    tls(): Promise<Pick<TlsMaterial, 'cert' | 'key'>>;
  };
  admin?: { accountUrl: string; meEmail: string };
}

/** A Worksection OAuth app the user gives in the Account panel (a first sign-in only). */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

/** Why a sign-in was refused: it conflicts with what this server serves, or the credential is wrong. */
export class ServingSignInError extends UserFacingError {
  constructor(
    message: string,
    readonly reason: 'conflict' | 'invalid',
  ) {
    super(message);
    this.name = 'ServingSignInError';
  }
}

export interface ServingSignIn {
  /** The one kind this server can sign in with again (none when it cannot). */
  methods: Array<'oauth' | 'admin'>;
  /** What to do instead, said in the words the user sees. */
  note: string;
  /** Set for the first sign-in of a data dir (first-sign-in.ts): the server restarts once it succeeds. */
  first?: { oauthAppNeeded: boolean };
  /**
   * OAuth through the consent page: `openUrl` gets its address once the HTTPS callback listens; resolves
   * once the tokens are the served session's (and who signed in is known, when it can be looked up).
   */
  oauth(opts: { signal: AbortSignal; openUrl(url: string): void; app?: OAuthApp }): Promise<void>;
  /** An admin API key, proved with one real call before it replaces the kept one. */
  admin(settings: AdminKeySettings): Promise<void>;
  /** Forgets the tokens (or the key); the OAuth app's id and secret stay, so a sign-in needs nothing. */
  signOut(): Promise<void>;
}

function noteFor(kit: SignInKit | undefined, demo: boolean): string {
  if (demo) {
    return kit?.oauth
      ? 'The demo signs in to its built-in sandbox account.'
      : 'The demo signs in to its built-in sandbox with its admin key.';
  }
  if (kit?.oauth) {
    return 'This server signs in with OAuth. To use an admin API key instead, stop it and run `wsmcp login --api-key`.';
  }
  if (kit?.admin) {
    return 'This server signs in with an admin API key. To sign in with OAuth instead, stop it and run `wsmcp login`.';
  }
  return 'Sign in with `wsmcp login`, then restart the server.';
}

export function servingSignIn(
  kit: SignInKit | undefined,
  state: AccountState,
  /** `scopes`: what an OAuth sign-in asks for (read-only mode asks for the read scopes only). */
  opts: { demo: boolean; log(line: string): void; scopes(): Scope[] },
): ServingSignIn {
  const note = noteFor(kit, opts.demo);
  const refuse = (): never => {
    throw new ServingSignInError(note, 'conflict');
  };

  return {
    methods: kit?.oauth ? ['oauth'] : kit?.admin ? ['admin'] : [],
    note,

    async oauth({ signal, openUrl, app }) {
      const oauth = kit?.oauth ?? refuse();
      if (app) {
        throw new ServingSignInError(
          'This server signs in with the OAuth app it was started with; to use another, run `wsmcp login --client-id …`.',
          'conflict',
        );
      }
      const settings = { ...oauth.client, redirectUri: oauth.redirectUri, scopes: opts.scopes() };
      await signIn({
        settings,
        tls: await oauth.tls(),
        signal,
        openUrl,
        accept: async (tokens) => {
          if (oauth.accountUrl && tokens.accountUrl && !sameAccount(oauth.accountUrl, tokens.accountUrl)) {
            throw new Error(
              `it is for ${new URL(tokens.accountUrl).host}, but this server serves ${new URL(oauth.accountUrl).host}; choose that account on the consent page`,
            );
          }
          await oauth.session.adopt(tokens);
        },
      });
      try {
        const owner = await resourceOwner(settings, oauth.session);
        const user = { id: owner.id, name: owner.name, email: owner.email };
        oauth.session.setUser(user);
        await kit?.vault.update((r) => (r.account ? { ...r, account: { ...r.account, user } } : r));
      } catch (err) {
        opts.log(`[warn] signed in, but who signed in could not be looked up: ${(err as Error).message}`);
      }
    },

    async admin(settings) {
      const admin = kit?.admin;
      if (!kit || !admin) return refuse();
      if (!sameAccount(settings.accountUrl, admin.accountUrl) || settings.meEmail !== admin.meEmail) {
        throw new ServingSignInError(
          `This server serves ${new URL(admin.accountUrl).host} as ${admin.meEmail}. To switch, stop it and run \`wsmcp login --api-key\`.`,
          'conflict',
        );
      }
      const client = createWorksectionClient({
        accountUrl: settings.accountUrl,
        auth: { kind: 'admin', apiKey: settings.apiKey },
      });
      let user;
      try {
        user = await verifyAdminAccount(client, settings);
      } catch (err) {
        throw new ServingSignInError((err as Error).message, 'invalid');
      } finally {
        client.close();
      }
      await kit.vault.update(
        () => ({
          apiKey: settings.apiKey,
          account: { mode: 'admin', url: settings.accountUrl, meEmail: settings.meEmail, user },
        }),
        { overwriteUnreadable: true },
      );
      state.set(adminStatus(settings, user));
    },

    async signOut() {
      if (kit?.oauth) {
        await kit.oauth.session.signOut();
      } else if (kit?.admin) {
        await kit.vault.update((r) => {
          delete r.apiKey;
          return r;
        });
        state.set({ kind: 'signed_out' });
      } else {
        refuse();
      }
    },
  };
}
