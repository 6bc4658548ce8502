// The OAuth TokenProvider of one account: tokens come from the vault, renewals go to the vault before
// anyone uses them, and a refused renewal marks the account "sign-in needed" for everyone to see. It has
// no way to open a browser: a new sign-in is always the user's action.
//
// Renewal ahead of expiry goes through the client's scheduler rather than around it: getAccessToken()
// throws AuthExpiredError shortly before the token expires, so the scheduler runs its one shared refresh
// (calling refresh() below), holds new requests meanwhile, and retries the ones that were in flight with
// the rotated-away token instead of failing them as revoked.
import { createHash } from 'node:crypto';
import type { TokenProvider } from '../worksection/auth.js';
import { AuthExpiredError, AuthInvalidError, UpstreamUnavailableError } from '../worksection/errors.js';
import type { SecretsRecord, StoredTokens } from '../vault/record.js';
import type { Vault } from '../vault/vault.js';
import { VaultUnreadableError } from '../vault/errors.js';
import { AccountState, type AccountStatus, type SignedInUser } from './account-state.js';
import { OAuthRefusedError, OAuthUnavailableError } from './errors.js';
import { refreshTokens, type OAuthClient } from './oauth.js';

const ACTION = 'oauth2/refresh';
/** Renew this long before expiry, or a tenth of the lifetime when tokens live shorter than 50 minutes. */
const RENEW_AHEAD_MS = 5 * 60_000;
/**
 * After a refused renewal, how long another process (a `wsmcp stdio` bridge beside the server) may take to
 * save the pair it got with the same refresh token: the vault has no lock, so the loser of that race looks
 * again before it calls the sign-in dead.
 */
const RACE_GRACE_MS = 2_000;
const RACE_POLL_MS = 50;

/** Names a refresh token without keeping it: the "sign-in needed" mark says which pair was refused. */
export function refreshTokenHash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 32);
}

const sameUser = (a: SignedInUser | undefined, b: SignedInUser | undefined): boolean =>
  a?.id === b?.id && a?.email === b?.email && a?.name === b?.name;

export interface OAuthSessionOptions {
  client: OAuthClient;
  vault: Vault;
  state?: AccountState;
  now?: () => number;
  requestTimeoutMs?: number;
}

function renewAt(tokens: StoredTokens): number {
  const lifetime = Math.max(0, tokens.expiresAt - tokens.obtainedAt);
  return tokens.expiresAt - Math.min(RENEW_AHEAD_MS, lifetime / 10);
}

export class OAuthSession implements TokenProvider {
  readonly state: AccountState;
  private tokens: StoredTokens | undefined;
  private user: SignedInUser | undefined;
  private refreshing: Promise<void> | undefined;
  private refused: string | undefined;
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

  /** refreshTokenHash of the pair whose renewal was refused last (what the "sign-in needed" mark names). */
  get refusedTokenHash(): string | undefined {
    return this.refused;
  }

  /** A new sign-in's tokens: saved first (replacing an unreadable vault: signing in is the user's word). */
  async adopt(tokens: StoredTokens, user?: SignedInUser): Promise<void> {
    // The saved user belongs to the previous sign-in: it goes with the old pair, in the same write, so no
    // process ever reads the new pair beside the old user.
    await this.opts.vault.update(
      (r) => {
        if (!r.account) return { ...r, oauth: tokens };
        const { user: _previous, ...account } = r.account;
        return { ...r, oauth: tokens, account: user ? { ...account, user } : account };
      },
      { overwriteUnreadable: true },
    );
    this.tokens = tokens;
    this.user = user;
    this.refused = undefined;
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
        // Another process sharing the vault may have renewed with the same token first: its pair is ours.
        if (await this.renewedElsewhere(current)) return;
        this.refused = refreshTokenHash(current.refreshToken);
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

  /** Waits a moment for a pair newer than the refused one to reach the vault; adopts it if it comes. */
  private async renewedElsewhere(refused: StoredTokens): Promise<boolean> {
    const deadline = Date.now() + RACE_GRACE_MS;
    for (;;) {
      const record = await this.opts.vault.read().catch(() => undefined);
      const saved = record?.oauth;
      if (saved && saved.refreshToken !== refused.refreshToken && saved.obtainedAt >= refused.obtainedAt) {
        this.take(saved, record);
        return true;
      }
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, RACE_POLL_MS));
    }
  }

  // The vault is re-checked on every use (a stat when nothing changed), so a sign-in or sign-out made by
  // another process (`wsmcp login` beside a running server) is picked up; a new sign-in lifts "sign-in
  // needed".
  private async current(): Promise<StoredTokens | undefined> {
    let record: SecretsRecord;
    try {
      record = await this.opts.vault.read();
    } catch (err) {
      if (this.tokens) return this.tokens; // keep serving from memory; the next write will tell
      if (err instanceof VaultUnreadableError) this.needSignIn(err.message);
      throw err instanceof VaultUnreadableError
        ? new AuthInvalidError(ACTION, err.message, { cause: err })
        : err;
    }
    const saved = record.oauth;
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
      this.take(saved, record);
    } else if (
      record.account?.user &&
      !sameUser(record.account.user, this.user) &&
      this.state.current.kind === 'signed_in'
    ) {
      // `wsmcp login` saves who signed in after the pair: the user arrives on a later read.
      this.user = record.account.user;
      this.publish(this.tokens ?? saved);
    }
    return this.tokens;
  }

  /**
   * Adopts a pair found in the vault, with the user saved beside it: another user's sign-in made elsewhere
   * must be published as that user (cached answers and "me" belong to the user), never as the old one.
   */
  private take(saved: StoredTokens, record: SecretsRecord | undefined): void {
    this.tokens = saved;
    this.user = record?.account?.user;
    this.refused = undefined;
    this.publish(saved);
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
