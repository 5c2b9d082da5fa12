import { crc32, deflateSync, inflateSync } from 'node:zlib';

/**
 * A small PNG writer and reader for the app's icons: 8-bit RGBA, no interlace, filter 0. The
 * icons are drawn by code (icons.ts), so the package needs no image tool and the same source
 * always gives the same bytes.
 */

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An image as 8-bit RGBA rows, top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  /** `width * height * 4` bytes: red, green, blue, alpha per pixel. */
  data: Uint8Array;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes an RGBA image as PNG. */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new RangeError('RGBA data does not fit the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: RGBA
  // Compression, filter and interlace methods stay 0.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    // Each row starts with its filter type, 0 (none).
    Buffer.from(data.buffer, data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Why a file could not be read as one of these PNGs. */
export class PngError extends Error {
  constructor(readonly reason: 'notPng' | 'unsupported') {
    super(reason === 'notPng' ? 'Not a PNG file' : 'Only 8-bit RGBA PNGs without filters are read');
    this.name = 'PngError';
  }
}

/** The size of any PNG, from its header. */
export function pngSize(file: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(signature)) {
    throw new PngError('notPng');
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** Decodes a PNG that encodePng wrote (8-bit RGBA, filter 0), to check its pixels. */
export function decodePng(file: Uint8Array): RgbaImage {
  const { width, height } = pngSize(file);
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buffer.readUInt8(24) !== 8 || buffer.readUInt8(25) !== 6) throw new PngError('unsupported');
  const idat: Buffer[] = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buffer.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    if (raw[y * (stride + 1)] !== 0) throw new PngError('unsupported');
    data.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, data };
}
