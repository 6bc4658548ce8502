// The call log as a virtualised table: only the rows in view are in the page, so 100,000 rows scroll as
// smoothly as 10. Scrolling near the end loads the next page. Each row opens its details.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CallRow } from '../../../../shared/api/logs';
import { formatBytes, formatDuration, formatLogTime } from '../../lib/format';
import { STATUS_LABELS } from './log-filters';

const ROW_HEIGHT = 34;
const COLUMNS: [string, boolean][] = [
  ['Time', false],
  ['Client', false],
  ['Tool or resource', false],
  ['Status', false],
  ['Duration', true],
  ['Upstream', true],
  ['Cached', true],
  ['Size', true],
];

interface Props {
  rows: CallRow[];
  hasMore: boolean;
  loadMore(): void;
  onOpen(row: CallRow): void;
}

export function LogTable({ rows, hasMore, loadMore, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header row sits above the rows inside the same scroller.
    scrollMargin: ROW_HEIGHT,
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 40) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  return (
    <div
      ref={scroller}
      className="log-table"
      role="table"
      aria-label="Calls, newest first"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
    >
      <div role="rowgroup" className="log-head">
        <div role="row" className="log-row" aria-rowindex={1}>
          {COLUMNS.map(([h, num]) => (
            <span key={h} role="columnheader" className={num ? 'num' : undefined}>
              {h}
            </span>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="log-body" style={{ height: virtual.getTotalSize() - ROW_HEIGHT }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.id}
              role="row"
              aria-rowindex={item.index + 2}
              data-call-id={row.id}
              className={`log-row log-row-${row.status}`}
              style={{ transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
              onClick={() => onOpen(row)}
            >
              <span role="cell" className="mono">
                {formatLogTime(row.time)}
              </span>
              <span role="cell" className="ellipsis">
                {row.client}
              </span>
              <span role="cell" className="ellipsis">
                <button type="button" className="row-open" onClick={() => onOpen(row)}>
                  {row.target ?? row.method}
                </button>
              </span>
              <span role="cell">
                <span className={`status status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
              </span>
              <span role="cell" className="num">
                {formatDuration(row.durationMs)}
              </span>
              <span role="cell" className="num">
                {row.upstreamRequests}
              </span>
              <span role="cell" className="num">
                {row.cacheHits}
              </span>
              <span role="cell" className="num">
                {formatBytes(row.bytes)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
