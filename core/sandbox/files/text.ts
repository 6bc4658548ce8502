// Plain-text attachments: UTF-8, LF line ends, with the title underlined and bulleted lines.

export interface TextDocument {
  title: string;
  lines: readonly string[];
}

export function renderText(doc: TextDocument): Uint8Array {
  const body = `${doc.title}\n${'='.repeat(doc.title.length)}\n\n${doc.lines.map((l) => `• ${l}`).join('\n')}\n`;
  return new TextEncoder().encode(body);
}
