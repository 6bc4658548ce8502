// A failure the model can act on: it becomes a tool result with `isError: true` whose text is the message
// and the hint. Everything else a tool throws is a bug or an upstream failure and is mapped centrally
// (tool-errors.ts in the server), never passed to the model verbatim.

export class ToolError extends Error {
  constructor(
    message: string,
    /** What the model can do next, e.g. "list_tasks finds task ids". */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}
