// What a write tool's `plan` answers (define-tool.ts): read before anything is written, it is the preview
// (dry_run), the policy's and sanity checks' reason to ask for confirm, the honest no-op and the journal's
// before → after, which undo_change puts back.
import type { ChangeObject } from '../../../store/change-journal.js';
import type { ToolContext } from './context.js';
import { addDays } from './dates.js';

export interface WritePlan {
  /** The Worksection object the change touches (undo_change reads it back for the conflict check). */
  object?: ChangeObject;
  /** The fields that change, as they are now (names as the tool's arguments say them). */
  before?: Record<string, unknown>;
  /** The same fields as they will be. */
  after?: Record<string, unknown>;
  /** What already is as asked; when nothing else is left, nothing is sent. */
  unchanged?: string[];
  /** Sanity checks this call fails: each reason asks for confirm: true. */
  confirm?: string[];
  /** This call removes or replaces something (default: the tool's declared effect). */
  destructive?: boolean;
  /** Said in the answer: e.g. what undo cannot restore. */
  note?: string;
  /**
   * The tool's own answer already shows before → after per item (the bulks): the applied answer's `change`
   * leaves them out, so the model does not read them twice; the journal keeps them for undo.
   */
  diffInAnswer?: boolean;
}

/** Values that changed, split from those already as asked. */
export function diffFields(
  before: Record<string, unknown>,
  wanted: Record<string, unknown>,
): Required<Pick<WritePlan, 'before' | 'after' | 'unchanged'>> {
  const plan = {
    before: {} as Record<string, unknown>,
    after: {} as Record<string, unknown>,
    unchanged: [] as string[],
  };
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[field] ?? null) === JSON.stringify(value)) plan.unchanged.push(field);
    else {
      plan.before[field] = before[field] ?? null;
      plan.after[field] = value;
    }
  }
  return plan;
}

/** "more than a year away" from today, either way: a typo more often than a plan. */
export function farDates(ctx: ToolContext, dates: Record<string, string | null | undefined>): string[] {
  const today = ctx.today();
  const [min, max] = [addDays(today, -366), addDays(today, 366)];
  return Object.entries(dates).flatMap(([field, date]) =>
    date && (date < min || date > max) ? [`${field} ${date} is more than a year from today (${today})`] : [],
  );
}

export interface PlannedRequest {
  action: string;
  params: Record<string, unknown>;
}

/** Thrown at a preview's (dry_run's) first write: nothing past it runs, and no bulk loop may swallow it. */
export class PreviewReached extends Error {
  constructor(readonly request: PlannedRequest) {
    super('preview reached its first write');
  }
}
