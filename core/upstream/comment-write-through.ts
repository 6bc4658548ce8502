// A comment just posted, written into the held task answers that show the task's newest comments
// (extra=comments), instead of dropping them: Worksection's task shows its 5 newest comments, newest first,
// each as get_comments shows it without files (the sandbox renders both with one function), and
// `has_comments` becomes 1. Nothing else of a task changes with a comment (its attachments are the
// comment's files, not the task's). Lists nest full subtasks under `child`, each showing its comments;
// get_task's children are slim, so there only the task itself does. search_tasks never shows comments.

type Obj = Record<string, unknown>;

/** A task answer shows at most this many of its newest comments. */
const TASK_COMMENT_LIMIT = 5;

/** The held answers that may show a task's comments. */
export const TASK_ANSWERS = ['get_task', 'get_tasks', 'get_all_tasks'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown for an answer not shaped as expected: the caller drops what it could not write through. */
class NotWritable extends Error {}

/** The task showing the comment, its fields in their order (`comments` follows `has_comments`). */
function showing(task: Obj, comment: Obj): Obj {
  const held = task.comments ?? [];
  if (task.has_comments === undefined || !Array.isArray(held)) throw new NotWritable(String(task.id));
  const comments = [comment, ...held].slice(0, TASK_COMMENT_LIMIT);
  const out: Obj = {};
  for (const [key, value] of Object.entries(task)) {
    if (key === 'comments') continue;
    if (key !== 'has_comments') out[key] = value;
    else {
      out.has_comments = typeof value === 'string' ? '1' : 1;
      out.comments = comments;
    }
  }
  return out;
}

function inList(task: unknown, id: string, comment: Obj): unknown {
  if (!isObj(task)) return task;
  if (task.id === id) return showing(task, comment);
  if (!Array.isArray(task.child)) return task;
  return { ...task, child: task.child.map((c) => inList(c, id, comment)) };
}

/**
 * A held task answer (`action` of TASK_ANSWERS, fetched with extra=comments) after comment `posted`
 * (post_comment's answer) on task `id`; unchanged when it does not show that task's comments.
 * Throws when the answer is not shaped as a task answer.
 */
export function withPostedComment(action: string, body: unknown, id: string, posted: Obj): unknown {
  const { files: _files, ...comment } = posted;
  const data = isObj(body) ? body.data : undefined;
  if (action === 'get_task' && isObj(data)) {
    return data.id === id ? { ...(body as Obj), data: showing(data, comment) } : body;
  }
  if (action !== 'get_task' && Array.isArray(data)) {
    return { ...(body as Obj), data: data.map((t) => inList(t, id, comment)) };
  }
  throw new NotWritable(action);
}
