// The Account panel over the app's sign-in: one OAuth sign-in at a time through the consent page (the UI
// opens the address; the HTTPS callback finishes it on its own), an admin API key checked with one real
// call before it replaces the kept one, and signing out. The same steps as `wsmcp login` / `logout`
// (commands/login-oauth.ts, login-admin.ts), run in the serving process so it switches at once.
import type { AccountView, AdminSignIn, SignInProgress } from '../../../shared/api/account.js';
import type { AccountState, AccountStatus } from '../../auth/account-state.js';
import { adminKeySettingsSchema, adminStatus, verifyAdminAccount } from '../../auth/api-key.js';
import { resourceOwner, sameAccount } from '../../auth/identity.js';
import { signIn } from '../../auth/sign-in.js';
import type { SignInKit } from '../../app-upstream.js';
import type { Scope } from '../../worksection/actions.js';
import { createWorksectionClient } from '../../worksection/client.js';
import { ControlError } from '../errors.js';
import { parseWith } from '../request.js';
import type { AccountControl, Listener } from '../services.js';

export interface AccountDeps {
  state: AccountState;
  kit: SignInKit | undefined;
  demo: boolean;
  /** The scopes a new OAuth sign-in asks for (read-only mode asks for the read scopes only). */
  scopes(): Scope[];
  log(line: string): void;
}

const IDLE: SignInProgress = { state: 'idle', authorizeUrl: null, message: null };

function describe(status: AccountStatus): Omit<AccountView, 'methods' | 'methodsNote' | 'signIn'> {
  const none = {
    mode: null,
    accountUrl: null,
    user: null,
    scopes: [],
    expiresAt: null,
    meEmail: null,
    reason: null,
  };
  switch (status.kind) {
    case 'signed_out':
      return { state: 'signed_out', ...none };
    case 'sign_in_needed':
      return { state: 'sign_in_needed', ...none, reason: status.reason };
    case 'signed_in':
      return status.mode === 'oauth'
        ? {
            ...none,
            state: 'signed_in',
            mode: 'oauth',
            accountUrl: status.accountUrl ?? null,
            user: status.user ?? null,
            scopes: status.scopes,
            expiresAt: new Date(status.expiresAt).toISOString(),
            reason: status.warning ?? null,
          }
        : {
            ...none,
            state: 'signed_in',
            mode: 'admin',
            accountUrl: status.accountUrl,
            user: status.user ?? null,
            meEmail: status.meEmail,
          };
  }
}

export function createAccountControl(deps: AccountDeps): AccountControl {
  const { state, kit } = deps;
  const listeners = new Set<Listener<AccountView>>();
  let progress: SignInProgress = IDLE;
  let waiting: AbortController | undefined;

  const methods: AccountView['methods'] = kit?.oauth ? ['oauth'] : kit?.admin ? ['admin'] : [];
  const methodsNote = deps.demo
    ? kit?.oauth
      ? 'The demo signs in to its built-in sandbox account.'
      : 'The demo signs in to its built-in sandbox with its admin key.'
    : kit?.oauth
      ? 'This server signs in with OAuth. To use an admin API key instead, stop it and run `wsmcp login --api-key`.'
      : kit?.admin
        ? 'This server signs in with an admin API key. To sign in with OAuth instead, stop it and run `wsmcp login`.'
        : 'Sign in with `wsmcp login`, then restart the server.';

  const view = (): AccountView => ({ ...describe(state.current), methods, methodsNote, signIn: progress });
  const publish = () => {
    const v = view();
    for (const listener of [...listeners]) listener(v);
  };
  const setProgress = (next: SignInProgress) => {
    progress = next;
    publish();
  };

  async function finishOAuth(
    oauth: NonNullable<SignInKit['oauth']>,
    settings: Parameters<typeof resourceOwner>[0],
  ) {
    try {
      const owner = await resourceOwner(settings, oauth.session);
      const user = { id: owner.id, name: owner.name, email: owner.email };
      oauth.session.setUser(user);
      await kit?.vault.update((r) => (r.account ? { ...r, account: { ...r.account, user } } : r));
    } catch (err) {
      deps.log(`[warn] signed in, but who signed in could not be looked up: ${(err as Error).message}`);
    }
  }

  return {
    view,
    subscribe(listener) {
      listeners.add(listener);
      const off = state.subscribe(() => listener(view()));
      return () => {
        listeners.delete(listener);
        off();
      };
    },

    async signInOAuth() {
      const oauth = kit?.oauth;
      if (!oauth) throw new ControlError('conflict', methodsNote);
      if (waiting) return view();
      const abort = new AbortController();
      waiting = abort;
      const settings = { ...oauth.client, redirectUri: oauth.redirectUri, scopes: deps.scopes() };
      let tls;
      try {
        tls = await oauth.tls();
      } catch (err) {
        waiting = undefined;
        throw err;
      }
      let shown: (url: string) => void = () => undefined;
      const address = new Promise<string>((resolve) => (shown = resolve));
      const run = signIn({
        settings,
        tls,
        signal: abort.signal,
        openUrl: (url) => shown(url),
        accept: async (tokens) => {
          if (oauth.accountUrl && tokens.accountUrl && !sameAccount(oauth.accountUrl, tokens.accountUrl)) {
            throw new Error(
              `it is for ${new URL(tokens.accountUrl).host}, but this server serves ${new URL(oauth.accountUrl).host}; choose that account on the consent page`,
            );
          }
          await oauth.session.adopt(tokens);
        },
      });
      run
        .then(
          async () => {
            await finishOAuth(oauth, settings);
            setProgress({ state: 'succeeded', authorizeUrl: null, message: 'Signed in.' });
          },
          (err: unknown) => {
            const message = abort.signal.aborted ? 'The sign-in was cancelled.' : (err as Error).message;
            setProgress({ state: 'failed', authorizeUrl: null, message });
          },
        )
        .finally(() => {
          if (waiting === abort) waiting = undefined;
        });
      // The callback is listening once the address exists; a failure before that ends the wait too.
      const url = await Promise.race([
        address,
        run.then(
          () => undefined,
          () => undefined,
        ),
      ]);
      if (url)
        setProgress({ state: 'waiting', authorizeUrl: url, message: 'Approve the access in the browser.' });
      return view();
    },

    cancelSignIn() {
      waiting?.abort();
      return view();
    },

    async signInAdmin(input: AdminSignIn) {
      const admin = kit?.admin;
      if (!admin || !kit) throw new ControlError('conflict', methodsNote);
      const settings = parseWith(adminKeySettingsSchema, input);
      if (!sameAccount(settings.accountUrl, admin.accountUrl) || settings.meEmail !== admin.meEmail) {
        throw new ControlError(
          'conflict',
          `This server serves ${new URL(admin.accountUrl).host} as ${admin.meEmail}. To switch, stop it and run \`wsmcp login --api-key\`.`,
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
        throw new ControlError('bad_request', (err as Error).message);
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
      return view();
    },

    async signOut() {
      waiting?.abort();
      if (kit?.oauth) {
        // The OAuth app's id and secret stay, so "Sign in" works again without them.
        await kit.oauth.session.signOut();
      } else if (kit?.admin) {
        await kit.vault.update((r) => {
          delete r.apiKey;
          return r;
        });
        state.set({ kind: 'signed_out' });
      } else {
        throw new ControlError('conflict', methodsNote);
      }
      progress = IDLE;
      publish();
      return view();
    },
  };
}
