// A minimal PNG encoder (8-bit RGB, no interlace, filter 0 on every row) for generated screenshots and
// mock-ups. Real bytes matter: the MCP layer downloads attachments and hands images to assistants.
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  color: Rgb;
}

export interface Picture {
  width: number;
  height: number;
  background: Rgb;
  /** Painted in order; later rectangles cover earlier ones; parts outside the picture are clipped. */
  rects: readonly Rect[];
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  // The CRC covers the chunk type and data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

function paint(raw: Buffer, stride: number, pic: Picture, r: Rect): void {
  const x0 = Math.max(0, r.x);
  const y0 = Math.max(0, r.y);
  const x1 = Math.min(pic.width, r.x + r.w);
  const y1 = Math.min(pic.height, r.y + r.h);
  if (x1 <= x0 || y1 <= y0) return;
  const first = y0 * stride + 1 + x0 * 3;
  for (let x = 0; x < x1 - x0; x++) raw.set(r.color, first + x * 3);
  // Every later row of the rectangle is a copy of its first row.
  for (let y = y0 + 1; y < y1; y++) raw.copyWithin(y * stride + 1 + x0 * 3, first, first + (x1 - x0) * 3);
}

export function encodePng(pic: Picture): Uint8Array {
  const { width, height } = pic;
  const stride = 1 + width * 3;
  const raw = Buffer.alloc(stride * height);
  paint(raw, stride, pic, { x: 0, y: 0, w: width, h: height, color: pic.background });
  for (const r of pic.rects) paint(raw, stride, pic, r);

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  // compression, filter and interlace methods stay 0
  const png = Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
  // A plain copy: small Buffers share Node's pool, and a consumer reading .buffer would see it all.
  return new Uint8Array(png);
}
