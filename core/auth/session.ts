// The OAuth TokenProvider of one account: tokens come from the vault, renewals go to the vault before
// anyone uses them, and a refused renewal marks the account "sign-in needed" for everyone to see. It has
// no way to open a browser: a new sign-in is always the user's action (reference B9.3 is the opposite).
//
// Renewal ahead of expiry goes through the client's scheduler rather than around it: getAccessToken()
// throws AuthExpiredError shortly before the token expires, so the scheduler runs its one shared refresh
// (calling refresh() below), holds new requests meanwhile, and retries the ones that were in flight with
// the rotated-away token instead of failing them as revoked.
import type { TokenProvider } from '../worksection/auth.js';
import { AuthExpiredError, AuthInvalidError, UpstreamUnavailableError } from '../worksection/errors.js';
import type { StoredTokens } from '../vault/record.js';
import type { Vault } from '../vault/vault.js';
import { VaultUnreadableError } from '../vault/errors.js';
import { AccountState, type AccountStatus, type SignedInUser } from './account-state.js';
import { OAuthRefusedError, OAuthUnavailableError } from './errors.js';
import { refreshTokens, type OAuthClient } from './oauth.js';

const ACTION = 'oauth2/refresh';
/** Renew this long before expiry, or a tenth of the lifetime when tokens live shorter than 50 minutes. */
const RENEW_AHEAD_MS = 5 * 60_000;

export interface OAuthSessionOptions {
  client: OAuthClient;
  vault: Vault;
  state?: AccountState;
  now?: () => number;
  requestTimeoutMs?: number;
}

export function renewAt(tokens: StoredTokens): number {
  const lifetime = Math.max(0, tokens.expiresAt - tokens.obtainedAt);
  return tokens.expiresAt - Math.min(RENEW_AHEAD_MS, lifetime / 10);
}

export class OAuthSession implements TokenProvider {
  readonly state: AccountState;
  private tokens: StoredTokens | undefined;
  private user: SignedInUser | undefined;
  private refreshing: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: OAuthSessionOptions) {
    this.state = opts.state ?? new AccountState();
    this.now = opts.now ?? Date.now;
  }

  /** Reads the saved sign-in and publishes the state; call once at start (later calls re-check the vault). */
  async load(): Promise<AccountStatus> {
    await this.current().catch(() => undefined);
    return this.state.current;
  }

  async getAccessToken(): Promise<string> {
    if (this.refreshing) await this.refreshing.catch(() => {});
    const tokens = await this.usable();
    if (this.now() >= renewAt(tokens)) throw new AuthExpiredError(ACTION);
    return tokens.accessToken;
  }

  /** For callers outside the client's scheduler (identity lookups): renews first when due. */
  async freshAccessToken(): Promise<string> {
    if (this.now() >= renewAt(await this.usable())) await this.refresh();
    return (await this.usable()).accessToken;
  }

  /** One renewal at a time: concurrent callers share it. */
  refresh(): Promise<void> {
    this.refreshing ??= this.renew().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A new sign-in's tokens: saved first (replacing an unreadable vault: signing in is the user's word). */
  async adopt(tokens: StoredTokens, user?: SignedInUser): Promise<void> {
    await this.opts.vault.update((r) => ({ ...r, oauth: tokens }), { overwriteUnreadable: true });
    this.tokens = tokens;
    this.user = user;
    this.publish(tokens);
  }

  setUser(user: SignedInUser): void {
    this.user = user;
    if (this.tokens && this.state.current.kind === 'signed_in') this.publish(this.tokens);
  }

  /** Forgets the sign-in locally (the vault keeps its other secrets). */
  async signOut(): Promise<void> {
    await this.opts.vault.update((r) => {
      delete r.oauth;
      return r;
    });
    this.tokens = undefined;
    this.user = undefined;
    this.state.set({ kind: 'signed_out' });
  }

  private async renew(): Promise<void> {
    const current = await this.usable();
    let next: StoredTokens;
    try {
      next = await refreshTokens(this.opts.client, current, {
        now: this.now,
        timeoutMs: this.opts.requestTimeoutMs,
      });
    } catch (err) {
      if (err instanceof OAuthRefusedError) {
        this.needSignIn(err.clientRejected ? `${err.message} Check the client id and secret.` : err.message);
        throw new AuthInvalidError(ACTION, 'the saved sign-in was refused', { cause: err });
      }
      const reason = err instanceof OAuthUnavailableError && err.reason === 'timeout' ? 'timeout' : 'network';
      throw new UpstreamUnavailableError(ACTION, { attempts: 1, reason }, { cause: err });
    }
    // The old pair is dead now: the new one goes to disk before any request uses it. If the disk refuses,
    // the pair still works for this run; the user learns that a restart will need a new sign-in.
    let warning: string | undefined;
    try {
      await this.opts.vault.update((r) => ({ ...r, oauth: next }));
    } catch (err) {
      warning = `The renewed sign-in could not be saved (${(err as Error).message}); after a restart you will need to sign in again.`;
    }
    this.tokens = next;
    this.publish(next, warning);
  }

  /** Current tokens, or throws AuthInvalidError (with the state already saying why). */
  private async usable(): Promise<StoredTokens> {
    const tokens = await this.current();
    const status = this.state.current;
    if (status.kind === 'sign_in_needed') throw new AuthInvalidError(ACTION, status.reason);
    if (!tokens) throw new AuthInvalidError(ACTION, 'not signed in');
    return tokens;
  }

  // The vault is re-checked on every use (a stat when nothing changed), so a sign-in or sign-out made by
  // another process (`wsmcp login` beside a running server) is picked up; a new sign-in lifts "sign-in
  // needed".
  private async current(): Promise<StoredTokens | undefined> {
    let saved: StoredTokens | undefined;
    try {
      saved = (await this.opts.vault.read()).oauth;
    } catch (err) {
      if (this.tokens) return this.tokens; // keep serving from memory; the next write will tell
      if (err instanceof VaultUnreadableError) this.needSignIn(err.message);
      throw err instanceof VaultUnreadableError
        ? new AuthInvalidError(ACTION, err.message, { cause: err })
        : err;
    }
    if (!saved) {
      // Signed out here or by another process (`wsmcp logout`): the memory copy goes too.
      this.tokens = undefined;
      this.user = undefined;
      if (this.state.current.kind !== 'signed_out') this.state.set({ kind: 'signed_out' });
      return undefined;
    }
    // A pair saved later than ours (a sign-in elsewhere) wins; an older one is ours before a failed save.
    const mine = this.tokens;
    if (!mine || (saved.refreshToken !== mine.refreshToken && saved.obtainedAt >= mine.obtainedAt)) {
      this.tokens = saved;
      this.publish(saved);
    }
    return this.tokens;
  }

  private needSignIn(reason: string): void {
    this.state.set({ kind: 'sign_in_needed', reason });
  }

  private publish(tokens: StoredTokens, warning?: string): void {
    this.state.set({
      kind: 'signed_in',
      mode: 'oauth',
      scopes: tokens.scopes,
      expiresAt: tokens.expiresAt,
      ...(tokens.accountUrl === undefined ? {} : { accountUrl: tokens.accountUrl }),
      ...(this.user === undefined ? {} : { user: this.user }),
      ...(warning === undefined ? {} : { warning }),
    });
  }
}
