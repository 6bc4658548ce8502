// Signing in with the account owner's admin API key: checked with one real request before it replaces
// the kept key. The field is write-only: the key is never shown again.
import { useState, type FormEvent } from 'react';
import type { AccountView, AdminSignIn } from '../../../../shared/api/account';
import { api } from '../../api/client';
import { keys, useChange } from '../../api/queries';
import { Card } from '../../components/panel';
import { InlineError } from '../../components/states';

export function AdminKeyForm({ account }: { account: AccountView }) {
  const [form, setForm] = useState<AdminSignIn>({
    accountUrl: account.accountUrl ?? '',
    meEmail: account.meEmail ?? '',
    apiKey: '',
  });
  const save = useChange(keys.account, (input: AdminSignIn) =>
    api.post<AccountView>('/account/sign-in/admin', input),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form, { onSuccess: () => setForm((f) => ({ ...f, apiKey: '' })) });
  };
  const field = (name: keyof AdminSignIn) => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  return (
    <Card title="Admin API key">
      <form className="form" onSubmit={submit}>
        <label>
          Account address
          <input
            type="url"
            required
            placeholder="https://yourcompany.worksection.com"
            {...field('accountUrl')}
          />
        </label>
        <label>
          &ldquo;Me&rdquo; is
          <input type="email" required placeholder="you@yourcompany.com" {...field('meEmail')} />
        </label>
        <label>
          Admin API key
          <input type="password" required autoComplete="off" spellCheck={false} {...field('apiKey')} />
          <span className="hint">
            From Account → Security → Admin API in Worksection. It is kept encrypted.
          </span>
        </label>
        <InlineError error={save.error} />
        {save.isSuccess && <p role="status">The key works and is saved.</p>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Checking…' : 'Check and save key'}
          </button>
        </div>
      </form>
    </Card>
  );
}
