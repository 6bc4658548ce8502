// The call log's filters: client, tool, status, time range and free text (applied as you type, after a
// short pause), and the exports of what the filters select.
import { useEffect, useId, useState } from 'react';
import type { CallStatus } from '../../../../shared/api/logs';
import { useFacets } from '../../api/queries';
import { RANGES, type LogFilterState, type Range } from './log-filter';
import { exportHref } from './use-log-rows';

export const STATUS_LABELS: Record<CallStatus, string> = {
  ok: 'OK',
  tool_error: 'Tool error',
  protocol_error: 'Protocol error',
};

export function LogFilters({
  value,
  onChange,
  ready,
}: {
  value: LogFilterState;
  onChange(f: LogFilterState): void;
  /** The first rows are shown: now the filter's choices may load. */
  ready: boolean;
}) {
  const facets = useFacets(ready);
  const id = useId();
  const [text, setText] = useState(value.q);
  useEffect(() => {
    if (text === value.q) return undefined;
    const timer = setTimeout(() => onChange({ ...value, q: text }), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  const set = <K extends keyof LogFilterState>(key: K, v: LogFilterState[K]) =>
    onChange({ ...value, [key]: v });
  const options = (list: string[] | undefined, current: string) =>
    [...new Set([...(list ?? []), ...(current ? [current] : [])])].map((name) => (
      <option key={name} value={name}>
        {name}
      </option>
    ));
  return (
    <div className="filters" role="search" aria-label="Filter the call log">
      <div className="field">
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="Tool, argument, error…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-client`}>Client</label>
        <select id={`${id}-client`} value={value.client} onChange={(e) => set('client', e.target.value)}>
          <option value="">All clients</option>
          {options(facets.data?.clients, value.client)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tool`}>Tool</label>
        <select id={`${id}-tool`} value={value.tool} onChange={(e) => set('tool', e.target.value)}>
          <option value="">All tools</option>
          {options(facets.data?.tools, value.tool)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={value.status}
          onChange={(e) => set('status', e.target.value as CallStatus | '')}
        >
          <option value="">Any status</option>
          {(Object.keys(STATUS_LABELS) as CallStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>Time</label>
        <select id={`${id}-time`} value={value.range} onChange={(e) => set('range', e.target.value as Range)}>
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <option key={r} value={r}>
              {RANGES[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters-export">
        <a className="button button-small" href={exportHref(value, 'csv')} download>
          Export CSV
        </a>
        <a className="button button-small" href={exportHref(value, 'jsonl')} download>
          Export JSON Lines
        </a>
      </div>
    </div>
  );
}
