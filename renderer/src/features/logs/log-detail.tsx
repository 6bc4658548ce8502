// One call in full: who asked what, with which arguments, the beginning of the answer (both redacted and
// cut as they were stored), how it ended, how long it took, and what it cost upstream.
import type { CallRow } from '../../../../shared/api/logs';
import { Modal } from '../../components/dialog';
import { formatBytes, formatDateTime, formatDuration } from '../../lib/format';
import { STATUS_LABELS } from './log-filters';

function pretty(args: string | null): string {
  if (args === null) return '(none)';
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    // Cut at 4 KB when stored: no longer valid JSON, shown as it is.
    return args;
  }
}

export function LogDetail({ row, onClose }: { row: CallRow | undefined; onClose(): void }) {
  return (
    <Modal
      open={row !== undefined}
      onClose={onClose}
      title={row ? (row.target ?? row.method) : ''}
      className="drawer"
    >
      {row && (
        <div className="drawer-body">
          <dl className="details">
            <dt>Time</dt>
            <dd>{formatDateTime(row.time)}</dd>
            <dt>Client</dt>
            <dd>{row.client}</dd>
            <dt>Request</dt>
            <dd>
              <code>{row.method}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <span className={`status status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
            </dd>
            <dt>Duration</dt>
            <dd>{formatDuration(row.durationMs)}</dd>
            <dt>Worksection requests</dt>
            <dd>{row.upstreamRequests}</dd>
            <dt>Answered from cache</dt>
            <dd>{row.cacheHits}</dd>
            <dt>Result</dt>
            <dd>
              {formatBytes(row.bytes)} sent to the client
              {row.truncated ? ', cut to the size budget (the model was told how to read on)' : ''}
            </dd>
          </dl>
          {row.error && (
            <>
              <h3>What the client was told</h3>
              <pre className="code-block code-error">{row.error}</pre>
            </>
          )}
          {row.preview !== null && (
            <>
              <h3>Answer (its beginning)</h3>
              <pre className="code-block">{row.preview}</pre>
            </>
          )}
          <h3>Arguments</h3>
          <pre className="code-block">{pretty(row.args)}</pre>
          <p className="muted small">
            Secrets in arguments are replaced by [redacted] before anything is stored.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} autoFocus>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
