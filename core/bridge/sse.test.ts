// The event-stream reader on the cases the spec allows and a network splits arbitrarily.
import { describe, expect, it } from 'vitest';
import { sseData } from './sse.js';

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return new ReadableStream({
    pull(controller) {
      const next = bytes.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function all(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of sseData(stream(chunks))) out.push(data);
  return out;
}

describe('sseData', () => {
  it('joins data lines, skips comments and other fields, and accepts CRLF, CR and LF', async () => {
    expect(
      await all([': hi\nid: 1\nevent: message\ndata: {"a":\ndata:1}\n\n', 'data: x\r\n\r\ndata: y\r\r']),
    ).toEqual(['{"a":\n1}', 'x', 'y']);
  });

  it('reassembles events and multi-byte characters split byte by byte, and drops an unfinished last event', async () => {
    const text = 'data: {"t":"café ✓"}\n\ndata: tail';
    const bytes = new TextEncoder().encode(text);
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const data of sseData(split)) out.push(data);
    expect(out).toEqual(['{"t":"café ✓"}']);
  });
});
