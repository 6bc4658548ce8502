// A switch shows its new position at once (the server confirms within milliseconds and its answer
// replaces this guess; a refusal puts the old view back).
import type { ToolsChange, ToolsView } from '../../../../shared/api/tools';

export function applyChange(view: ToolsView, c: ToolsChange): ToolsView {
  if (c.readOnly !== undefined) return { ...view, readOnly: c.readOnly };
  if (c.writePolicy !== undefined) return { ...view, writePolicy: c.writePolicy };
  return {
    ...view,
    toolsets: view.toolsets.map((set) =>
      set.name === c.toolset
        ? { ...set, enabled: c.enabled === true }
        : {
            ...set,
            tools: set.tools.map((t) => (t.name === c.tool ? { ...t, enabled: c.enabled === true } : t)),
          },
    ),
  };
}
