// THE one filter deciding which tools a client sees and may call: switched-off toolsets and tools,
// read-only mode, and the client token's scope. tools/list, tools/call, the HTTP layer's 403 and the UI all
// ask this module, so they can never disagree.
import type { AnyTool } from '../tools/kit/define-tool.js';
import type { TokenScope } from '../../store/client-tokens.js';
import { TOOLSET_NAMES } from '../tools/kit/toolsets.js';

export interface ToolSelection {
  disabledToolsets?: readonly string[];
  disabledTools?: readonly string[];
  /** Only tools whose effect is 'read'. */
  readOnly?: boolean;
  /** The calling client's token scope: a read token sees and calls read tools only. */
  tokenScope?: TokenScope;
}

/** Cursor stops offering tools past 40; other clients degrade too. */
export const TOOL_COUNT_WARN_LIMIT = 40;

/** Why a tool is not available under a selection, or undefined when it is. */
export function unavailableReason(tool: AnyTool, sel: ToolSelection): string | undefined {
  if (sel.disabledToolsets?.includes(tool.toolset)) {
    return `the "${tool.toolset}" toolset is switched off in the app's tool settings`;
  }
  if (sel.disabledTools?.includes(tool.name)) return "it is switched off in the app's tool settings";
  if (tool.effect !== 'read' && sel.readOnly) return 'the app is in read-only mode';
  if (tool.effect !== 'read' && sel.tokenScope === 'read') {
    return "this client's token has read-only scope";
  }
  return undefined;
}

export function selectTools(all: readonly AnyTool[], sel: ToolSelection): AnyTool[] {
  return all.filter((tool) => unavailableReason(tool, sel) === undefined);
}

/** Toolset order (as in TOOLSETS), then definition order: a stable, reviewable tools/list. */
export function orderTools(tools: readonly AnyTool[]): AnyTool[] {
  const rank = (t: AnyTool) => TOOLSET_NAMES.indexOf(t.toolset);
  return tools
    .map((tool, i) => ({ tool, i }))
    .sort((a, b) => rank(a.tool) - rank(b.tool) || a.i - b.i)
    .map(({ tool }) => tool);
}

/** The warning to show (log, UI, health) when too many tools are enabled, or undefined. */
export function toolCountWarning(enabledCount: number): string | undefined {
  if (enabledCount <= TOOL_COUNT_WARN_LIMIT) return undefined;
  return (
    `${enabledCount} tools are enabled; some clients (Cursor) use only the first ${TOOL_COUNT_WARN_LIMIT}. ` +
    'Switch off toolsets you do not need in the tool settings.'
  );
}
