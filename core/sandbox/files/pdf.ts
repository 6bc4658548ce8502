// A minimal one-page PDF 1.4 with real text (standard Helvetica fonts, uncompressed content stream) and an
// exact xref table, so PDF readers and text extractors treat it as a normal document.

// WinAnsiEncoding codes of the few non-Latin-1 characters our texts use.
const WIN_ANSI: Record<string, number> = {
  '\u2018': 0x91,
  '\u2019': 0x92,
  '\u201c': 0x93,
  '\u201d': 0x94,
  '\u2022': 0x95,
  '\u2013': 0x96,
  '\u2014': 0x97,
};

/** A PDF string literal body in WinAnsi, one char per byte; what the encoding lacks becomes '?'. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\' || ch === '(' || ch === ')') out += '\\' + ch;
    else {
      const code = ch.codePointAt(0) ?? 63;
      if (code >= 0x20 && code <= 0xff && !(code >= 0x7f && code < 0xa0)) out += ch;
      else out += String.fromCharCode(WIN_ANSI[ch] ?? 63);
    }
  }
  return out;
}

export interface PdfDocument {
  title: string;
  lines: readonly string[];
}

export function renderPdf(doc: PdfDocument): Uint8Array {
  const text = [
    'BT /F1 18 Tf 56 770 Td (' + pdfString(doc.title) + ') Tj ET',
    'BT /F2 11 Tf 16 TL 56 736 Td',
    ...doc.lines.map((line) => '(' + pdfString(line) + ') Tj T*'),
    'ET',
  ].join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    // Every char of `text` is one byte (latin1 below), so its length is the stream's byte length.
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    `<< /Title (${pdfString(doc.title)}) /Producer (Worksection sandbox) >>`,
  ];

  // The comment with high bytes tells transfer tools the file is binary (PDF 1.4 §3.4.1).
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
