// The Changes panel over the change journal: the newest writes with before → after, and Undo, which runs
// undo_change like an assistant would (its conflict check, its journal row, its call-log row as "app").
import type { ChangesView, UndoResult } from '../../../shared/api/changes.js';
import type { AppServices } from '../../app/services.js';
import { CANNOT_UNDO } from '../../mcp/tools/changes/inverse.js';
import type { ChangesControl } from '../services.js';

const SHOWN = 200;

export function createChangesControl(changes: AppServices['changes']): ChangesControl {
  return {
    view(): ChangesView {
      return {
        changes: changes.list(SHOWN).map((row) => ({
          id: row.id,
          time: new Date(row.time).toISOString(),
          client: row.client,
          tool: row.tool,
          state: row.state,
          object: row.object,
          before: row.before,
          after: row.after,
          cannotUndo: CANNOT_UNDO[row.tool] ?? null,
        })),
      };
    },
    async undo(changeId): Promise<UndoResult> {
      const result = await changes.undo(changeId);
      const first = result.content.find((c) => c.type === 'text');
      const text = first?.type === 'text' ? first.text : '';
      return result.isError
        ? { ok: false, message: text }
        : { ok: true, message: `Change ${changeId} undone.` };
    },
  };
}
