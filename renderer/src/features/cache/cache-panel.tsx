// Cache: what the app keeps so assistants wait less and Worksection's one-request-a-second budget goes
// further. Sizes, hit rates, requests saved, freshness per kind of data, charts over the last hour and day,
// and clearing either cache (with confirmation).
import { useState } from 'react';
import type { CacheClear, CacheView } from '../../../../shared/api/cache';
import { api } from '../../api/client';
import { keys, useCache, useChange } from '../../api/queries';
import { ConfirmDialog } from '../../components/dialog';
import { Card, PanelHeader, Stat } from '../../components/panel';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { formatBytes, formatNumber, formatPercent, formatSeconds } from '../../lib/format';
import { CacheCharts } from './cache-charts';
import { MirrorCard } from './mirror-card';

const NAMES: Record<CacheClear['cache'], string> = { responses: 'response cache', files: 'file cache' };

function Meter({ used, cap, label }: { used: number; cap: number; label: string }) {
  return (
    <div className="meter-row">
      <meter min={0} max={Math.max(cap, 1)} value={used} aria-label={label} />
      <span className="muted small">
        {formatBytes(used)} of {formatBytes(cap)}
      </span>
    </div>
  );
}

export function CachePanel() {
  const cache = useCache();
  const [clearing, setClearing] = useState<CacheClear['cache'] | undefined>();
  const clear = useChange(keys.cache, (c: CacheClear) => api.post<CacheView>('/cache/clear', c));
  if (cache.isPending) return <Loading />;
  if (cache.isError) return <ErrorState error={cache.error} retry={() => void cache.refetch()} />;
  const { responses: r, files: f, requestsSaved } = cache.data;
  const clearButton = (which: CacheClear['cache']) => (
    <button type="button" className="button button-small" onClick={() => setClearing(which)}>
      Clear
    </button>
  );
  return (
    <>
      <PanelHeader
        title="Cache"
        intro={`Worksection answers and files kept on this computer. ${formatNumber(requestsSaved)} Worksection requests saved since the app started.`}
      />
      <div className="grid-2">
        <Card title="Response cache" actions={clearButton('responses')}>
          {!r.enabled && <p className="muted">Switched off in the configuration.</p>}
          <dl className="stats stats-compact">
            <Stat label="Answers held" value={formatNumber(r.entries)} />
            <Stat
              label="Hit rate"
              value={formatPercent(r.hitRate)}
              detail={`${formatNumber(r.hits)} hits, ${formatNumber(r.misses)} misses`}
            />
          </dl>
          <Meter used={r.bytes} cap={r.maxBytes} label="Response cache size" />
        </Card>
        <Card title="File cache" actions={clearButton('files')}>
          <dl className="stats stats-compact">
            <Stat label="Files held" value={formatNumber(f.files)} />
            <Stat
              label="Hit rate"
              value={formatPercent(f.hitRate)}
              detail={`${formatNumber(f.hits)} hits, ${formatNumber(f.misses)} downloads`}
            />
          </dl>
          <Meter used={f.bytes} cap={f.capBytes} label="File cache size" />
          <p className="muted small">
            Files up to {formatBytes(f.maxFileBytes)}, kept {f.retentionDays} days.
          </p>
          {f.lastError && <p className="warning-text small">Last problem: {f.lastError}</p>}
        </Card>
      </div>
      <MirrorCard mirror={cache.data.mirror} />
      <CacheCharts view={cache.data} />
      <Card title="Freshness">
        <p className="muted small">
          How long an answer of each kind is reused before Worksection is asked again.
        </p>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Reused for</th>
              <th scope="col" className="num">
                Answers held
              </th>
              <th scope="col" className="num">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {r.kinds.map((k) => (
              <tr key={k.kind}>
                <td>{k.kind}</td>
                <td>{formatSeconds(k.freshSeconds)}</td>
                <td className="num">{formatNumber(k.entries)}</td>
                <td className="num">{formatBytes(k.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <InlineError error={clear.error} />
      <ConfirmDialog
        open={clearing !== undefined}
        title={`Clear the ${clearing ? NAMES[clearing] : ''}?`}
        confirm="Clear cache"
        danger
        busy={clear.isPending}
        onCancel={() => setClearing(undefined)}
        onConfirm={() =>
          clearing && clear.mutate({ cache: clearing }, { onSettled: () => setClearing(undefined) })
        }
      >
        <p>Everything it holds is dropped; the next requests go to Worksection again.</p>
      </ConfirmDialog>
    </>
  );
}
