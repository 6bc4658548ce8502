// Comments and the file references inside tasks and comments, shaped for agents: the author as a person,
// ISO times, sizes as numbers, no page paths for files (read_file takes the id).
import { z } from 'zod';
import type { Comment, FileRef } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { personOf, personShape } from './common.js';

export const attachmentShape = z.object({
  id: z.string().describe('File id (read_file takes it).'),
  name: z.string(),
  size_bytes: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentShape>;

export function attachmentOf(f: FileRef): Attachment {
  return { id: f.id, name: f.name, size_bytes: Number(f.size) };
}

export const commentShape = z.object({
  id: z.string().describe('Comment id.'),
  author: personShape.nullable(),
  created_at: z.string().describe('ISO date and time.'),
  text: z.string(),
  files: z.array(attachmentShape).optional().describe('Files attached to the comment.'),
});
export type CommentOut = z.infer<typeof commentShape>;

export function commentOf(c: Comment): CommentOut {
  const out: CommentOut = {
    id: c.id,
    author: personOf(c.user_from),
    created_at: fromWsDateTime(c.date_added),
    text: c.text,
  };
  if (c.files && c.files.length > 0) out.files = c.files.map(attachmentOf);
  return out;
}
