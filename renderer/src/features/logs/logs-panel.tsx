// Call log: every tool call, resource read and prompt the assistants made, live (a new call appears within
// a second), filtered, with each call's details and exports of the filtered rows.
import { useCallback, useMemo, useState } from 'react';
import type { CallRow } from '../../../../shared/api/logs';
import { PanelHeader } from '../../components/panel';
import { Empty, ErrorState, Loading } from '../../components/states';
import { NO_FILTER, type LogFilterState } from './log-filter';
import { LogDetail } from './log-detail';
import { LogFilters } from './log-filters';
import { LogTable } from './log-table';
import { useLogRows } from './use-log-rows';

export function LogsPanel() {
  const [filter, setFilter] = useState<LogFilterState>(NO_FILTER);
  const [open, setOpen] = useState<CallRow | undefined>();
  const logs = useLogRows(filter);
  const rows = useMemo(() => logs.data?.pages.flatMap((p) => p.rows) ?? [], [logs.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = logs;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);

  return (
    <div className="panel-fill">
      <PanelHeader
        title="Call log"
        intro="Every request your assistants made, newest first. New calls appear as they happen."
      />
      <LogFilters value={filter} onChange={setFilter} ready={!logs.isPending} />
      {logs.isPending ? (
        <Loading />
      ) : logs.isError ? (
        <ErrorState error={logs.error} retry={() => void logs.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={filtered ? 'No calls match these filters' : 'No calls yet'}>
          {filtered
            ? 'Change or clear the filters to see more.'
            : 'Connect an assistant with a client token (Clients); its calls appear here as they happen.'}
        </Empty>
      ) : (
        <LogTable rows={rows} hasMore={hasNextPage} loadMore={loadMore} onOpen={setOpen} />
      )}
      <LogDetail row={open} onClose={() => setOpen(undefined)} />
    </div>
  );
}
