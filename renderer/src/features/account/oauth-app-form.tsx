// A first sign-in with OAuth when no OAuth app is configured: Worksection signs third-party apps in through
// an OAuth app the account registers, so its client ID and secret come first. The secret field is
// write-only; the app keeps both encrypted after the sign-in.
import { useState, type FormEvent } from 'react';
import type { OAuthSignIn } from '../../../../shared/api/account';

export function OAuthAppForm({ busy, onStart }: { busy: boolean; onStart(app: OAuthSignIn): void }) {
  const [app, setApp] = useState({ clientId: '', clientSecret: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart(app);
  };
  const field = (name: keyof typeof app) => ({
    value: app[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setApp((a) => ({ ...a, [name]: e.target.value })),
  });
  return (
    <form className="form" onSubmit={submit} aria-label="OAuth app">
      <label>
        OAuth app client ID
        <input required autoComplete="off" spellCheck={false} {...field('clientId')} />
      </label>
      <label>
        Client secret
        <input type="password" required autoComplete="off" spellCheck={false} {...field('clientSecret')} />
        <span className="hint">
          In Worksection: Account settings → API → OAuth2, create an app with the redirect URI
          https://localhost:8443/callback. Both are kept encrypted on this computer.
        </span>
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Sign in with Worksection
        </button>
      </div>
    </form>
  );
}
