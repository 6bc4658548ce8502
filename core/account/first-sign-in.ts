// The first sign-in from the app itself (the desktop window, or the UI of a server that can restart): a data
// dir that was never signed in still serves, every tool answering "sign-in needed", and the Account panel
// signs in with the same steps as `wsmcp login` (login.ts). The served Worksection client is built for one
// account and one kind of sign-in, so after a first sign-in the host restarts the server onto it; clients
// keep their tokens and the bridge reconnects by itself.
import type { Config } from '../config.js';
import { UserFacingError } from '../user-facing-error.js';
import type { SecretBackend } from '../vault/secret-store.js';
import { signInAdmin, signInOAuth } from './login.js';
import { ServingSignInError, type ServingSignIn } from './serving-sign-in.js';

export interface FirstSignInOptions {
  /** The host's key holder (Electron safeStorage), as the served vault would use. */
  secretBackend?: SecretBackend;
  /** Starts the server again on the new sign-in, once this request has been answered. */
  restart(): void;
  /** An OAuth app is configured or kept from an earlier sign-in; else the Account panel asks for one. */
  oauthAppKnown: boolean;
  log(line: string): void;
}

const NOTE =
  'Not signed in yet: sign in with Worksection (an OAuth app of your account: its client ID and secret) ' +
  'or with the account owner’s admin API key. The server restarts on the new sign-in; connected ' +
  'assistants keep working.';

/** Refusals the user can fix are 'invalid' (the panel shows them); anything else is a bug and stays one. */
async function refusedAsInvalid(run: Promise<unknown>): Promise<void> {
  try {
    await run;
  } catch (err) {
    if (err instanceof UserFacingError) throw new ServingSignInError(err.message, 'invalid');
    throw err;
  }
}

export function firstSignIn(config: Config, opts: FirstSignInOptions): ServingSignIn {
  const done = (what: string) => {
    opts.log(`[info] signed in for the first time (${what}); restarting the server on it`);
    // The answer to the sign-in request leaves first; the restart closes this server.
    setTimeout(() => opts.restart(), 100).unref();
  };
  return {
    methods: ['oauth', 'admin'],
    note: NOTE,
    first: { oauthAppNeeded: !opts.oauthAppKnown },

    async oauth({ signal, openUrl, app }) {
      const account = app
        ? { ...config.account, clientId: app.clientId, clientSecret: app.clientSecret }
        : config.account;
      await refusedAsInvalid(
        signInOAuth({ ...config, account }, { signal, openUrl, secretBackend: opts.secretBackend }),
      );
      done('OAuth');
    },

    async admin(settings) {
      const account = { ...config.account, url: settings.accountUrl, meEmail: settings.meEmail };
      await refusedAsInvalid(
        signInAdmin({ ...config, account }, () => Promise.resolve(settings.apiKey), {
          secretBackend: opts.secretBackend,
        }),
      );
      done('admin API key');
    },

    signOut() {
      return Promise.reject(
        new ServingSignInError('Not signed in: there is nothing to sign out of.', 'conflict'),
      );
    },
  };
}
