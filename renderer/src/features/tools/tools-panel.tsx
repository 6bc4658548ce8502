// Tools: which tools assistants see. Switches per toolset and per tool and read-only mode apply at once
// (connected clients are told the list changed); the count and the list's size in tokens show what it
// costs a client, with a warning past Cursor's 40.
import type { ToolsChange, ToolsView } from '../../../../shared/api/tools';
import { TOOL_COUNT_LIMIT } from '../../../../shared/api/protocol';
import { api } from '../../api/client';
import { keys, useTools } from '../../api/queries';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyChange } from './apply-change';
import { Card, PanelHeader, Stat } from '../../components/panel';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { Switch } from '../../components/switch';
import { formatNumber } from '../../lib/format';
import { ToolsetCard } from './toolset-card';
import { WritePolicyField } from './write-policy-field';

export function ToolsPanel() {
  const tools = useTools();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (c: ToolsChange) => api.patch<ToolsView>('/tools', c),
    onMutate: (c) => {
      const before = client.getQueryData<ToolsView>(keys.tools);
      if (before) client.setQueryData(keys.tools, applyChange(before, c));
      return before;
    },
    onError: (_err, _c, before) => client.setQueryData(keys.tools, before),
    onSuccess: (view) => {
      client.setQueryData(keys.tools, view);
      void client.invalidateQueries({ queryKey: keys.overview });
    },
  });
  if (tools.isPending) return <Loading />;
  if (tools.isError) return <ErrorState error={tools.error} retry={() => void tools.refetch()} />;
  const v = tools.data;
  const over = v.enabledCount > TOOL_COUNT_LIMIT;
  return (
    <>
      <PanelHeader
        title="Tools"
        intro="What your assistants can do. Changes apply at once: connected clients are told the tool list changed."
      />
      <Card>
        <dl className="stats">
          <Stat label="Tools enabled" value={`${v.enabledCount} of ${v.totalCount}`} />
          <Stat
            label="Tool list size"
            value={`≈ ${formatNumber(v.listTokens)} tokens`}
            detail="of each conversation's context"
          />
        </dl>
        {over && v.warning && (
          <p className="warning-text" role="status">
            {v.warning}
          </p>
        )}
        <Switch
          label="Read-only mode"
          hint={v.readOnlyLocked ?? 'Only tools that read: nothing in Worksection can be changed.'}
          checked={v.readOnly}
          disabled={v.readOnlyLocked !== null}
          onChange={(readOnly) => change.mutateAsync({ readOnly })}
        />
        <WritePolicyField
          value={v.writePolicy}
          locked={v.writePolicyLocked}
          onChange={(writePolicy) => change.mutateAsync({ writePolicy })}
        />
        <InlineError error={change.error} />
      </Card>
      {v.toolsets.map((set) => (
        <ToolsetCard key={set.name} set={set} onChange={(c) => change.mutateAsync(c)} />
      ))}
    </>
  );
}
