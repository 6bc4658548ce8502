// Text of Office Open XML documents (DOCX, XLSX, PPTX): unzip with fflate and read the text out of the
// XML parts. Only text is wanted, so a tokenizer over tags is enough; no layout, styles or formulas.
import { strFromU8, unzipSync, type Unzipped } from 'fflate';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent] ?? whole;
  });
}

function parts(bytes: Uint8Array, wanted: (name: string) => boolean): Unzipped {
  return unzipSync(bytes, { filter: (f) => wanted(f.name) });
}

const read = (zip: Unzipped, name: string): string | undefined => {
  const part = zip[name];
  return part ? strFromU8(part) : undefined;
};

/**
 * Paragraph text of WordprocessingML / DrawingML: text runs (<w:t>, <a:t>) joined, tabs and breaks kept,
 * one line per paragraph (a table cell's paragraphs are paragraphs too).
 */
export function paragraphsOf(xml: string, ns: 'w' | 'a'): string {
  const out: string[] = [];
  let line = '';
  const tag = new RegExp(`<(/?)${ns}:(t|p|tab|br|cr)\\b[^>]*?(/?)>|([^<]+)|<[^>]*>`, 'g');
  let inText = false;
  for (const m of xml.matchAll(tag)) {
    const [, close, name, selfClose, text] = m;
    if (text !== undefined) {
      if (inText) line += decodeXml(text);
      continue;
    }
    if (name === 't') inText = close !== '/' && selfClose !== '/';
    else if (name === 'tab' && close !== '/') line += '\t';
    else if ((name === 'br' || name === 'cr') && close !== '/') line += '\n';
    else if (name === 'p' && (close === '/' || selfClose === '/')) {
      out.push(line.replace(/\t+$/, ''));
      line = '';
    }
  }
  if (line) out.push(line);
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function docxText(bytes: Uint8Array): string {
  const zip = parts(bytes, (n) => n === 'word/document.xml');
  return paragraphsOf(read(zip, 'word/document.xml') ?? '', 'w');
}

const slideNo = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

export function pptxText(bytes: Uint8Array): string {
  const zip = parts(bytes, (n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  return Object.keys(zip)
    .sort((a, b) => slideNo(a) - slideNo(b))
    .map((name) => `## Slide ${slideNo(name)}\n${paragraphsOf(read(zip, name) ?? '', 'a')}`)
    .join('\n\n');
}

/** Column letters of a cell reference ("AB12") → 0-based index. */
function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)].map((si) =>
    [...(si[1] ?? '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1] ?? '')).join(''),
  );
}

function cellText(attrs: string, inner: string, strings: readonly string[]): string {
  const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
  if (type === 'inlineStr') {
    return [...inner.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1] ?? '')).join('');
  }
  const value = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
  if (type === 's') return strings[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return value;
}

/** A worksheet as tab-separated rows (cells placed by their reference, so gaps stay gaps). */
function sheetRows(xml: string, strings: readonly string[]): string {
  const rows: string[] = [];
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const at = ref === undefined ? cells.length : columnIndex(ref);
      while (cells.length < at) cells.push('');
      cells[at] = cellText(attrs, c[2] ?? '', strings).replace(/[\t\r\n]+/g, ' ');
    }
    if (cells.some((v) => v !== '')) rows.push(cells.join('\t').replace(/\t+$/, ''));
  }
  return rows.join('\n');
}

export function xlsxText(bytes: Uint8Array): string {
  const zip = parts(
    bytes,
    (n) =>
      n === 'xl/workbook.xml' ||
      n === 'xl/_rels/workbook.xml.rels' ||
      n === 'xl/sharedStrings.xml' ||
      /^xl\/worksheets\/[^/]+\.xml$/.test(n),
  );
  const strings = sharedStrings(read(zip, 'xl/sharedStrings.xml'));
  const rels = new Map(
    [...(read(zip, 'xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)].map((r) => [
      /\bId="([^"]+)"/.exec(r[1] ?? '')?.[1] ?? '',
      (/\bTarget="([^"]+)"/.exec(r[1] ?? '')?.[1] ?? '').replace(/^\/?(xl\/)?/, 'xl/'),
    ]),
  );
  // Sheets in workbook order with their names; a workbook without the parts falls back to file order.
  const sheets = [...(read(zip, 'xl/workbook.xml') ?? '').matchAll(/<sheet\b([^>]*)\/?>/g)].map((s) => ({
    name: decodeXml(/\bname="([^"]*)"/.exec(s[1] ?? '')?.[1] ?? ''),
    part: rels.get(/\br:id="([^"]+)"/.exec(s[1] ?? '')?.[1] ?? '') ?? '',
  }));
  const listed = sheets.filter((s) => zip[s.part] !== undefined);
  const order =
    listed.length > 0
      ? listed
      : Object.keys(zip)
          .filter((n) => n.startsWith('xl/worksheets/'))
          .sort()
          .map((part) => ({ name: part.slice('xl/worksheets/'.length, -4), part }));
  return order.map((s) => `## Sheet: ${s.name}\n${sheetRows(read(zip, s.part) ?? '', strings)}`).join('\n\n');
}
