// Files attached to projects, task descriptions and comments, with real rendered bytes (see files/index.ts).
import type { CommentRec, FileKind, FileRec } from '../model.js';
import { allocateId, insertFile } from '../records.js';
import { renderAttachment } from '../files/index.js';
import type { GenContext } from './context.js';
import { STREAM } from './context.js';
import type { Rng } from './random.js';
import type { TaskPlan, TaskResult } from './tasks.js';
import { isPublished } from './tasks.js';

const KINDS: readonly FileKind[] = ['png', 'pdf', 'docx', 'txt'];
const KIND_WEIGHTS = [35, 25, 20, 20];

// prettier-ignore
const NAMES: Record<FileKind, readonly string[]> = {
  png: ['Homepage mockup v2', 'Screenshot', 'Wireframe - checkout', 'Logo concept B', 'Error screenshot', 'Chart - monthly traffic', 'Banner draft', 'Sales graph Q3'],
  pdf: ['Requirements', 'Signed contract', 'Invoice 2024-031', 'Q3 budget review', 'Brand guidelines', 'Meeting minutes', 'Commercial offer'],
  docx: ['Technical specification', 'Copy for landing page', 'Interview questions', 'Project brief', 'Press release draft', 'Content plan'],
  txt: ['meeting-notes', 'release-notes', 'todo', 'checklist', 'feedback-summary'],
};

interface Pending {
  rec: FileRec;
  comment?: CommentRec;
}

function fileFor(rng: Rng, t: TaskPlan, kind: FileKind, dateAdded: number, userFromId: number): FileRec {
  return {
    id: 0,
    name: `${rng.pick(NAMES[kind])}.${kind}`,
    kind,
    size: 0,
    dateAdded,
    userFromId,
    projectId: t.rec.projectId,
    taskId: t.rec.id,
  };
}

export function generateAttachments(ctx: GenContext, tasks: TaskResult, comments: CommentRec[]): void {
  const rng = ctx.rng.derive(STREAM.files);
  const { data, profile } = ctx;
  const pending: Pending[] = [];
  const published = tasks.plans.filter(isPublished);
  const kind = (): FileKind => KINDS[rng.weighted(KIND_WEIGHTS)]!;
  const onTask = (t: TaskPlan, k: FileKind): void => {
    pending.push({ rec: fileFor(rng, t, k, t.rec.dateAdded, t.rec.userFromId) });
  };
  const onComment = (c: CommentRec, k: FileKind): void => {
    const t = tasks.byId.get(c.taskId);
    if (!t) return;
    const rec = fileFor(rng, t, k, c.dateAdded, c.userFromId);
    rec.commentId = c.id;
    pending.push({ rec, comment: c });
  };

  // The fixture task has one file of each kind in its description and files on two of its comments.
  const [s0] = tasks.showcase;
  let forced = 0;
  if (s0) {
    for (const k of KINDS) onTask(s0, k);
    const own = data.index.commentsByTask.get(s0.rec.id) ?? [];
    const [first, last] = [data.comments.get(own[0] ?? -1), data.comments.get(own[own.length - 1] ?? -1)];
    if (first) onComment(first, 'png');
    if (last && last !== first) onComment(last, 'pdf');
    forced = pending.length;
  }
  for (let i = 0; i < profile.taskFiles - Math.min(forced, 4) && published.length > 0; i++)
    onTask(rng.pick(published), kind());
  for (let i = 0; i < profile.commentFiles - Math.max(0, forced - 4) && comments.length > 0; i++) {
    onComment(rng.pick(comments), kind());
  }

  // Project-level files (the project description and its Files section): get_files by project lists
  // only these, so every project gets one or two.
  for (const project of data.projects.values()) {
    for (let i = 0; i < 1 + (project.id % 2); i++) {
      const k = kind();
      pending.push({
        rec: {
          id: 0,
          name: `${rng.pick(NAMES[k])}.${k}`,
          kind: k,
          size: 0,
          dateAdded: project.dateAdded,
          userFromId: project.userFromId,
          projectId: project.id,
        },
      });
    }
  }

  pending.sort((a, b) => a.rec.dateAdded - b.rec.dateAdded);
  for (const { rec, comment } of pending) {
    rec.id = allocateId(data);
    rec.bytes = renderAttachment(rec);
    rec.size = rec.bytes.length;
    insertFile(data, rec);
    comment?.fileIds.push(rec.id);
  }
}
