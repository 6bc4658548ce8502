// What a file really is, from its bytes. Worksection serves every download as application/x-download and
// names can lie, so images, PDFs and Office documents are recognised by their magic bytes (OOXML by the
// parts inside the zip); text is whatever decodes as UTF-8 (or UTF-16 with a BOM) without NUL bytes.
import { unzipSync } from 'fflate';

export type FileFormat = 'image' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'text' | 'binary';

export interface Sniffed {
  format: FileFormat;
  mimeType: string;
}

const OOXML: Record<string, { format: FileFormat; mimeType: string }> = {
  'word/document.xml': {
    format: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  'xl/workbook.xml': {
    format: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'ppt/presentation.xml': {
    format: 'pptx',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
};

const TEXT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  svg: 'image/svg+xml',
};

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function imageType(b: Uint8Array): string | undefined {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return 'image/gif';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

function ooxmlType(b: Uint8Array): Sniffed | undefined {
  let names: string[];
  try {
    // Only the parts asked about are decompressed.
    names = Object.keys(unzipSync(b, { filter: (f) => Object.hasOwn(OOXML, f.name) }));
  } catch {
    return undefined;
  }
  const hit = names.map((n) => OOXML[n]).find((x) => x !== undefined);
  return hit ? { ...hit } : { format: 'binary', mimeType: 'application/zip' };
}

/** The text of bytes that look like text, or undefined for binary content. */
export function decodeText(b: Uint8Array): string | undefined {
  if (starts(b, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (starts(b, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(b.subarray(2));
  const body = starts(b, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
  if (body.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function sniff(bytes: Uint8Array, filename = ''): Sniffed {
  const image = imageType(bytes);
  if (image) return { format: 'image', mimeType: image };
  if (starts(bytes, ascii('%PDF-'))) return { format: 'pdf', mimeType: 'application/pdf' };
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return ooxmlType(bytes) ?? { format: 'binary', mimeType: 'application/zip' };
  if (decodeText(bytes) !== undefined) {
    return { format: 'text', mimeType: TEXT_TYPES[extensionOf(filename)] ?? 'text/plain' };
  }
  return { format: 'binary', mimeType: 'application/octet-stream' };
}

/** Image formats a model can see (by name, for listings that have no bytes). */
export const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);
