// Creating a client token: a name and a scope. The token is shown once, in a dialog with a copy button;
// only its hash is kept.
import { useState, type FormEvent } from 'react';
import type { CreatedToken, CreateToken } from '../../../../shared/api/tokens';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import { CopyButton } from '../../components/copy-button';
import { Modal } from '../../components/dialog';
import { InlineError } from '../../components/states';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export function CreateTokenForm() {
  const client = useQueryClient();
  const [form, setForm] = useState<CreateToken>({ name: '', scope: 'write' });
  const [created, setCreated] = useState<CreatedToken | undefined>();
  const create = useMutation({
    mutationFn: (input: CreateToken) => api.post<CreatedToken>('/tokens', input),
    onSuccess: (data) => {
      setCreated(data);
      setForm({ name: '', scope: form.scope });
      void client.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  return (
    <>
      <form className="form form-inline" onSubmit={submit}>
        <label>
          Client name
          <input
            required
            maxLength={64}
            placeholder="cursor, claude-desktop…"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label>
          Scope
          <select
            value={form.scope}
            onChange={(e) => setForm({ ...form, scope: e.target.value as CreateToken['scope'] })}
          >
            <option value="write">Read & write (every tool)</option>
            <option value="read">Read only (read tools only)</option>
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <InlineError error={create.error} />
      <Modal
        open={created !== undefined}
        onClose={() => setCreated(undefined)}
        title={`Token for "${created?.info.name ?? ''}"`}
      >
        <div className="dialog-body">
          <p>
            Copy it now: it is shown only this once. Put it in the client&rsquo;s MCP settings as the header
          </p>
          <p>
            <code>Authorization: Bearer &lt;token&gt;</code>
          </p>
          <div className="token-box">
            <code data-testid="new-token">{created?.token}</code>
            {created && <CopyButton text={created.token} />}
          </div>
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCreated(undefined)}
            autoFocus
          >
            Done
          </button>
        </div>
      </Modal>
    </>
  );
}
