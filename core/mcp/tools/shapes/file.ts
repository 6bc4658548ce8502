// Attachments as agents read them: where a file hangs (project, task description or a comment), who added
// it and when, and the resource URI that serves its bytes. The kind here is a guess from the name, for
// listings; read_file and the resource sniff the real bytes.
import { z } from 'zod';
import type { FileRef, WsFile } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { IMAGE_EXTENSIONS, extensionOf } from '../../../files/extract/sniff.js';
import { personOf, personShape } from './common.js';

export const fileUri = (id: string): string => `worksection://file/${id}`;

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  doc: 'document',
  docx: 'document',
  odt: 'document',
  rtf: 'document',
  xls: 'spreadsheet',
  xlsx: 'spreadsheet',
  ods: 'spreadsheet',
  csv: 'spreadsheet',
  ppt: 'presentation',
  pptx: 'presentation',
  txt: 'text',
  md: 'text',
  json: 'text',
  log: 'text',
  zip: 'archive',
  rar: 'archive',
  '7z': 'archive',
};

const FILE_KINDS = [
  'image',
  'pdf',
  'document',
  'spreadsheet',
  'presentation',
  'text',
  'archive',
  'other',
] as const;
type FileKind = (typeof FILE_KINDS)[number];

function fileKindOf(name: string): FileKind {
  const ext = extensionOf(name);
  if (IMAGE_EXTENSIONS.has(ext)) return 'image';
  return KIND_BY_EXTENSION[ext] ?? 'other';
}

export const fileShape = z.object({
  id: z.string().describe('File id (pass as file_id to read_file).'),
  name: z.string(),
  kind: z.enum(FILE_KINDS).describe('Guessed from the name; read_file checks the real content.'),
  size_bytes: z.number().int(),
  added_at: z.string().optional().describe('ISO date and time the file was uploaded.'),
  added_by: personShape.nullable().optional(),
  attached_to: z
    .enum(['project', 'task', 'comment'])
    .describe('project = the project description or Files section; task = the task description.'),
  task_id: z.string().optional(),
  comment_id: z.string().optional().describe('The comment the file is attached to.'),
  uri: z.string().describe('Resource URI with the file content (worksection://file/{id}).'),
});
export type FileInfo = z.infer<typeof fileShape>;

export interface FilePlace {
  attached_to: FileInfo['attached_to'];
  task_id?: string;
  comment_id?: string;
}

export function fileOf(f: FileRef | WsFile, place: FilePlace): FileInfo {
  const out: FileInfo = {
    id: f.id,
    name: f.name,
    kind: fileKindOf(f.name),
    size_bytes: Number(f.size),
    attached_to: place.attached_to,
    uri: fileUri(f.id),
  };
  if ('date_added' in f) {
    out.added_at = fromWsDateTime(f.date_added);
    out.added_by = personOf(f.user_from);
  }
  if (place.task_id !== undefined) out.task_id = place.task_id;
  if (place.comment_id !== undefined) out.comment_id = place.comment_id;
  return out;
}

/** "512 KB", "1.4 MB": sizes as people read them in notes. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
