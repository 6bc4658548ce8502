// The answers of the write guard (write-guard.ts): a write's answer with its `change`, previews (dry_run, or
// held back for confirm), repeats answered from the journal, and the honest "may have been applied".
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ChangeRow } from '../../store/change-journal.js';
import { BadResponseError, UpstreamUnavailableError } from '../../worksection/errors.js';
import type { AnyTool } from '../tools/kit/define-tool.js';
import { errorResult } from '../tools/kit/errors.js';
import { CHANGE_FIELD, type ChangeInfo } from '../tools/kit/write-args.js';

type Structured = Record<string, unknown>;

function structuredAnswer(value: Structured): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** `result` with `change` in its structured answer (merged with what the tool said itself). */
export function withChange(result: CallToolResult, change: ChangeInfo): CallToolResult {
  if (result.isError || !result.structuredContent) return result;
  const own = result.structuredContent[CHANGE_FIELD] as Partial<ChangeInfo> | undefined;
  const merged: ChangeInfo = { ...change, ...own, state: change.state };
  if (own?.id === undefined && change.id !== undefined) merged.id = change.id;
  return { ...result, ...structuredAnswer({ ...result.structuredContent, [CHANGE_FIELD]: merged }) };
}

/** A preview, or (with reasons) the same preview held back until the call carries confirm: true. */
export function previewResult(tool: AnyTool, change: ChangeInfo, reasons?: string[]): CallToolResult {
  if (!reasons) return structuredAnswer({ [CHANGE_FIELD]: change });
  const result = errorResult(
    `Not done: ${tool.name} needs confirm: true because ${reasons.join('; ')}. Preview: ${JSON.stringify(change)}`,
    'Tell the user what it will do (the preview); if they agree, call again with the same arguments and confirm: true.',
    'tool',
  );
  return result;
}

/** An earlier answer from the journal, marked as the repeat it answers. */
export function repeatResult(row: ChangeRow, state: 'replayed' | 'duplicate'): CallToolResult {
  const earlier = row.result ? (JSON.parse(row.result) as CallToolResult) : undefined;
  const base: Structured = earlier?.structuredContent ?? {};
  const own = (base[CHANGE_FIELD] ?? {}) as Partial<ChangeInfo>;
  const change: ChangeInfo = {
    ...own,
    id: row.id,
    state,
    ...(state === 'duplicate' ? { duplicate_of: row.id } : {}),
    ...(state === 'duplicate'
      ? {
          note:
            'The same call was applied moments ago; this repeat sent nothing. To do it twice on purpose, ' +
            'call again with allow_duplicate: true.',
        }
      : {}),
  };
  if (row.state === 'undone') change.note = `Change ${row.id} was undone since (change ${row.undoneBy}).`;
  if (!earlier) change.note = `Change ${row.id} was found applied in Worksection after its answer was lost.`;
  return structuredAnswer({ ...base, [CHANGE_FIELD]: change });
}

function garbledWhat(err: unknown): string {
  if (err instanceof BadResponseError) {
    return err.reason === 'malformed_json'
      ? 'came back cut off (not valid JSON)'
      : 'came back in a shape that could not be read';
  }
  if (err instanceof UpstreamUnavailableError) {
    if (err.reason === 'server_error') {
      return `was a server error${err.httpStatus === undefined ? '' : ` (HTTP ${err.httpStatus})`}`;
    }
    return err.reason === 'timeout' ? 'never came (timeout)' : 'was lost (network failure)';
  }
  return 'never came (the call was cancelled while it was in flight)';
}

export function mayHaveAppliedResult(tool: AnyTool, changeId: number, err: unknown): CallToolResult {
  return errorResult(
    `Worksection's answer to ${tool.name} ${garbledWhat(err)}; the change may have been applied ` +
      `(change ${changeId} in the journal).`,
    'Read the object back before repeating it. A retry with the same idempotency_key is answered from ' +
      'the journal and never sent twice blindly; list_changes shows the change.',
    'upstream',
  );
}
