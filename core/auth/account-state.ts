// The account's sign-in state, observable: status, the UI and tool errors all read the same value, and the
// UI subscribes to changes. It never holds a secret: tokens are represented by their expiry only.

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
}

export type AccountStatus =
  | { kind: 'signed_out' }
  | {
      kind: 'signed_in';
      mode: 'oauth';
      scopes: string[];
      /** Epoch ms when the current access token expires (it is renewed before then). */
      expiresAt: number;
      accountUrl?: string;
      user?: SignedInUser;
      /** Something the user should know that does not stop the account working. */
      warning?: string;
    }
  | { kind: 'signed_in'; mode: 'admin'; accountUrl: string; meEmail: string; user?: SignedInUser }
  /** The saved sign-in cannot be used any more; only the user can fix it, by signing in again. */
  | { kind: 'sign_in_needed'; reason: string };

export type AccountListener = (status: AccountStatus) => void;

export class AccountState {
  private status: AccountStatus = { kind: 'signed_out' };
  private readonly listeners = new Set<AccountListener>();

  get current(): AccountStatus {
    return this.status;
  }

  set(status: AccountStatus): void {
    this.status = status;
    for (const listener of [...this.listeners]) listener(status);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: AccountListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A short masked hint of a secret for the UI: never more than its last 4 characters. */
  static mask(secret: string): string {
    return secret.length <= 8 ? '••••' : `••••${secret.slice(-4)}`;
  }
}
