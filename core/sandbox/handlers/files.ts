// Files section (get_files, download) and the attachments post_task / post_comment accept as multipart
// uploads (attach[n], or the SDK's files[]).
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { FileKind, FileRec, Id } from '../model.js';
import { fileBytes } from '../files/index.js';
import { allocateId, insertFile } from '../records.js';
import { fileNotFound } from './errors.js';
import { findProject, findTask } from './lookup.js';
import { requireId, str } from './params.js';
import { renderFile } from './render.js';

const KINDS: Record<string, FileKind> = { png: 'png', pdf: 'pdf', docx: 'docx', txt: 'txt' };

/** Stores the request's uploads as files of a task description (no commentId) or of a comment. */
export function attachUploads(
  ctx: ActionContext,
  where: { projectId: Id; taskId: Id; commentId?: Id },
  userFromId: Id,
): FileRec[] {
  return ctx.uploads.map((u) => {
    const ext = /\.([A-Za-z0-9]+)$/.exec(u.name)?.[1]?.toLowerCase() ?? '';
    return insertFile(ctx.data, {
      id: allocateId(ctx.data),
      name: u.name,
      // FileKind only steers the generator's renderer; uploaded files always keep their own bytes.
      kind: KINDS[ext] ?? 'txt',
      size: u.bytes.length,
      dateAdded: ctx.now,
      userFromId,
      projectId: where.projectId,
      taskId: where.taskId,
      ...(where.commentId === undefined ? {} : { commentId: where.commentId }),
      bytes: u.bytes,
    });
  });
}

/** nginx's ETag: hex mtime (seconds) and hex size, as in the Postman download example ("659fd206-5f9"). */
function etagOf(f: FileRec, size: number): string {
  return `"${Math.floor(f.dateAdded / 1000).toString(16)}-${size.toString(16)}"`;
}

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  // A task covers its description and its comments; a project covers its description and Files section.
  get_files: (ctx) => {
    const files = [...ctx.data.files.values()];
    let list: FileRec[];
    if (str(ctx.params, 'id_task') !== undefined) {
      const task = findTask(ctx);
      list = files.filter((f) => f.taskId === task.id);
    } else {
      const project = findProject(ctx);
      list = files.filter((f) => f.projectId === project.id && f.taskId === undefined);
    }
    return ok({ data: list.map((f) => renderFile(ctx.data, f)) });
  },

  download: (ctx) => {
    const file = ctx.data.files.get(requireId(ctx.params, 'id_file')) ?? fileNotFound();
    const body = fileBytes(file);
    return {
      kind: 'bytes',
      contentType: 'application/x-download',
      filename: file.name,
      etag: etagOf(file, body.length),
      body,
    };
  },
};

export const fileHandlers = handlers;
