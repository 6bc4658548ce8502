// MCP resources: worksection://file/{id} (the real bytes with the sniffed MIME type: text files as text,
// images and everything else as a blob) and worksection://task/{id}/context (the task, its whole
// discussion and links to every attachment, as one Markdown document). read_file and get_task serve the
// same content as tools, for the many clients that never read resources. worksection://changes is the change
// journal's newest writes (what list_changes answers first), for clients that attach resources as context.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ReadResourceResult, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { decodeText } from '../../files/extract/sniff.js';
import { sniff } from '../../files/extract/index.js';
import { RESOURCE_NOT_FOUND, type McpResourceProvider } from '../server/providers.js';
import { humanSize } from '../tools/shapes/file.js';
import type { ToolContext } from '../tools/kit/context.js';
import { ToolError } from '../tools/kit/errors.js';
import { changeView } from '../tools/changes/index.js';
import { taskContextMarkdown } from './task-context.js';

/** Blobs travel base64 in one JSON message; beyond this a client is better served by the app itself. */
const RESOURCE_MAX_BYTES = 20 * 1024 * 1024;

const FILE_URI = /^worksection:\/\/file\/(\d+)$/;
const CHANGES_URI = 'worksection://changes';
const CHANGES_SHOWN = 50;

const CHANGES_RESOURCE = {
  uri: CHANGES_URI,
  name: 'changes',
  title: 'Recent changes',
  description:
    'The newest writes made through this app (up to 50), newest first, as list_changes answers them: ' +
    'tool, client, state, before → after, and what undo_change cannot put back.',
  mimeType: 'application/json',
};
const TASK_URI = /^worksection:\/\/task\/(\d+)\/context$/;

const RESOURCE_TEMPLATES: ResourceTemplate[] = [
  {
    uriTemplate: 'worksection://file/{id}',
    name: 'file',
    title: 'Worksection file',
    description:
      'An attached file by id (list_files shows ids): text files as text, images and other files as ' +
      'binary with their real MIME type.',
  },
  {
    uriTemplate: 'worksection://task/{id}/context',
    name: 'task_context',
    title: 'Task with its discussion',
    description:
      'A task by id as one Markdown document: its details, description, subtasks, the whole discussion ' +
      'and links to every attachment.',
    mimeType: 'text/markdown',
  },
];

async function readFileResource(uri: string, id: string, ctx: ToolContext): Promise<ReadResourceResult> {
  const file = await ctx.ws.download(id);
  if (file.bytes.length > RESOURCE_MAX_BYTES) {
    throw new ToolError(
      `File ${id} is ${humanSize(file.bytes.length)}, more than the ${humanSize(RESOURCE_MAX_BYTES)} a resource may carry.`,
      'Open it in Worksection instead; read_file still reports its name and type.',
    );
  }
  const { format, mimeType } = sniff(file.bytes, file.filename);
  const text = format === 'text' ? decodeText(file.bytes) : undefined;
  const content =
    text === undefined
      ? { uri, mimeType, blob: Buffer.from(file.bytes).toString('base64') }
      : { uri, mimeType, text };
  return { contents: [{ ...content, _meta: { filename: file.filename, size: file.bytes.length } }] };
}

export function createResourceProvider(): McpResourceProvider {
  return {
    // Files and tasks are addressed by id; the journal is the one resource to enumerate.
    list: () => Promise.resolve([CHANGES_RESOURCE]),
    templates: () => RESOURCE_TEMPLATES,
    async read(uri, ctx) {
      if (uri === CHANGES_URI) {
        const rows = ctx.changes?.list({ limit: CHANGES_SHOWN }) ?? [];
        const text = JSON.stringify({ changes: rows.map(changeView) });
        return { contents: [{ uri, mimeType: 'application/json', text }] };
      }
      const file = FILE_URI.exec(uri);
      if (file?.[1]) return readFileResource(uri, file[1], ctx);
      const task = TASK_URI.exec(uri);
      if (task?.[1]) {
        const text = await taskContextMarkdown(ctx, task[1]);
        return { contents: [{ uri, mimeType: 'text/markdown', text }] };
      }
      throw new McpError(
        RESOURCE_NOT_FOUND,
        `Unknown resource ${uri}; this server serves worksection://file/{id}, worksection://task/{id}/context and ${CHANGES_URI}.`,
      );
    },
  };
}
