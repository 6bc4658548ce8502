// Bytes of the sandbox's generated attachments. Content is a pure function of the file's id, kind and
// name, so the same file always downloads the same bytes, whether it was rendered at generation time or
// later on demand.
//
// Storage decision: the generator renders every file once (it must, to know `size`) and keeps the bytes in
// FileRec.bytes; that costs a few MB even for the large account. fileBytes() still renders on demand for a
// record without bytes, so handlers can always call it.
import type { FileKind, FileRec, Id } from '../model.js';
import { Rng, mix32 } from '../generate/random.js';
import { DOC_LINES } from '../generate/words-talk.js';
import { renderDocx } from './docx.js';
import { renderPdf } from './pdf.js';
import type { Picture, Rect, Rgb } from './png.js';
import { encodePng } from './png.js';
import { renderText } from './text.js';

export interface AttachmentSpec {
  id: Id;
  kind: FileKind;
  name: string;
}

export interface AttachmentText {
  title: string;
  lines: string[];
}

const ACCENTS: readonly Rgb[] = [
  [37, 99, 235],
  [220, 38, 38],
  [22, 163, 74],
  [217, 119, 6],
  [124, 58, 237],
  [13, 148, 136],
];
const LIGHT: Rgb = [248, 250, 252];
const CARD: Rgb = [255, 255, 255];
const GREY: Rgb = [203, 213, 225];
const DARK: Rgb = [51, 65, 85];

function rngFor(id: Id, salt: number): Rng {
  return new Rng(mix32(id, salt));
}

/** The title (file name without extension) and the lines a document attachment contains. */
export function attachmentText(spec: AttachmentSpec): AttachmentText {
  const dot = spec.name.lastIndexOf('.');
  const title = dot > 0 ? spec.name.slice(0, dot) : spec.name;
  const rng = rngFor(spec.id, 0x7e47);
  return { title, lines: rng.sample(DOC_LINES, rng.int(4, 7)) };
}

/** A flat-colour mock-up (header, sidebar, cards) or, for charts, a bar chart. */
export function attachmentPicture(spec: AttachmentSpec): Picture {
  const rng = rngFor(spec.id, 0x9a1e);
  const width = rng.int(20, 32) * 8;
  const height = rng.int(12, 20) * 8;
  const accent = rng.pick(ACCENTS);
  const rects: Rect[] = [];
  if (/chart|graph|traffic/i.test(spec.name)) {
    const bars = rng.int(5, 9);
    const slot = Math.floor((width - 16) / bars);
    for (let i = 0; i < bars; i++) {
      const h = rng.int(Math.floor(height / 6), height - 20);
      rects.push({
        x: 8 + i * slot + 2,
        y: height - 8 - h,
        w: slot - 4,
        h,
        color: i % 3 === 2 ? DARK : accent,
      });
    }
    rects.push({ x: 6, y: height - 8, w: width - 12, h: 1, color: DARK });
    return { width, height, background: CARD, rects };
  }
  rects.push({ x: 0, y: 0, w: width, h: 14, color: accent });
  rects.push({ x: 4, y: 4, w: 18, h: 6, color: CARD });
  rects.push({ x: 0, y: 14, w: 28, h: height - 14, color: GREY });
  const cols = rng.int(2, 3);
  const cardW = Math.floor((width - 38 - (cols - 1) * 6) / cols);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < 2; r++) {
      const x = 34 + c * (cardW + 6);
      const y = 20 + r * Math.floor((height - 22) / 2);
      const h = Math.floor((height - 22) / 2) - 6;
      rects.push({ x, y, w: cardW, h, color: CARD });
      rects.push({ x: x + 4, y: y + 4, w: Math.floor((cardW * rng.int(40, 80)) / 100), h: 3, color: DARK });
      rects.push({ x: x + 4, y: y + 10, w: Math.floor((cardW * rng.int(30, 90)) / 100), h: 2, color: GREY });
      if (r === 0 && c === 0) rects.push({ x: x + 4, y: y + 16, w: cardW - 8, h: h - 20, color: accent });
    }
  }
  return { width, height, background: LIGHT, rects };
}

export function renderAttachment(spec: AttachmentSpec): Uint8Array {
  switch (spec.kind) {
    case 'png':
      return encodePng(attachmentPicture(spec));
    case 'pdf':
      return renderPdf(attachmentText(spec));
    case 'docx': {
      const { title, lines } = attachmentText(spec);
      return renderDocx({ title, paragraphs: lines });
    }
    case 'txt':
      return renderText(attachmentText(spec));
  }
}

/** The bytes of any file record: uploaded or pre-rendered bytes, else rendered now and kept. */
export function fileBytes(file: FileRec): Uint8Array {
  file.bytes ??= renderAttachment(file);
  return file.bytes;
}
