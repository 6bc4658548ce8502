// PDF text through unpdf (Mozilla's pdf.js, bundled for servers): one "## Page N" section per page.
// pdf.js takes ownership of the buffer it is given, so it gets a copy and the caller's bytes stay intact.
// The copy is a plain Uint8Array: pdf.js refuses a Node Buffer (what the file cache hands over), and a
// Buffer's own slice() is still a Buffer (and not even a copy).
import { extractText, getDocumentProxy } from 'unpdf';

export interface PdfText {
  pages: number;
  text: string;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    const body =
      totalPages === 1
        ? (text[0] ?? '').trim()
        : text.map((page, i) => `## Page ${i + 1}\n${page.trim()}`).join('\n\n');
    return { pages: totalPages, text: body };
  } finally {
    await doc.destroy();
  }
}
