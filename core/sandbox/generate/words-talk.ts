// What people write: task descriptions, comments, time-log notes. Texts are composed from these whole
// sentences, so large accounts cost no per-item string building beyond a join.

// prettier-ignore
export const TASK_TEXTS = [
  'Acceptance criteria are in the attached brief.',
  'Please keep the current layout; only the content changes.',
  'The client wants this before the next steering meeting.',
  'Estimate first, then split into subtasks if it takes more than two days.',
  'Use the numbers from the last report as the baseline.',
  'Check the previous version in the archive before starting.',
  'Coordinate with the design team about the final look.',
  'Mobile first: most of the traffic comes from phones.',
  'Budget for this is already approved.',
  'Do not forget to update the documentation afterwards.',
  'Blocked until we get access from the client.',
  'Link the results in the comments when done.',
] as const;

// prettier-ignore
export const COMMENT_TEXTS = [
  "I've pushed the first draft, please take a look.",
  'Looks good to me, approving.',
  'Can we move the deadline to Friday?',
  'The client asked for one more round of changes.',
  'Updated the file with your comments.',
  'I will finish this today.',
  'Waiting for feedback from the client.',
  'Found a small issue, fixing it now.',
  'Great job, thanks!',
  'Added the numbers for September.',
  'This depends on the API changes, I will sync with the developers.',
  'Moved the meeting to 3 pm.',
  "Let's discuss it at the weekly call.",
  'Done on my side, ready for review.',
  'Please double-check the totals before we send it.',
  'I have a question about the scope here.',
  'Attached the latest version.',
  'Tested on Chrome, Safari and Firefox, all fine.',
  'The estimate was too optimistic, I need two more days.',
  'Agreed with the client on the final wording.',
  'Reopening: the bug is back on staging.',
  'Translations are ready for review.',
  'Uploaded screenshots from the test device.',
  'Sent the invoice to accounting.',
  'Good point, I will add it to the plan.',
  "I'm on it.",
  'Any update on this?',
  'Today we have a meetup. Please prepare your department results.',
] as const;

/** Said to someone: prefixed with their first name ("Kate, could you …"). */
// prettier-ignore
export const ADDRESSED_TEXTS = [
  'could you take a look at the latest version?',
  'please confirm the dates.',
  'can you send me the source files?',
  'please review before the end of the day.',
  'do we have the client’s approval for this?',
  'could you estimate this?',
] as const;

// prettier-ignore
export const CLOSING_TEXTS = [
  'Done, closing the task.',
  'All changes are live.',
  'Approved by the client, closing.',
  'Finished, the report is in the attachments.',
] as const;

// prettier-ignore
export const COST_TEXTS = [
  'Layout implementation', 'Call with the client', 'Code review', 'Bug fixing', 'Research', 'Meeting',
  'Writing copy', 'Testing', 'Preparing the report', 'Design revisions', 'Deployment', 'Documentation',
  'Planning', 'Stock photos', 'Printing', 'Travel',
] as const;

/** Lines of generated documents (PDF, DOCX and text attachments). */
// prettier-ignore
export const DOC_LINES = [
  'Goal: agree on the scope, budget and timeline of the next phase.',
  'Attendees: project manager, design lead, two developers, client representative.',
  'Decision: the launch date stays on the first Monday of next month.',
  'Budget: 42 hours remaining for design, 120 hours for development.',
  'Risk: the payment provider has not confirmed the API limits yet.',
  'Action item: prepare the updated estimate by Wednesday.',
  'Action item: send the revised mock-ups to the client for approval.',
  'Requirement: pages must load in under two seconds on a 4G connection.',
  'Requirement: all forms must be accessible with a keyboard.',
  'Open question: who owns the content after the launch?',
  'Revenue grew 12% compared with the previous quarter.',
  'Marketing spend stayed within the approved budget.',
  'Next review is scheduled for the end of the month.',
  'The team agreed to use the new workflow for all client projects.',
] as const;
