// Files toolset: list attachments of a project or task, and read one (images the model can see, text of
// text files, PDF, DOCX, XLSX and PPTX, otherwise a link to the worksection://file/{id} resource).
import { z } from 'zod';
import type { ListTask } from '../../../worksection/schemas.js';
import { defineTool, mediaReply, type AnyTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { idArg } from '../shapes/common.js';
import { fileOf, fileShape, type FileInfo } from '../shapes/file.js';
import { ToolError } from '../kit/errors.js';
import { fileContent, loadFile } from './content.js';

const newestFirst = (a: FileInfo, b: FileInfo): number =>
  (b.added_at ?? '').localeCompare(a.added_at ?? '') || Number(b.id) - Number(a.id);

function taskDescriptionFiles(tasks: ListTask[]): FileInfo[] {
  const out: FileInfo[] = [];
  const walk = (list: readonly (ListTask | NonNullable<ListTask['child']>[number])[]): void => {
    for (const t of list) {
      for (const f of t.files ?? []) out.push(fileOf(f, { attached_to: 'task', task_id: t.id }));
      if ('child' in t && t.child) walk(t.child);
    }
  };
  walk(tasks);
  return out;
}

const listFiles = defineTool({
  name: 'list_files',
  title: 'List files',
  toolset: 'files',
  effect: 'read',
  description:
    'Lists the files attached to a task (its description and every comment of its discussion) or to a ' +
    'project (its description and Files section; add include_task_files for the files in its task ' +
    'descriptions). Give exactly one of task_id or project_id. Each file has an id for read_file, which ' +
    'shows images and extracts text from PDF, DOCX, XLSX and text files. Newest first.',
  input: z.object({
    task_id: idArg('The task whose files to list (description and comments).').optional(),
    project_id: idArg('The project whose files to list.').optional(),
    include_task_files: z
      .boolean()
      .optional()
      .describe("With project_id: also list files attached to the descriptions of the project's tasks."),
    images_only: z.boolean().optional().describe('Only images (png, jpg, gif, webp by file name).'),
    name_contains: z
      .string()
      .min(1)
      .optional()
      .describe('Only files whose name contains this text (any case).'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(fileShape), ...pageMetaShape }),
  async handle(args, ctx) {
    if ((args.task_id === undefined) === (args.project_id === undefined)) {
      throw new ToolError(
        'Give exactly one of task_id or project_id.',
        'list_tasks finds task ids, list_projects finds project ids.',
      );
    }
    let files: FileInfo[];
    if (args.task_id !== undefined) {
      const taskId = args.task_id;
      const [listed, comments] = await Promise.all([
        ctx.ws.call('get_files', { id_task: taskId }),
        ctx.ws.call('get_comments', { id_task: taskId, extra: 'files' }),
      ]);
      const commentOf = new Map(
        comments.data.flatMap((c) => (c.files ?? []).map((f) => [f.id, c.id] as const)),
      );
      files = listed.data
        .map((f) => {
          const commentId = commentOf.get(f.id);
          return commentId === undefined
            ? fileOf(f, { attached_to: 'task', task_id: taskId })
            : fileOf(f, { attached_to: 'comment', task_id: taskId, comment_id: commentId });
        })
        .sort(newestFirst);
    } else {
      const projectId = args.project_id as string;
      const [listed, tasks] = await Promise.all([
        ctx.ws.call('get_files', { id_project: projectId }),
        args.include_task_files
          ? ctx.ws.call('get_tasks', { id_project: projectId, extra: 'files,subtasks' })
          : undefined,
      ]);
      files = [
        ...listed.data.map((f) => fileOf(f, { attached_to: 'project' })).sort(newestFirst),
        ...(tasks ? taskDescriptionFiles(tasks.data) : []),
      ];
    }
    const needle = args.name_contains?.toLowerCase();
    const matching = files.filter(
      (f) => (!args.images_only || f.kind === 'image') && (!needle || f.name.toLowerCase().includes(needle)),
    );
    return paginate(matching, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_files', args),
      limits: ctx.limits,
      narrowHint: 'narrow with images_only or name_contains',
    });
  },
});

const readFile = defineTool({
  name: 'read_file',
  title: 'Read a file',
  toolset: 'files',
  effect: 'read',
  description:
    'Shows the content of an attached file by its id (from list_files or get_task): images (PNG, JPEG, ' +
    'GIF, WebP up to 5 MB) come back as images you can see; text files, PDF, DOCX, XLSX and PPTX come back ' +
    'as extracted text, cut to the size budget with a note and an offset to read on; other files come back ' +
    'as their name, type and size with a worksection://file/{id} resource link.',
  input: z.object({
    file_id: idArg('The file id.'),
    offset: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('For long texts: the character offset to continue from (the previous answer says it).'),
  }),
  async handle(args, ctx) {
    const file = await loadFile(ctx, args.file_id);
    return mediaReply(await fileContent(ctx, file, args.offset ?? 0));
  },
});

export const filesTools: AnyTool[] = [listFiles, readFile];
