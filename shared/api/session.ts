// GET /api/session: who the UI is talking to. Answers 401 without a session cookie, which the UI takes as
// "open the app through `wsmcp open`".
import { z } from 'zod';

export const sessionInfoSchema = z.strictObject({
  version: z.string(),
  /** The desktop app (Electron) rather than a browser: launch at login is shown only there. */
  desktop: z.boolean(),
  /** Serving the built-in sandbox account. */
  demo: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
