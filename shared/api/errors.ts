// Every failure of the control API has this body; the UI shows `message` as it is, so it is written for
// the user (what went wrong and what to do), never an internal detail.
import { z } from 'zod';

export const apiErrorSchema = z.strictObject({
  /** Stable for programs: bad_request, unauthorized, forbidden, misdirected, not_found, conflict, too_large, unavailable, internal. */
  code: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The first problem of a failed parse, as one sentence naming the field. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the request is not valid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
