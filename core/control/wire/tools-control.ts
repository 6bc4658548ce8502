// The Tools panel over tool governance: every toolset and tool with its effect and switch, what the
// server's configuration locks (WSMCP_* / config.json switch things off for good; the app cannot turn
// them on), and what a write-scoped client sees as a result: the count and the tools/list size.
import type { ToolsChange, ToolsView } from '../../../shared/api/tools.js';
import type { Config } from '../../config.js';
import type { Governance } from '../../mcp/governance.js';
import type { McpServer } from '../../mcp/server.js';
import { ALL_TOOLS } from '../../mcp/registry.js';
import { toolDescriptor } from '../../mcp/tool-schema.js';
import { orderTools, unavailableReason } from '../../mcp/tool-selection.js';
import { TOOLSETS, TOOLSET_NAMES, type ToolsetName } from '../../mcp/toolsets.js';
import { ControlError } from '../errors.js';
import type { Listener, ToolsControl } from '../services.js';

const LOCKED = "switched off by the server's configuration (config.json or a WSMCP_* variable)";
const READ_ONLY_LOCKED = "read-only is set by the server's configuration (config.json or WSMCP_READ_ONLY)";
/** A rough, model-independent measure: JSON text of the tool list, about 4 characters per token. */
const CHARS_PER_TOKEN = 4;

export function createToolsControl(deps: {
  governance: Governance;
  floor: Config['governance'];
  mcp: Pick<McpServer, 'enabledTools' | 'warning'>;
}): ToolsControl {
  const { governance, floor, mcp } = deps;
  const tools = orderTools(ALL_TOOLS);
  const descriptorLength = new Map(tools.map((t) => [t.name, JSON.stringify(toolDescriptor(t)).length]));

  const view = (): ToolsView => {
    const sel = governance.get();
    const enabled = mcp.enabledTools('write');
    const chars = enabled.reduce((n, t) => n + (descriptorLength.get(t.name) ?? 0), 0);
    return {
      readOnly: sel.readOnly,
      readOnlyLocked: floor.readOnly ? READ_ONLY_LOCKED : null,
      toolsets: TOOLSET_NAMES.map((set) => ({
        name: set,
        description: TOOLSETS[set],
        enabled: !sel.disabledToolsets.includes(set),
        locked: floor.disabledToolsets.includes(set) ? LOCKED : null,
        tools: tools
          .filter((t) => t.group === set)
          .map((t) => {
            const reason = unavailableReason(t, sel) ?? null;
            return {
              name: t.name,
              description: t.description,
              effect: t.effect,
              enabled: !sel.disabledTools.includes(t.name),
              available: reason === null,
              reason,
              locked: floor.disabledTools.includes(t.name) ? LOCKED : null,
            };
          }),
      })),
      enabledCount: enabled.length,
      totalCount: tools.length,
      listTokens: Math.round(chars / CHARS_PER_TOKEN),
      warning: mcp.warning() ?? null,
    };
  };

  const toggle = (list: readonly string[], name: string, on: boolean): string[] =>
    on ? list.filter((n) => n !== name) : [...list, name];

  return {
    view,
    change(c: ToolsChange) {
      const sel = governance.get();
      if (c.readOnly !== undefined) {
        if (!c.readOnly && floor.readOnly)
          throw new ControlError('conflict', `Cannot leave read-only mode: ${READ_ONLY_LOCKED}.`);
        governance.update({ readOnly: c.readOnly });
      } else if (c.toolset !== undefined) {
        if (!(TOOLSET_NAMES as string[]).includes(c.toolset))
          throw new ControlError('not_found', `There is no toolset "${c.toolset}".`);
        if (c.enabled && floor.disabledToolsets.includes(c.toolset as ToolsetName)) {
          throw new ControlError('conflict', `The ${c.toolset} toolset is ${LOCKED}.`);
        }
        const next = toggle(sel.disabledToolsets, c.toolset, c.enabled === true) as ToolsetName[];
        governance.update({ disabledToolsets: next.filter((n) => !floor.disabledToolsets.includes(n)) });
      } else if (c.tool !== undefined) {
        if (!tools.some((t) => t.name === c.tool))
          throw new ControlError('not_found', `There is no tool "${c.tool}".`);
        if (c.enabled && floor.disabledTools.includes(c.tool))
          throw new ControlError('conflict', `${c.tool} is ${LOCKED}.`);
        const next = toggle(sel.disabledTools, c.tool, c.enabled === true);
        governance.update({ disabledTools: next.filter((n) => !floor.disabledTools.includes(n)) });
      }
      return view();
    },
    subscribe(listener: Listener<ToolsView>) {
      return governance.subscribe(() => listener(view()));
    },
  };
}
