// The Tools panel over the tool settings (mcp/inventory/tool-settings.ts): every toolset and tool with its effect and switch, what the
// server's configuration locks (WSMCP_* / config.json switch things off for good; the app cannot turn
// them on), and what a write-scoped client sees as a result: the count and the tools/list size.
import type { ToolsChange, ToolsView } from '../../../shared/api/tools.js';
import type { AppServices } from '../../app/services.js';
import { toolDescriptor } from '../../mcp/inventory/descriptor.js';
import { orderTools } from '../../mcp/inventory/registry.js';
import { unavailableReason } from '../../mcp/inventory/selection.js';
import { TOOLSETS, TOOLSET_NAMES, type ToolsetName } from '../../mcp/tools/kit/toolsets.js';
import { ControlError } from '../errors.js';
import type { Listener, ToolsControl } from '../services.js';

const LOCKED = "switched off by the server's configuration (config.json or a WSMCP_* variable)";
const POLICY_LOCKED = "the server's configuration holds the write policy at least this strict";
const READ_ONLY_LOCKED = "read-only is set by the server's configuration (config.json or WSMCP_READ_ONLY)";
/** A rough, model-independent measure: JSON text of the tool list, about 4 characters per token. */
const CHARS_PER_TOKEN = 4;

export function createToolsControl(settings: AppServices['toolSettings']): ToolsControl {
  const floor = settings.locked;
  const tools = orderTools(settings.tools().map((t) => t.tool));
  const descriptorLength = new Map(tools.map((t) => [t.name, JSON.stringify(toolDescriptor(t)).length]));

  const view = (): ToolsView => {
    const sel = settings.effective();
    const enabled = settings
      .tools()
      .filter((t) => t.enabled)
      .map((t) => t.tool);
    const chars = enabled.reduce((n, t) => n + (descriptorLength.get(t.name) ?? 0), 0);
    return {
      readOnly: sel.readOnly,
      readOnlyLocked: floor.readOnly ? READ_ONLY_LOCKED : null,
      writePolicy: sel.writePolicy,
      writePolicyLocked: floor.writePolicy ? `${POLICY_LOCKED} (${floor.writePolicy})` : null,
      toolsets: TOOLSET_NAMES.map((set) => ({
        name: set,
        description: TOOLSETS[set],
        enabled: !sel.disabledToolsets.includes(set),
        locked: floor.disabledToolsets.includes(set) ? LOCKED : null,
        tools: tools
          .filter((t) => t.toolset === set)
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
      warning: settings.warning() ?? null,
    };
  };

  const toggle = (list: readonly string[], name: string, on: boolean): string[] =>
    on ? list.filter((n) => n !== name) : [...list, name];

  return {
    view,
    change(c: ToolsChange) {
      const saved = settings.saved();
      if (c.writePolicy !== undefined) {
        // A lock is a floor: a stricter choice is kept, a looser one is overruled (effectiveToolSettings).
        const strictness = (p: string) => ['apply', 'confirm_destructive', 'confirm_all'].indexOf(p);
        if (floor.writePolicy && strictness(c.writePolicy) < strictness(floor.writePolicy)) {
          throw new ControlError(
            'conflict',
            `Cannot loosen the write policy: ${POLICY_LOCKED} (${floor.writePolicy}).`,
          );
        }
        settings.update({ writePolicy: c.writePolicy });
      } else if (c.readOnly !== undefined) {
        if (!c.readOnly && floor.readOnly)
          throw new ControlError('conflict', `Cannot leave read-only mode: ${READ_ONLY_LOCKED}.`);
        settings.update({ readOnly: c.readOnly });
      } else if (c.toolset !== undefined) {
        if (!(TOOLSET_NAMES as string[]).includes(c.toolset))
          throw new ControlError('not_found', `There is no toolset "${c.toolset}".`);
        if (c.enabled && floor.disabledToolsets.includes(c.toolset as ToolsetName)) {
          throw new ControlError('conflict', `The ${c.toolset} toolset is ${LOCKED}.`);
        }
        const next = toggle(saved.disabledToolsets, c.toolset, c.enabled === true) as ToolsetName[];
        settings.update({ disabledToolsets: next });
      } else if (c.tool !== undefined) {
        if (!tools.some((t) => t.name === c.tool))
          throw new ControlError('not_found', `There is no tool "${c.tool}".`);
        if (c.enabled && floor.disabledTools.includes(c.tool))
          throw new ControlError('conflict', `${c.tool} is ${LOCKED}.`);
        settings.update({ disabledTools: toggle(saved.disabledTools, c.tool, c.enabled === true) });
      }
      return view();
    },
    subscribe(listener: Listener<ToolsView>) {
      return settings.subscribe(() => listener(view()));
    },
  };
}
