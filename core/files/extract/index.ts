// One entry point from bytes to what a model can read: the sniffed format and MIME type, and the text of
// text-like files, PDF, DOCX, XLSX and PPTX. Extraction failures (encrypted or broken files) are answers,
// not exceptions: the caller then offers the file as a link instead.
import { docxText, pptxText, xlsxText } from './ooxml.js';
import { decodeText, sniff, type FileFormat } from './sniff.js';

export { sniff, type FileFormat, type Sniffed } from './sniff.js';

export type Extraction =
  | { ok: true; format: FileFormat; mimeType: string; text: string; pages?: number }
  | { ok: false; format: FileFormat; mimeType: string; reason: string };

const EXTRACTABLE = new Set<FileFormat>(['text', 'pdf', 'docx', 'xlsx', 'pptx']);

export function isExtractable(format: FileFormat): boolean {
  return EXTRACTABLE.has(format);
}

export async function extractFileText(bytes: Uint8Array, filename = ''): Promise<Extraction> {
  const { format, mimeType } = sniff(bytes, filename);
  const done = (text: string, pages?: number): Extraction =>
    pages === undefined ? { ok: true, format, mimeType, text } : { ok: true, format, mimeType, text, pages };
  try {
    switch (format) {
      case 'text':
        return done(decodeText(bytes) ?? '');
      case 'pdf': {
        // pdf.js is large: loaded on the first PDF, not with every start.
        const { pdfText } = await import('./pdf.js');
        const { text, pages } = await pdfText(bytes);
        return done(text, pages);
      }
      case 'docx':
        return done(docxText(bytes));
      case 'xlsx':
        return done(xlsxText(bytes));
      case 'pptx':
        return done(pptxText(bytes));
      default:
        return { ok: false, format, mimeType, reason: 'this kind of file has no text to extract' };
    }
  } catch (err) {
    const why =
      err instanceof Error && /password/i.test(err.name + err.message)
        ? 'it is password-protected'
        : 'it could not be parsed';
    return { ok: false, format, mimeType, reason: `its text could not be extracted: ${why}` };
  }
}
