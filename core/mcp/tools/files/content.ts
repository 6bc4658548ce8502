// File content for read_file and the worksection://file/{id} resource: download once, sniff the real type,
// then answer what a model can use: an image it can see, extracted text cut to the budget (with a note and
// an offset to continue), or metadata and a resource link. Sizes are capped before any base64 is built.
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { FileTooLargeError, type DownloadedFile } from '../../../worksection/client.js';
import { WorksectionApiError } from '../../../worksection/errors.js';
import { extractFileText, isExtractable, sniff, type Sniffed } from '../../../files/extract/index.js';
import { fileUri, humanSize } from '../shapes/file.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';

/** Images larger than this are linked, not inlined: clients reject or downscale huge image blocks. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Larger files are not parsed for text (parsing cost grows with size; the budget shows little of it). */
const EXTRACT_MAX_BYTES = 30 * 1024 * 1024;
/** Characters kept back from the budget for the header line and the continuation note. */
const HEADER_RESERVE_CHARS = 1_000;

export interface LoadedFile extends DownloadedFile {
  id: string;
  sniffed: Sniffed;
}

/** Downloads a file; an unknown id or a file over the download limit is a ToolError saying what to do. */
export async function loadFile(ctx: ToolContext, fileId: string): Promise<LoadedFile> {
  let file: DownloadedFile;
  try {
    file = await ctx.ws.download(fileId);
  } catch (err) {
    if (err instanceof WorksectionApiError && err.statusCode === 4) {
      throw new ToolError(
        `File ${fileId} was not found (or is not visible to this account).`,
        'list_files with a task_id or project_id lists the file ids.',
      );
    }
    if (err instanceof FileTooLargeError) {
      const size = err.declaredBytes === undefined ? '' : ` (${humanSize(err.declaredBytes)})`;
      throw new ToolError(
        `File ${fileId} is larger${size} than the ${humanSize(err.limitBytes)} this app downloads.`,
        'Open it in Worksection instead; list_files shows its name and size.',
      );
    }
    throw err;
  }
  return { ...file, id: fileId, sniffed: sniff(file.bytes, file.filename) };
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function describeFile(f: LoadedFile): string {
  return `File ${f.id} "${f.filename}" (${f.sniffed.mimeType}, ${humanSize(f.bytes.length)})`;
}

function linkTo(f: LoadedFile): ContentBlock {
  return {
    type: 'resource_link',
    uri: fileUri(f.id),
    name: f.filename,
    mimeType: f.sniffed.mimeType,
    size: f.bytes.length,
  };
}

/** The characters of extracted text a result may carry. */
function textBudgetChars(ctx: ToolContext): number {
  return Math.max(1_000, ctx.limits.budgetTokens * 4 - HEADER_RESERVE_CHARS);
}

/** A window of `text` from `offset` that fits `budget`, with the note that says what was left out. */
function window(text: string, offset: number, budget: number): { body: string; note: string } {
  const end = Math.min(text.length, offset + budget);
  const body = text.slice(offset, end);
  if (offset === 0 && end === text.length) return { body, note: `${text.length} characters of text.` };
  const shown = `characters ${offset + 1}–${end} of ${text.length}`;
  const rest = text.length - end;
  const more =
    rest > 0
      ? ` Cut to the size budget: ${rest} more characters not shown; call read_file again with offset=${end} to continue.`
      : ' This is the end of the text.';
  return { body, note: `Showing ${shown}.${more}` };
}

/** The read_file answer for a downloaded file. */
export async function fileContent(ctx: ToolContext, f: LoadedFile, offset = 0): Promise<ContentBlock[]> {
  const head = describeFile(f);
  const { format, mimeType } = f.sniffed;
  if (format === 'image') {
    if (f.bytes.length > IMAGE_MAX_BYTES) {
      return [
        {
          type: 'text',
          text: `${head}: the image is larger than the ${humanSize(IMAGE_MAX_BYTES)} limit for showing images, so it is linked instead.`,
        },
        linkTo(f),
      ];
    }
    return [
      { type: 'text', text: `${head}: the image follows.` },
      { type: 'image', data: base64(f.bytes), mimeType },
    ];
  }
  if (!isExtractable(format)) {
    return [
      { type: 'text', text: `${head}: this kind of file has no text to extract; it is linked instead.` },
      linkTo(f),
    ];
  }
  if (f.bytes.length > EXTRACT_MAX_BYTES) {
    return [
      {
        type: 'text',
        text: `${head}: larger than the ${humanSize(EXTRACT_MAX_BYTES)} limit for text extraction; it is linked instead.`,
      },
      linkTo(f),
    ];
  }
  const extracted = await extractFileText(f.bytes, f.filename);
  if (!extracted.ok)
    return [{ type: 'text', text: `${head}: ${extracted.reason}; it is linked instead.` }, linkTo(f)];
  const text = extracted.text;
  if (offset > 0 && offset >= text.length) {
    throw new ToolError(
      `offset ${offset} is past the end of the text of file ${f.id} (${text.length} characters).`,
      'Call read_file without offset to read from the start.',
    );
  }
  if (text.trim() === '') return [{ type: 'text', text: `${head}: the file contains no text.` }];
  const pages =
    extracted.pages === undefined ? '' : `, ${extracted.pages} page${extracted.pages === 1 ? '' : 's'}`;
  const { body, note } = window(text, offset, textBudgetChars(ctx));
  return [{ type: 'text', text: `${head}${pages}. ${note}\n\n${body}` }];
}
