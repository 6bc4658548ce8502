import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../sandbox/files/docx.js';
import { attachmentPicture } from '../../sandbox/files/index.js';
import { renderPdf } from '../../sandbox/files/pdf.js';
import { encodePng } from '../../sandbox/files/png.js';
import { extractFileText } from './index.js';
import { decodeXml, paragraphsOf } from './ooxml.js';
import { sniff } from './sniff.js';
import { xlsx } from '../testing/xlsx.js';

const png = encodePng(attachmentPicture({ id: 7, kind: 'png', name: 'Screenshot.png' }));

describe('sniff', () => {
  it('recognises images by their magic bytes, not their names', () => {
    expect(sniff(png, 'notes.txt')).toEqual({ format: 'image', mimeType: 'image/png' });
    expect(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'a.png').mimeType).toBe('image/jpeg');
    expect(sniff(strToU8('GIF89a....'), 'x').mimeType).toBe('image/gif');
    expect(sniff(strToU8('RIFF\0\0\0\0WEBPVP8 '), 'x').mimeType).toBe('image/webp');
  });

  it('tells PDF, DOCX and XLSX apart and falls back to text or binary', () => {
    expect(sniff(renderPdf({ title: 'T', lines: [] }), 'x.bin').format).toBe('pdf');
    expect(sniff(renderDocx({ title: 'T', paragraphs: [] }), 'x.zip').format).toBe('docx');
    expect(sniff(xlsx([{ name: 'S', rows: '' }], []), 'x').format).toBe('xlsx');
    expect(sniff(zipSync({ 'a.txt': strToU8('hi') }), 'a.zip')).toEqual({
      format: 'binary',
      mimeType: 'application/zip',
    });
    expect(sniff(strToU8('a,b\n1,2\n'), 'data.csv')).toEqual({ format: 'text', mimeType: 'text/csv' });
    expect(sniff(strToU8('héllo'), 'readme')).toEqual({ format: 'text', mimeType: 'text/plain' });
    expect(sniff(Uint8Array.from([0, 1, 2, 0xff, 0xfe, 0]), 'x.txt').format).toBe('binary');
  });
});

describe('extractFileText', () => {
  it('reads the text of a generated PDF, page by page', async () => {
    const pdf = renderPdf({
      title: 'Q3 budget review',
      lines: ['Marketing spend is up 12%', 'Hiring – frozen'],
    });
    const out = await extractFileText(pdf, 'Q3.pdf');
    expect(out).toMatchObject({ ok: true, format: 'pdf', pages: 1 });
    const text = out.ok ? out.text : '';
    expect(text).toContain('Q3 budget review');
    expect(text).toContain('Marketing spend is up 12%');
    expect(text).toContain('Hiring – frozen');
  });

  it('reads DOCX paragraphs in order', async () => {
    const doc = renderDocx({ title: 'Spec', paragraphs: ['First <point> & more', 'Second point'] });
    const out = await extractFileText(doc, 'spec.docx');
    expect(out).toEqual({
      ok: true,
      format: 'docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      text: 'Spec\nFirst <point> & more\nSecond point',
    });
  });

  it('reads XLSX sheets as tab-separated rows with shared and inline strings, keeping gaps', async () => {
    const book = xlsx(
      [
        {
          name: 'Budget',
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Ads &amp; PR</t></is></c><c r="B2"><v>12.5</v></c><c r="C2" t="b"><v>1</v></c></row>',
        },
        { name: 'Notes', rows: '<row r="1"><c r="B1" t="str"><v>total</v></c></row>' },
      ],
      ['Item', 'Approved'],
    );
    const out = await extractFileText(book, 'budget.xlsx');
    expect(out.ok && out.text).toBe(
      '## Sheet: Budget\nItem\t\tApproved\nAds & PR\t12.5\tTRUE\n\n## Sheet: Notes\n\ttotal',
    );
  });

  it('decodes text files, including UTF-8 with a BOM', async () => {
    const out = await extractFileText(Uint8Array.from([0xef, 0xbb, 0xbf, ...strToU8('Zoë\n')]), 'n.txt');
    expect(out).toEqual({ ok: true, format: 'text', mimeType: 'text/plain', text: 'Zoë\n' });
  });

  it('answers a broken PDF or an image as not extractable instead of throwing', async () => {
    const broken = await extractFileText(strToU8('%PDF-1.4\nthis is not really a pdf'), 'x.pdf');
    expect(broken).toMatchObject({ ok: false, format: 'pdf' });
    expect(await extractFileText(png, 'x.png')).toMatchObject({ ok: false, format: 'image' });
  });
});

describe('OOXML helpers', () => {
  it('decodes entities and keeps tabs, breaks and table cells', () => {
    expect(decodeXml('a &lt;b&gt; &#233; &#x263A; &unknown;')).toBe('a <b> é ☺ &unknown;');
    const xml =
      '<w:body><w:p><w:r><w:t>A</w:t><w:tab/><w:t xml:space="preserve">B </w:t><w:br/><w:t>C</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>';
    expect(paragraphsOf(xml, 'w')).toBe('A\tB \nC\nx\ny');
  });
});
