// The server instructions a client gives the model once per session: the rules every tool shares, said
// once here instead of in each tool's description and schema (tools/list is read in every conversation),
// and today's date in the account's time zone, which a model cannot know otherwise.
import { weekdayName } from '../tools/kit/dates.js';

interface InstructionsClock {
  /** Today's ISO date in the account's time zone. */
  today: string;
  timeZone: string;
}

export function serverInstructions(clock: InstructionsClock): string {
  return [
    'Tools for one Worksection account (projects, tasks, comments, files, time, people, tags, activity).',
    `Today is ${weekdayName(clock.today)} ${clock.today} in the account's time zone (${clock.timeZone}); ` +
      'get_me says it again later.',
    'Dates: YYYY-MM-DD, or said as words: "today", "yesterday", "tomorrow", "Friday", "next Friday", ' +
      '"this week", "last month" (a range gives its first day to a start argument and its last to an end ' +
      'argument); answers state what they were taken to mean in resolved_dates. Answers give ISO dates ' +
      'and times in account time.',
    'People: an argument marked (person) or (people) takes an email, a user id, "me" (who get_me names) ' +
      'or a unique name; where it says so, also "anyone" (open to anyone) or "nobody" (unassigned).',
    'Ids are numeric strings (numbers work too). Answers name people and projects with their ids.',
    'Units: time as "1:30", "1.5h", "90m" or a number of hours (answers give minutes and H:MM); money in ' +
      "the account's currency; priority 0-10, 10 highest (7 and up counts as high).",
    'Lists are paged: `limit` (default 50, at most 200); each answer says total_count, and when truncated ' +
      'a next_cursor to pass as `cursor` with the same other arguments.',
    'Reads may reuse data fetched a few minutes ago; fetched_at says when it was fetched, and fresh=true ' +
      'fetches anew (after a change made outside this conversation).',
    'Writes take dry_run=true (preview: names resolved, before -> after, the requests; nothing written), ' +
      'idempotency_key (a retry with the same key within 24 h answers the first result, sends nothing), ' +
      'allow_duplicate=true (creates, logs and comments: the same one within a minute is otherwise answered with ' +
      'the first one) and confirm=true (when an answer asks for it: say what it will do, then confirm). ' +
      'Answers carry `change` (journal id, before -> after, unchanged); list_changes and undo_change use it.',
    'bulk_* tools take up to 100 items (about 1 s each) and answer per item; an interrupted bulk repeated ' +
      'with the same idempotency_key sends only what is left.',
    'Errors say what to fix in a Hint line; follow it before retrying.',
  ].join('\n');
}
