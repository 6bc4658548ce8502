// A minimal TokenProvider over a running sandbox, for client tests and benchmarks: it starts from a pair
// minted by the sandbox and renews it through the real /oauth2/refresh endpoint (the product's own
// provider, with the vault and sign-in flow, lives in core/auth/).
import { AuthInvalidError } from '../../worksection/errors.js';
import type { TokenProvider } from '../../worksection/auth.js';
import type { RunningSandbox } from '../server.js';
import { tokenResponseSchema } from '../../worksection/schemas.js';

export interface SandboxTokenProvider extends TokenProvider {
  /** How many times refresh() ran. */
  readonly refreshes: number;
  /** The refresh token currently held (tests revoke it to simulate a withdrawn grant). */
  readonly refreshToken: string;
}

export function sandboxTokenProvider(sandbox: RunningSandbox): SandboxTokenProvider {
  let pair = sandbox.issueTokens();
  let refreshes = 0;
  return {
    get refreshes() {
      return refreshes;
    },
    get refreshToken() {
      return pair.refreshToken;
    },
    getAccessToken: () => Promise.resolve(pair.accessToken),
    async refresh() {
      refreshes++;
      const res = await fetch(`${sandbox.url}/oauth2/refresh`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: sandbox.oauthClient.id,
          client_secret: sandbox.oauthClient.secret,
          refresh_token: pair.refreshToken,
          grant_type: 'refresh_token',
        }),
      });
      const parsed = tokenResponseSchema.safeParse(await res.json());
      if (!parsed.success) throw new AuthInvalidError('oauth2/refresh', 'the refresh token was refused');
      pair = { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token };
    },
  };
}
