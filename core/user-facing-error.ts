// A failure whose message tells the user what happened and what to do, in one line with no internals. The
// CLI prints it as it is (anything else as "cannot …: <message>"), and the control API can answer it as a
// client error. Recognised with instanceof, never by class name: renaming a class cannot silently turn
// advice into "cannot start". A leaf module (it imports nothing), so every layer may extend it.
export class UserFacingError extends Error {}

/** What the user gave (or left out) must change: a missing or malformed setting. The CLI exits 2 (usage). */
export class UserSettingsError extends UserFacingError {}
