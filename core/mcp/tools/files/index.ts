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
    "Files of a task (description and comments) or of a project (include_task_files adds its tasks'); read_file reads them.",
  input: z.object({
    task_id: idArg('The task.').optional(),
    project_id: idArg('The project whose files to list.').optional(),
    include_task_files: z
      .boolean()
      .optional()
      .describe("With project_id: also its tasks' description files."),
    images_only: z.boolean().optional().describe('Only images.'),
    name_contains: z.string().min(1).optional().describe('Name contains this text.'),
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
    'Read a file by id: images as images (up to 5 MB); PDF, DOCX, XLSX, PPTX and text as text, paged by offset; others as a link.',
  input: z.object({
    file_id: idArg('The file id.'),
    offset: z.number().int().min(0).optional().describe('From the previous answer.'),
  }),
  async handle(args, ctx) {
    const file = await loadFile(ctx, args.file_id);
    return mediaReply(await fileContent(ctx, file, args.offset ?? 0));
  },
});

export const filesTools: AnyTool[] = [listFiles, readFile];
