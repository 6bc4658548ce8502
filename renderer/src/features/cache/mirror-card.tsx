// The local mirror of the account, which the search tool reads: what it holds, how much of the
// discussions it covers, when it last synced and will next, the Worksection requests its sync used today
// (always within the share of the rate the user's assistants leave), and "Sync now".
import type { CacheView, MirrorView } from '../../../../shared/api/cache';
import { api } from '../../api/client';
import { keys, useChange } from '../../api/queries';
import { Card, Stat } from '../../components/panel';
import { InlineError } from '../../components/states';
import { countOf, formatNumber, formatPercent, formatRelative } from '../../lib/format';

const STATE: Record<MirrorView['state'], string> = {
  first_sync: 'First sync',
  syncing: 'Syncing',
  idle: 'Up to date',
  stopped: 'Not syncing',
  error: 'Sync failed, retrying',
};

function minutes(s: number): string {
  return s < 60 ? 'under a minute' : `about ${formatNumber(Math.ceil(s / 60))} min`;
}

export function MirrorCard({ mirror }: { mirror: MirrorView | null }) {
  const sync = useChange(keys.cache, () => api.post<CacheView>('/cache/sync-now', {}));
  if (!mirror) {
    return (
      <Card title="Local mirror">
        <p className="muted">Switched off in the configuration: search is not available.</p>
      </Card>
    );
  }
  const o = mirror.objects;
  const covered = mirror.discussedTasks > 0 ? mirror.commentsIndexedFor / mirror.discussedTasks : null;
  const syncButton = (
    <button
      type="button"
      className="button button-small"
      disabled={sync.isPending}
      onClick={() => sync.mutate(undefined)}
    >
      Sync now
    </button>
  );
  return (
    <Card title="Local mirror" actions={syncButton}>
      <p className="muted small">
        A copy of the account on this computer that the search tool reads. It syncs only with the requests
        your assistants leave unused.
      </p>
      <dl className="stats stats-compact">
        <Stat label="State" value={STATE[mirror.state]} detail={mirror.lastError} />
        <Stat
          label="Objects held"
          value={formatNumber(o.projects + o.tasks + o.comments + o.users + o.tags + o.folders)}
          detail={`${countOf(o.projects, 'project')}, ${countOf(o.tasks, 'task')}, ${countOf(o.comments, 'comment')}`}
        />
        <Stat
          label="Comments covered"
          value={formatPercent(covered)}
          detail={`${formatNumber(mirror.commentsIndexedFor)} of ${formatNumber(mirror.discussedTasks)} discussed tasks`}
        />
        <Stat
          label="Requests today"
          value={formatNumber(mirror.requestsToday)}
          detail={
            mirror.requestsLeft > 0
              ? `${formatNumber(mirror.requestsLeft)} to go, ${minutes(mirror.secondsLeft)}`
              : 'nothing waiting'
          }
        />
      </dl>
      <p className="muted small">
        Last sync: {mirror.lastSyncAt ? formatRelative(mirror.lastSyncAt) : 'not yet'}
        {mirror.nextSyncAt ? ` · next: ${formatRelative(mirror.nextSyncAt)}` : ''}
      </p>
      <InlineError error={sync.error} />
    </Card>
  );
}
