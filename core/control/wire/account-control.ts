// The Account panel over the app's account service: the state as the UI shows it, and one OAuth sign-in at a
// time through the consent page (the UI opens the address; the HTTPS callback finishes it on its own) with
// its progress, an admin API key, and signing out. The steps themselves are account/serving-sign-in.ts.
import type { AccountView, AdminSignIn, OAuthSignIn, SignInProgress } from '../../../shared/api/account.js';
import { ServingSignInError } from '../../account/serving-sign-in.js';
import type { AppServices } from '../../app/services.js';
import type { AccountStatus } from '../../auth/account-state.js';
import { adminKeySettingsSchema } from '../../auth/api-key.js';
import { ControlError } from '../errors.js';
import { parseWith } from '../request.js';
import type { AccountControl, Listener } from '../services.js';

export interface AccountDeps {
  account: AppServices['account'];
}

/** A refusal the user can act on becomes the answer's status; anything else is a bug. */
async function refusedAs<T>(run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (err) {
    if (err instanceof ServingSignInError) {
      throw new ControlError(err.reason === 'conflict' ? 'conflict' : 'bad_request', err.message);
    }
    throw err;
  }
}

const IDLE: SignInProgress = { state: 'idle', authorizeUrl: null, message: null };

function describe(
  status: AccountStatus,
): Omit<AccountView, 'methods' | 'methodsNote' | 'oauthAppNeeded' | 'signIn'> {
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
  const { account } = deps;
  const { serving } = account;
  const listeners = new Set<Listener<AccountView>>();
  let progress: SignInProgress = IDLE;
  let waiting: AbortController | undefined;

  const signedIn = () =>
    serving.first ? 'Signed in. The server restarts on the new sign-in…' : 'Signed in.';
  const view = (): AccountView => ({
    ...describe(account.state()),
    methods: serving.methods,
    methodsNote: serving.note,
    oauthAppNeeded: serving.first?.oauthAppNeeded ?? false,
    signIn: progress,
  });
  const publish = () => {
    const v = view();
    for (const listener of [...listeners]) listener(v);
  };
  const setProgress = (next: SignInProgress) => {
    progress = next;
    publish();
  };

  return {
    view,
    subscribe(listener) {
      listeners.add(listener);
      const off = account.subscribe(() => listener(view()));
      return () => {
        listeners.delete(listener);
        off();
      };
    },

    async signInOAuth(input: OAuthSignIn = {}) {
      if (!serving.methods.includes('oauth')) throw new ControlError('conflict', serving.note);
      const app =
        input.clientId && input.clientSecret
          ? { clientId: input.clientId, clientSecret: input.clientSecret }
          : undefined;
      if (serving.first?.oauthAppNeeded && !app) {
        throw new ControlError(
          'bad_request',
          'Give the OAuth app’s client ID and secret (Worksection: Account settings → API → OAuth2 apps).',
        );
      }
      if (waiting) return view();
      const abort = new AbortController();
      waiting = abort;
      let shown: (url: string) => void = () => undefined;
      const address = new Promise<string>((resolve) => (shown = resolve));
      const run = serving.oauth({ signal: abort.signal, openUrl: (url) => shown(url), app });
      run
        .then(
          () => setProgress({ state: 'succeeded', authorizeUrl: null, message: signedIn() }),
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
      if (!serving.methods.includes('admin')) throw new ControlError('conflict', serving.note);
      await refusedAs(serving.admin(parseWith(adminKeySettingsSchema, input)));
      if (serving.first) setProgress({ state: 'succeeded', authorizeUrl: null, message: signedIn() });
      return view();
    },

    async signOut() {
      waiting?.abort();
      await refusedAs(serving.signOut());
      progress = IDLE;
      publish();
      return view();
    },
  };
}
