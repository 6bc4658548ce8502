// Every write tool call passes here (tool-call.ts): repeats are answered from the journal (an idempotency
// key within 24 h, the same create within the duplicate window), the tool's plan is read (before → after,
// honest no-ops, sanity checks), the write policy may ask for confirm, dry_run previews, and a real write
// runs on the journaled upstream so its row is durable before its first request leaves.
import { createHash } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ChangeJournal, ChangeRow } from '../../store/change-journal.js';
import type { AnyTool } from '../tools/kit/define-tool.js';
import type { ToolContext } from '../tools/kit/context.js';

type ContextResumes = NonNullable<ToolContext['resumes']>;
import { errorResult } from '../tools/kit/errors.js';
import { takeWriteArgs, type ChangeInfo, type WriteArgs, type WritePolicy } from '../tools/kit/write-args.js';
import { PreviewReached, type PlannedRequest, type WritePlan } from '../tools/kit/write-plan.js';
import { journaledUpstream, previewUpstream, type WriteOutcome } from './journaled-upstream.js';
import { mayHaveAppliedResult, previewResult, repeatResult, withChange } from './write-answers.js';
import type { ToolRun } from './tool-call.js';
import { canonicalJson } from '../../worksection/canonical-json.js';

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface WriteGuardOptions {
  journal: ChangeJournal;
  policy(): WritePolicy;
  /** The duplicate window of creates and logs without a key (default 60 s). */
  duplicateWindowMs?: number;
  now?: () => number;
}

export interface WriteGuard {
  run(tool: AnyTool, args: unknown, ctx: ToolContext, run: ToolRun): Promise<CallToolResult>;
  readonly journal: ChangeJournal;
}

/** The same call, whatever the order of its arguments: tool + canonical JSON, hashed. */
function fingerprintOf(tool: string, args: Record<string, unknown>): string {
  return createHash('sha256')
    .update(`${tool}\n${canonicalJson(args)}`)
    .digest('hex');
}

class UnknownOutcome extends Error {
  constructor(readonly row: ChangeRow) {
    super(`the outcome of change ${row.id} is unknown`);
  }
}

function stillRunning(row: ChangeRow): CallToolResult {
  return errorResult(
    `The first call of this change (change ${row.id}) is still running.`,
    'Wait for its answer, then list_changes shows how it ended; do not send it again meanwhile.',
  );
}

function outcomeUnknown(row: ChangeRow): CallToolResult {
  return errorResult(
    `An earlier identical call (change ${row.id}) may have been applied: its answer never arrived.`,
    'Read the object back to see whether it happened. To apply it anyway, call again with a new ' +
      'idempotency_key (or allow_duplicate: true).',
  );
}

/** Reasons the call needs confirm: true that it does not carry. */
function confirmReasons(tool: AnyTool, plan: WritePlan, policy: WritePolicy): string[] {
  const reasons = [...(plan.confirm ?? [])];
  if (policy === 'confirm_all') reasons.push('the write policy asks to confirm every write');
  else if (policy === 'confirm_destructive' && (plan.destructive ?? tool.effect === 'destructive')) {
    reasons.push('it removes or replaces something, and the write policy asks to confirm that');
  }
  return reasons;
}

export function createWriteGuard(opts: WriteGuardOptions): WriteGuard {
  const { journal } = opts;
  const now = opts.now ?? Date.now;
  const window = opts.duplicateWindowMs ?? 60_000;

  /** An earlier call this one repeats, answered from the journal; undefined: run it. */
  async function repeat(
    tool: AnyTool,
    write: WriteArgs,
    args: unknown,
    ctx: ToolContext,
    fp: string,
  ): Promise<CallToolResult | undefined> {
    const keyed = write.idempotency_key !== undefined;
    const row = keyed
      ? journal.byKey(ctx.caller, write.idempotency_key ?? '', now() - KEY_TTL_MS)
      : tool.idempotent || write.allow_duplicate
        ? undefined
        : journal.byFingerprint(ctx.caller, fp, now() - window);
    if (!row || row.state === 'failed') return undefined;
    if (keyed && row.fingerprint !== fp) {
      return errorResult(
        `The idempotency_key was used for a different call (change ${row.id}, ${row.tool}).`,
        'Use a new key for a new change; a key repeats exactly one call.',
      );
    }
    if (row.state === 'pending') return stillRunning(row);
    if (row.state === 'unknown') {
      // A repeat of a set-values write changes nothing more: it may simply run again; a resumable bulk
      // skips what the earlier run made.
      if (tool.idempotent || tool.resumable) return undefined;
      return (await settleUnknown(tool, row, args, ctx)) ? repeatResult(row, 'replayed') : undefined;
    }
    return repeatResult(row, keyed ? 'replayed' : 'duplicate');
  }

  /**
   * Asks Worksection whether an unknown write happened: true (now applied), false (now failed: run it
   * again); a write that cannot be checked answers "may have been applied" instead.
   */
  async function settleUnknown(tool: AnyTool, row: ChangeRow, args: unknown, ctx: ToolContext) {
    let happened: boolean | undefined;
    try {
      happened = tool.verify ? await tool.verify(args, ctx, row.time) : undefined;
    } catch {
      happened = undefined;
    }
    if (happened === undefined) throw new UnknownOutcome(row);
    journal.settle(row.id, {
      state: happened ? 'applied' : 'failed',
      time: now(),
      error: happened
        ? 'Checked in Worksection: it was applied.'
        : 'Checked in Worksection: it was not applied.',
    });
    return happened;
  }

  /**
   * The earlier runs of this keyed call that sent requests and did not finish (a resumable bulk's): their
   * requests together, since a run that resumed another skipped what that one made.
   */
  function unfinished(client: string, write: WriteArgs, fp: string): ContextResumes | undefined {
    if (write.idempotency_key === undefined) return undefined;
    const rows = journal
      .allByKey(client, write.idempotency_key, now() - KEY_TTL_MS)
      .filter((r) => r.fingerprint === fp && (r.state === 'unknown' || r.state === 'failed'));
    const last = rows.at(-1);
    if (!last) return undefined;
    return { id: last.id, time: rows[0]?.time ?? last.time, requests: rows.flatMap((r) => r.requests) };
  }

  // The handler runs on reads only, up to its first write: its checks and name look-ups all happen.
  async function preview(
    args: unknown,
    ctx: ToolContext,
    run: ToolRun,
  ): Promise<{ requests: PlannedRequest[] } | { failure: CallToolResult }> {
    try {
      await run.handle(args, { ...ctx, ws: previewUpstream(ctx.ws) });
      return { requests: [] };
    } catch (err) {
      if (err instanceof PreviewReached) return { requests: [err.request] };
      return { failure: run.failure(err) };
    }
  }

  return {
    journal,
    async run(tool, rawArgs, ctx, run) {
      const { write, args } = takeWriteArgs(rawArgs);
      const fp = fingerprintOf(tool.name, args);
      const resumes = tool.resumable ? unfinished(ctx.caller, write, fp) : undefined;
      let repeated: CallToolResult | undefined;
      try {
        repeated = await repeat(tool, write, args, ctx, fp);
      } catch (err) {
        if (err instanceof UnknownOutcome) return outcomeUnknown(err.row);
        throw err;
      }
      if (repeated) return repeated;

      let plan: WritePlan;
      try {
        plan = tool.plan ? await tool.plan(args, ctx) : {};
      } catch (err) {
        return run.failure(err);
      }
      const nothingLeft = (plan.unchanged?.length ?? 0) > 0 && Object.keys(plan.after ?? {}).length === 0;
      if (nothingLeft) {
        const change: ChangeInfo = { state: 'unchanged', unchanged: plan.unchanged };
        return previewResult(tool, change);
      }
      const reasons = write.confirm ? [] : confirmReasons(tool, plan, opts.policy());
      if (write.dry_run || reasons.length > 0) {
        const seen = await preview(args, ctx, run);
        if ('failure' in seen) return seen.failure;
        const change: ChangeInfo = {
          state: 'preview',
          ...(plan.before ? { before: plan.before } : {}),
          ...(plan.after ? { after: plan.after } : {}),
          ...(plan.unchanged?.length ? { unchanged: plan.unchanged } : {}),
          requests: seen.requests,
          ...(plan.note ? { note: plan.note } : {}),
        };
        return write.dry_run ? previewResult(tool, change) : previewResult(tool, change, reasons);
      }

      const id = journal.begin({
        time: now(),
        client: ctx.caller,
        tool: tool.name,
        args,
        fingerprint: fp,
        ...(write.idempotency_key !== undefined ? { key: write.idempotency_key } : {}),
        ...(plan.object ? { object: plan.object } : {}),
        ...(plan.before ? { before: plan.before } : {}),
        ...(plan.after ? { after: plan.after } : {}),
      });
      const outcome: WriteOutcome = { sent: 0, ok: 0, uncertain: 0 };
      let answer: unknown;
      try {
        const ws = journaledUpstream(ctx.ws, journal, id, outcome);
        answer = await run.handle(args, { ...ctx, ws, changeId: id, ...(resumes ? { resumes } : {}) });
      } catch (err) {
        if (outcome.sent === 0) {
          journal.discard(id);
          return run.failure(err);
        }
        const result = outcome.uncertain > 0 ? mayHaveAppliedResult(tool, id, err) : run.failure(err);
        const state = outcome.uncertain > 0 ? 'unknown' : outcome.ok > 0 ? 'applied' : 'failed';
        journal.settle(id, { state, time: now(), error: textOf(result) });
        return result;
      }
      // The tool found nothing to send (its own honest no-op): no change to keep.
      if (outcome.sent === 0) {
        journal.discard(id);
        return run.answer(answer, ctx);
      }
      const shown = plan.diffInAnswer ? {} : plan;
      const change: ChangeInfo = {
        id,
        state: 'applied',
        ...(shown.before ? { before: shown.before } : {}),
        ...(shown.after ? { after: shown.after } : {}),
        ...(plan.unchanged?.length ? { unchanged: plan.unchanged } : {}),
        ...(plan.note ? { note: plan.note } : {}),
      };
      const result = withChange(run.answer(answer, ctx), change);
      // A bulk that answered per item may hold a write whose answer never came, or was cancelled before
      // its last item: the row says it is not known to be complete, and a keyed repeat finishes it
      // instead of replaying this answer.
      const cut = tool.resumable === true && ctx.signal.aborted;
      const state = outcome.uncertain > 0 || cut ? 'unknown' : 'applied';
      journal.settle(id, {
        state,
        time: now(),
        result: JSON.stringify(result),
        ...(cut
          ? { error: 'Cancelled before every item was sent; the same idempotency_key sends the rest.' }
          : {}),
      });
      return result;
    },
  };
}

function textOf(result: CallToolResult): string {
  const block = result.content.find((c) => c.type === 'text');
  return block?.type === 'text' ? block.text : '';
}
