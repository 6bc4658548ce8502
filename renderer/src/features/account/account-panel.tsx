// Account: who is signed in, how (OAuth scopes and token expiry, or the admin key's account and "me"),
// signing in (the consent page opens in the browser and the page follows on its own), and signing out.
// Secrets never reach this page: the admin key field is write-only.
import { useState } from 'react';
import type { AccountView, OAuthSignIn } from '../../../../shared/api/account';
import { api } from '../../api/client';
import { keys, useAccount, useChange } from '../../api/queries';
import { ConfirmDialog } from '../../components/dialog';
import { Badge, Card, PanelHeader } from '../../components/panel';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { formatDateTime, formatRelative } from '../../lib/format';
import { AdminKeyForm } from './admin-key-form';
import { OAuthAppForm } from './oauth-app-form';

function StateBadge({ a }: { a: AccountView }) {
  if (a.state === 'signed_in') return <Badge tone="ok">Signed in</Badge>;
  return <Badge tone="warn">{a.state === 'signed_out' ? 'Signed out' : 'Sign-in needed'}</Badge>;
}

function Details({ a }: { a: AccountView }) {
  return (
    <dl className="details">
      <dt>Account</dt>
      <dd>{a.accountUrl ?? '–'}</dd>
      <dt>Sign-in</dt>
      <dd>
        {a.mode === 'admin' ? 'Admin API key' : a.mode === 'oauth' ? 'OAuth (Worksection sign-in)' : '–'}
      </dd>
      <dt>User</dt>
      <dd>{a.user ? `${a.user.name} <${a.user.email}>` : (a.meEmail ?? '–')}</dd>
      {a.mode === 'oauth' && a.expiresAt && (
        <>
          <dt>Access token</dt>
          <dd>
            expires {formatRelative(a.expiresAt)} ({formatDateTime(a.expiresAt)}); renewed automatically
          </dd>
        </>
      )}
      {a.scopes.length > 0 && (
        <>
          <dt>Scopes</dt>
          <dd className="chips">
            {a.scopes.map((s) => (
              <span key={s} className="chip">
                {s}
              </span>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}

function SignInProgress({ a, onCancel }: { a: AccountView; onCancel(): void }) {
  const p = a.signIn;
  if (p.state === 'idle') return null;
  return (
    <div className={`progress progress-${p.state}`} role="status" aria-live="polite">
      {p.state === 'waiting' && <span className="spinner" aria-hidden="true" />}
      <span>{p.message}</span>
      {p.state === 'waiting' && p.authorizeUrl && (
        <>
          <a className="button" href={p.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open the consent page
          </a>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}

export function AccountPanel() {
  const account = useAccount();
  const [confirmOut, setConfirmOut] = useState(false);
  const oauth = useChange(keys.account, (app?: OAuthSignIn) =>
    api.post<AccountView>('/account/sign-in/oauth', app),
  );
  const cancel = useChange(keys.account, () => api.post<AccountView>('/account/sign-in/cancel'));
  const signOut = useChange(keys.account, () => api.post<AccountView>('/account/sign-out'));
  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorState error={account.error} retry={() => void account.refetch()} />;
  const a = account.data;
  const startOAuth = (app?: OAuthSignIn) =>
    oauth.mutate(app, {
      onSuccess: (view) => {
        if (view.signIn.authorizeUrl) window.open(view.signIn.authorizeUrl, '_blank', 'noopener,noreferrer');
      },
    });
  return (
    <>
      <PanelHeader title="Account" intro="The Worksection account this app serves to your AI assistants." />
      <Card title="Sign-in" actions={<StateBadge a={a} />}>
        {a.state === 'sign_in_needed' && a.reason && <p className="warning-text">{a.reason}</p>}
        {a.state === 'signed_in' && a.reason && <p className="warning-text">{a.reason}</p>}
        <Details a={a} />
        <SignInProgress a={a} onCancel={() => cancel.mutate(undefined)} />
        <InlineError error={oauth.error ?? signOut.error} />
        <div className="actions">
          {a.methods.includes('oauth') && !a.oauthAppNeeded && (
            <button
              type="button"
              className={a.state === 'signed_in' ? 'button' : 'button button-primary'}
              disabled={oauth.isPending || a.signIn.state === 'waiting'}
              onClick={() => startOAuth()}
            >
              {a.state === 'signed_in' ? 'Sign in again' : 'Sign in with Worksection'}
            </button>
          )}
          {a.state === 'signed_in' && a.methods.length > 0 && (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirmOut(true)}>
              Sign out
            </button>
          )}
        </div>
        {a.methods.includes('oauth') && a.oauthAppNeeded && a.signIn.state !== 'waiting' && (
          <OAuthAppForm busy={oauth.isPending} onStart={startOAuth} />
        )}
        {a.methodsNote && <p className="muted small">{a.methodsNote}</p>}
      </Card>
      {a.methods.includes('admin') && <AdminKeyForm account={a} />}
      <ConfirmDialog
        open={confirmOut}
        title="Sign out of Worksection?"
        confirm="Sign out"
        danger
        busy={signOut.isPending}
        onCancel={() => setConfirmOut(false)}
        onConfirm={() => signOut.mutate(undefined, { onSettled: () => setConfirmOut(false) })}
      >
        <p>
          The saved sign-in is erased from this computer. Until you sign in again, every tool answers
          &ldquo;sign-in needed&rdquo; to your assistants.
        </p>
      </ConfirmDialog>
    </>
  );
}
