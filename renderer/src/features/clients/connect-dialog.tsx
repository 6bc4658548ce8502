// Connect, in two steps: first what will change in the client's file (a diff, tokens masked), then the
// write, then what the user does next. A refusal (someone else's entry under our name, a file we cannot
// read) says why and the way out; someone else's entry can be replaced once the user says so.
import { useState } from 'react';
import type { ClientSummary, PreviewResponse, WriteResponse } from '../../../../shared/api/clients';
import { ApiError } from '../../api/client';
import { Modal } from '../../components/dialog';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { DiffView } from './diff-view';
import { useConnect, usePreview } from './use-clients';

interface Props {
  client: ClientSummary;
  open: boolean;
  onClose(): void;
}

export function ConnectDialog({ client, open, onClose }: Props) {
  const [scope, setScope] = useState<'read' | 'write'>('write');
  const [force, setForce] = useState(false);
  const preview = usePreview({ client: client.id, scope, force }, open);
  const connect = useConnect();
  const close = () => {
    setForce(false);
    connect.reset();
    onClose();
  };
  const stale = connect.error instanceof ApiError && connect.error.code === 'changed';
  const done = connect.data;
  const nothingToDo = preview.data?.change === 'none' && !preview.data.blocked;

  return (
    <Modal open={open} onClose={close} title={`Connect ${client.label}`} className="dialog dialog-wide">
      <div className="dialog-body">
        {done ? (
          <Written result={done} />
        ) : preview.isPending ? (
          <Loading label="Reading the config file…" />
        ) : preview.isError ? (
          <ErrorState error={preview.error} retry={() => void preview.refetch()} />
        ) : (
          <>
            <Preview preview={preview.data} onReplace={() => setForce(true)} />
            <label className="form-inline">
              Access
              <select value={scope} onChange={(e) => setScope(e.target.value as 'read' | 'write')}>
                <option value="write">read &amp; write</option>
                <option value="read">read only</option>
              </select>
            </label>
          </>
        )}
        <InlineError error={connect.error} />
      </div>
      <div className="dialog-actions">
        {done ? (
          <button type="button" className="button button-primary" onClick={close} autoFocus>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              {nothingToDo ? 'Close' : 'Cancel'}
            </button>
            {nothingToDo ? null : stale ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  connect.reset();
                  void preview.refetch();
                }}
              >
                Show the new preview
              </button>
            ) : (
              <button
                type="button"
                className="button button-primary"
                disabled={!preview.data || preview.data.blocked !== undefined || connect.isPending}
                onClick={() =>
                  preview.data &&
                  connect.mutate({ client: client.id, scope, force, baseHash: preview.data.baseHash })
                }
              >
                Write the change
              </button>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}

function Preview({ preview, onReplace }: { preview: PreviewResponse; onReplace(): void }) {
  if (preview.blocked) {
    return (
      <div className="refusal" role="alert">
        <p>{preview.blocked.message}</p>
        {preview.blocked.reason === 'user-entry' && (
          <button type="button" className="button" onClick={onReplace}>
            Replace that entry (a backup is kept)
          </button>
        )}
        {preview.blocked.reason !== 'user-entry' && (
          <p className="hint">&ldquo;Copy config&rdquo; on the card gives the entry to add by hand.</p>
        )}
      </div>
    );
  }
  if (preview.change === 'none') {
    return <p>Already connected: {preview.path} has the current entry, nothing to change.</p>;
  }
  return (
    <>
      <p>
        {preview.change === 'create' ? 'Creates' : 'Changes'} <code className="path">{preview.path}</code>
        {preview.change === 'create' ? '.' : '; the old file is kept as a backup.'} Only the
        &ldquo;worksection&rdquo; entry is touched.
      </p>
      <DiffView diff={preview.diff} />
      <p className="hint">
        {preview.token === 'new'
          ? 'A token of its own is made for this client when you write; it appears under Client tokens.'
          : 'The token already in the file is kept.'}
      </p>
    </>
  );
}

function Written({ result }: { result: WriteResponse }) {
  return (
    <div role="status">
      <p className="status-line">
        {result.change === 'none' ? 'Nothing changed.' : `Wrote ${result.path}.`}
        {result.backupPath && <span className="muted"> The old file is saved as {result.backupPath}.</span>}
      </p>
      <p>{result.message}</p>
    </div>
  );
}
