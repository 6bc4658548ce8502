// The control API's fixed names, apart from the schemas so the renderer can import them without pulling
// zod into the shipped bundle (it imports the schemas' types only).

/** Every state-changing request must carry this header: a cross-site form or <img> cannot add it. */
export const CSRF_HEADER = 'x-wsmcp-ui';
export const CSRF_VALUE = '1';

/** The address a one-time code is exchanged at: GET /open?code=… sets the session cookie. */
export const OPEN_PATH = '/open';

/** The server-sent events stream of live data. */
export const EVENTS_PATH = '/api/events';

/** Cursor's limit: past it some clients drop tools (tool-selection.ts has the same number). */
export const TOOL_COUNT_LIMIT = 40;

/** Where the Claude Desktop extension is downloaded, under /api (GET, a zip named worksection.mcpb). */
export const MCPB_PATH = '/clients/claude-desktop/extension.mcpb';
