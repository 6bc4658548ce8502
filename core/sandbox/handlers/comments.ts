// Comments section: get_comments (all of them, newest first) and post_comment.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import { allocateId, insertComment } from '../records.js';
import { atLeastOne } from './errors.js';
import { recordEvent } from './events.js';
import { attachUploads } from './files.js';
import { Lookups, authorId, findTask } from './lookup.js';
import { extraSet, str, values } from './params.js';
import { renderComment, taskPage } from './render.js';
import { composeText } from './task-writes.js';

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  get_comments: (ctx) => {
    const task = findTask(ctx);
    const lk = extraSet(ctx.params).has('files') ? new Lookups(ctx.data) : undefined;
    const data = [...(ctx.data.index.commentsByTask.get(task.id) ?? [])].reverse().flatMap((id) => {
      const c = ctx.data.comments.get(id);
      return c ? [renderComment(ctx.data, c, lk?.commentFiles(c.id))] : [];
    });
    return ok({ data });
  },

  post_comment: (ctx) => {
    const task = findTask(ctx);
    const hasTodo = values(ctx.params, 'todo').some((s) => s.trim() !== '');
    if (str(ctx.params, 'text') === undefined && !hasTodo && ctx.uploads.length === 0)
      atLeastOne('text, todo');
    const userFromId = authorId(ctx);
    const comment = insertComment(ctx.data, {
      id: allocateId(ctx.data),
      taskId: task.id,
      userFromId,
      text: composeText(ctx),
      dateAdded: ctx.now,
      fileIds: [],
    });
    const files = attachUploads(
      ctx,
      { projectId: task.projectId, taskId: task.id, commentId: comment.id },
      userFromId,
    );
    comment.fileIds = files.map((f) => f.id);
    // Comment events point at the task's page (Postman get_events example).
    recordEvent(
      ctx,
      { action: 'post', type: 'comment', id: comment.id, page: taskPage(ctx.data, task), userFromId },
      { new: { text: comment.text } },
    );
    return ok({ data: renderComment(ctx.data, comment, files.length > 0 ? files : undefined) });
  },
};

export const commentHandlers = handlers;
