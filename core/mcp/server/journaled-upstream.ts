// The Upstream a write tool runs on. Reads pass through. A write action is written to the change journal
// before it leaves and marked with how it ended; in a preview (dry_run) it is recorded and never sent:
// the handler stops there (PreviewReached) and the preview names the request it would have made.
import type { Upstream } from '../../upstream/upstream.js';
import { ACTIONS, isActionName } from '../../worksection/actions.js';
import { BadResponseError, CancelledError, UpstreamUnavailableError } from '../../worksection/errors.js';
import type { ChangeJournal, RequestState } from '../../store/change-journal.js';
import { PreviewReached } from '../tools/kit/write-plan.js';

/** What the writes of one call came to, as the wrapper saw them. */
export interface WriteOutcome {
  sent: number;
  ok: number;
  /** Writes whose answer never came or came garbled: they may have been applied. */
  uncertain: number;
}

const isWrite = (action: string) => isActionName(action) && ACTIONS[action].effect === 'write';

/** Whether a failed write may still have been applied upstream. */
export function mayHaveApplied(err: unknown): boolean {
  if (err instanceof BadResponseError) return true;
  if (err instanceof UpstreamUnavailableError) return err.mayHaveApplied;
  if (err instanceof CancelledError) return err.started;
  return false;
}

export function previewUpstream(ws: Upstream): Upstream {
  return {
    call: (action, params, opts) => {
      if (isWrite(action)) return Promise.reject(new PreviewReached({ action, params: { ...params } }));
      return ws.call(action, params, opts);
    },
    download: (fileId) => ws.download(fileId),
  };
}

export function journaledUpstream(
  ws: Upstream,
  journal: ChangeJournal,
  changeId: number,
  outcome: WriteOutcome,
): Upstream {
  return {
    async call(action, params, opts) {
      if (!isWrite(action)) return ws.call(action, params, opts);
      // Durable before the request leaves: a crash from here on leaves a row that says so.
      const index = journal.sending(changeId, { action, params: { ...params } });
      outcome.sent += 1;
      let state: Exclude<RequestState, 'sent'> = 'failed';
      try {
        const answer = await ws.call(action, params, opts);
        state = 'ok';
        outcome.ok += 1;
        return answer;
      } catch (err) {
        if (mayHaveApplied(err)) {
          state = 'unknown';
          outcome.uncertain += 1;
        }
        throw err;
      } finally {
        journal.answered(changeId, index, state);
      }
    },
    download: (fileId) => ws.download(fileId),
  };
}
