// get_comments (a task's whole discussion, newest first) from answers the cache holds:
// - a get_comments of the task: one fetched with extra=files serves both forms (without files each comment
//   loses its `files`, which is all extra=files adds); one without files serves only the form without;
// - a task answer with extra=comments (a list item or get_task) when it shows the WHOLE discussion: a task
//   shows at most its 5 newest comments, so fewer than 5 means all of them. Those comments are shaped as
//   get_comments shapes them without files (the sandbox renders both with one function), so with files
//   they answer only an empty discussion: a task never says which of its comments have files.
import type { CacheParams, CachedEntry } from '../../store/response-cache.js';
import { extraSet } from '../cache-policy.js';
import {
  findTask,
  isObj,
  mentions,
  tasksOf,
  type DeriveSource,
  type DerivedAnswer,
  type Obj,
} from './tasks.js';

/** A task answer shows at most this many of its newest comments. */
const TASK_COMMENT_LIMIT = 5;
const TASK_ACTIONS = ['get_tasks', 'get_all_tasks', 'get_task'];

const answer = (data: unknown[], entry: CachedEntry): DerivedAnswer => ({
  body: { status: 'ok', data },
  fetchedAt: entry.fetchedAt,
  from: entry.key,
});

/** The wanted form of a held get_comments answer; undefined when it cannot give it. */
function fromDiscussion(entry: CachedEntry, body: unknown, files: boolean): unknown[] | undefined {
  const held = extraSet(entry.params.extra).has('files');
  if (!isObj(body) || !Array.isArray(body.data) || (files && !held)) return undefined;
  if (files || !held) return body.data;
  return body.data.map((c: unknown) => {
    if (!isObj(c)) return c;
    const { files: _files, ...bare } = c;
    return bare;
  });
}

/** The task's discussion as a task answer shows it, when that is all of it. */
function fromTask(entry: CachedEntry, body: unknown, id: string, files: boolean): unknown[] | undefined {
  if (!isObj(body)) return undefined;
  const list = entry.action === 'get_task' ? (isObj(body.data) ? [body.data] : []) : tasksOf(body.data);
  const task = findTask(list, id)?.task;
  // has_comments comes with extra=comments; `comments` is left out when there are none.
  if (!task || task.has_comments === undefined) return undefined;
  const shown = task.comments === undefined ? [] : task.comments;
  if (!Array.isArray(shown) || shown.length >= TASK_COMMENT_LIMIT) return undefined;
  if (files && shown.length > 0) return undefined;
  return shown.filter(isObj).map((c: Obj) => ({ ...c }));
}

export function deriveComments(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  const id = params.id_task;
  if (typeof id !== 'string' || Object.keys(params).some((k) => k !== 'id_task' && k !== 'extra')) {
    return undefined;
  }
  const extra = extraSet(params.extra);
  if ([...extra].some((part) => part !== 'files')) return undefined;
  const files = extra.has('files');
  for (const entry of src.find({ actions: ['get_comments'], param: ['id_task', id] })) {
    if (Object.keys(entry.params).some((k) => k !== 'id_task' && k !== 'extra')) continue;
    const data = fromDiscussion(entry, src.body(entry.key), files);
    if (data) return answer(data, entry);
  }
  for (const entry of src.find({ actions: TASK_ACTIONS, bodyHas: mentions(id), extraHas: 'comments' })) {
    const data = fromTask(entry, src.body(entry.key), id, files);
    if (data) return answer(data, entry);
  }
  return undefined;
}
