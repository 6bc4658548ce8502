import { unzipSync, strFromU8 } from 'fflate';
import { inflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FileRec } from '../model.js';
import { escapeXml } from './docx.js';
import { attachmentText, fileBytes, renderAttachment } from './index.js';
import { PNG_SIGNATURE } from './png.js';

interface PngChunk {
  type: string;
  data: Buffer;
}

function readChunks(bytes: Uint8Array): PngChunk[] {
  const buf = Buffer.from(bytes);
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    expect(buf.readUInt32BE(at + 8 + len)).toBe(crc32(buf.subarray(at + 4, at + 8 + len)));
    chunks.push({ type, data });
    at += 12 + len;
  }
  return chunks;
}

describe('PNG attachments', () => {
  it.each(['Homepage mockup v2.png', 'Chart - monthly traffic.png'])('%s is a decodable image', (name) => {
    const bytes = renderAttachment({ id: 4242, kind: 'png', name });
    expect([...bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const chunks = readChunks(bytes);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    const width = ihdr.readUInt32BE(0);
    const height = ihdr.readUInt32BE(4);
    expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([8, 2, 0, 0, 0]);
    const raw = inflateSync(chunks[1]!.data);
    expect(raw.length).toBe(height * (1 + width * 3));
    for (let y = 0; y < height; y++) expect(raw[y * (1 + width * 3)]).toBe(0);
    // Not a blank canvas: a mock-up has several colours.
    const colours = new Set<string>();
    for (let i = 1; i < raw.length; i += 3) colours.add(`${raw[i]},${raw[i + 1]},${raw[i + 2]}`);
    expect(colours.size).toBeGreaterThan(2);
    expect(bytes.length).toBeLessThan(8000);
  });
});

describe('PDF attachments', () => {
  const spec = { id: 777, kind: 'pdf' as const, name: 'Q3 budget review.pdf' };
  const bytes = renderAttachment(spec);
  const text = Buffer.from(bytes).toString('latin1');

  it('has a header, trailer and an xref table whose offsets point at the objects', () => {
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const xref = /xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(text.slice(startxref));
    const count = Number(xref?.[1]);
    const rows = (xref?.[2] ?? '').split('\n').filter(Boolean);
    expect(rows).toHaveLength(count);
    rows.slice(1).forEach((row, i) => {
      expect(row).toMatch(/^\d{10} 00000 n $/);
      const off = Number(row.slice(0, 10));
      expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
  });

  it('contains the document text and a correct stream length', () => {
    const { title, lines } = attachmentText(spec);
    expect(title).toBe('Q3 budget review');
    expect(text).toContain(`(${title}) Tj`);
    for (const line of lines) expect(text).toContain(`(${line}) Tj`);
    const m = /<< \/Length (\d+) >>\nstream\n/.exec(text);
    const start = (m?.index ?? 0) + (m?.[0].length ?? 0);
    expect(text.slice(start + Number(m?.[1]), start + Number(m?.[1]) + 10)).toBe('\nendstream');
  });
});

describe('DOCX attachments', () => {
  it('unzips into an OOXML package whose document holds the text', () => {
    const spec = { id: 9001, kind: 'docx' as const, name: 'Project brief & scope.docx' };
    const files = unzipSync(renderAttachment(spec));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('/word/document.xml');
    expect(strFromU8(files['_rels/.rels']!)).toContain('Target="word/document.xml"');
    const doc = strFromU8(files['word/document.xml']!);
    const { title, lines } = attachmentText(spec);
    expect(doc).toContain(`<w:t xml:space="preserve">${escapeXml(title)}</w:t>`);
    expect(doc).toContain('Project brief &amp; scope');
    for (const line of lines) expect(doc).toContain(escapeXml(line));
    expect(doc.match(/<w:p>/g)).toHaveLength(lines.length + 1);
  });
});

describe('text attachments', () => {
  it('are valid UTF-8 with the title and lines', () => {
    const spec = { id: 55, kind: 'txt' as const, name: 'meeting-notes.txt' };
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(renderAttachment(spec));
    const { title, lines } = attachmentText(spec);
    expect(decoded.startsWith(`${title}\n`)).toBe(true);
    for (const line of lines) expect(decoded).toContain(`• ${line}\n`);
  });
});

describe('determinism', () => {
  it('renders the same bytes for the same file and different bytes for another id', () => {
    for (const kind of ['png', 'pdf', 'docx', 'txt'] as const) {
      const a = renderAttachment({ id: 1, kind, name: `a.${kind}` });
      expect(renderAttachment({ id: 1, kind, name: `a.${kind}` })).toEqual(a);
      expect(renderAttachment({ id: 2, kind, name: `a.${kind}` })).not.toEqual(a);
    }
  });

  it('fileBytes renders a record without bytes once and keeps uploaded bytes', () => {
    const rec: FileRec = {
      id: 3,
      name: 'x.txt',
      kind: 'txt',
      size: 0,
      dateAdded: 0,
      userFromId: 1,
      projectId: 1,
    };
    const first = fileBytes(rec);
    expect(fileBytes(rec)).toBe(first);
    const uploaded = Uint8Array.of(1, 2, 3);
    expect(fileBytes({ ...rec, bytes: uploaded })).toBe(uploaded);
  });
});
