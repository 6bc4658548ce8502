// Changes: every write the assistants made through this app, newest first, with what it changed (before →
// after) and an Undo for what Worksection can put back. An Undo that would overwrite someone's later edit
// is refused with what it would overwrite.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangeView, UndoResult } from '../../../../shared/api/changes';
import { api } from '../../api/client';
import { keys, useChanges } from '../../api/queries';
import { Badge, Card, PanelHeader } from '../../components/panel';
import { Empty, ErrorState, InlineError, Loading } from '../../components/states';

const TONES: Record<ChangeView['state'], 'ok' | 'warn' | 'bad' | 'neutral'> = {
  applied: 'ok',
  undone: 'neutral',
  pending: 'neutral',
  unknown: 'warn',
  failed: 'bad',
};

function values(v: Record<string, unknown> | null): string {
  if (!v) return '';
  return Object.entries(v)
    .map(([k, x]) => `${k}: ${Array.isArray(x) ? x.join(', ') : String(x ?? '—')}`)
    .join('; ');
}

function Row({ change, onUndo }: { change: ChangeView; onUndo(id: number): void }) {
  const what = change.object ? `${change.object.kind} ${change.object.id}` : '';
  return (
    <tr>
      <td className="nowrap">{new Date(change.time).toLocaleString()}</td>
      <td>{change.client}</td>
      <td>
        <code>{change.tool}</code> {what}
      </td>
      <td>
        <Badge tone={TONES[change.state]}>
          {change.state === 'unknown' ? 'may have applied' : change.state}
        </Badge>
      </td>
      <td className="small">
        {change.before && <span className="muted">{values(change.before)} → </span>}
        {values(change.after)}
      </td>
      <td>
        {change.state === 'applied' && change.cannotUndo === null && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Undo change ${change.id}`}
            onClick={() => onUndo(change.id)}
          >
            Undo
          </button>
        )}
      </td>
    </tr>
  );
}

export function ChangesPanel() {
  const changes = useChanges();
  const client = useQueryClient();
  const undo = useMutation({
    mutationFn: (id: number) => api.post<UndoResult>(`/changes/${id}/undo`, {}),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.changes }),
  });
  if (changes.isPending) return <Loading />;
  if (changes.isError) return <ErrorState error={changes.error} retry={() => void changes.refetch()} />;
  const rows = changes.data.changes;
  return (
    <>
      <PanelHeader
        title="Changes"
        intro="What assistants changed in Worksection through this app. Undo puts a change back if nobody changed the object since."
      />
      <Card>
        {undo.data && (
          <p role="status" className={undo.data.ok ? '' : 'warning-text'}>
            {undo.data.message}
          </p>
        )}
        <InlineError error={undo.error} />
        {rows.length === 0 ? (
          <Empty title="No changes yet">Writes made by assistants appear here.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Client</th>
                <th scope="col">Change</th>
                <th scope="col">State</th>
                <th scope="col">Before → after</th>
                <th scope="col">
                  <span className="visually-hidden">Undo</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <Row key={c.id} change={c} onUndo={(id) => undo.mutate(id)} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
