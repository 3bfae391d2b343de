/**
 * A minimal PNG decoder for screenshots (8-bit RGB or RGBA, not interlaced: what Chromium
 * writes), so tests can look at pixels without an image library.
 *
 * Reference: PNG Specification, 2nd ed. (W3C REC, 2003), sec. 9 (filtering) and 11.2 (IHDR).
 */

import { inflateSync } from 'node:zlib';

/** Decoded pixels, 4 bytes (RGBA) per pixel, row-major. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes an 8-bit RGB/RGBA PNG. */
export function decodePng(png: Uint8Array): Rgba {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let p = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (p < png.length) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(...png.subarray(p + 4, p + 8));
    const body = png.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(p + 8);
      height = view.getUint32(p + 12);
      const depth = body[8];
      const colorType = body[9];
      const interlace = body[12];
      if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels]!;
      out[o + 1] = cur[x * channels + 1]!;
      out[o + 2] = cur[x * channels + 2]!;
      out[o + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

/** Statistics of an image against a background colour. */
export interface PixelStats {
  /** Fraction of pixels farther than `tolerance` (max channel difference) from the background. */
  nonBackground: number;
  /** Variance of the luminance, (0..255)^2. */
  lumaVariance: number;
  /** Number of pixels close to `probe` (within `tolerance`). */
  probeCount: number;
}

/**
 * Counts pixels that differ from the background and that match a probe colour.
 *
 * @param img decoded image
 * @param background [r, g, b] of an empty view
 * @param probe [r, g, b] to look for (e.g. a trail's colour)
 * @param tolerance largest channel difference counted as the same colour
 */
export function pixelStats(
  img: Rgba,
  background: [number, number, number],
  probe: [number, number, number],
  tolerance = 40,
): PixelStats {
  const n = img.width * img.height;
  let off = 0;
  let probeCount = 0;
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < n; k++) {
    const r = img.data[4 * k]!;
    const g = img.data[4 * k + 1]!;
    const b = img.data[4 * k + 2]!;
    const d = Math.max(
      Math.abs(r - background[0]),
      Math.abs(g - background[1]),
      Math.abs(b - background[2]),
    );
    if (d > tolerance) off++;
    const dp = Math.max(Math.abs(r - probe[0]), Math.abs(g - probe[1]), Math.abs(b - probe[2]));
    if (dp <= tolerance) probeCount++;
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += l;
    sum2 += l * l;
  }
  const mean = sum / n;
  return { nonBackground: off / n, lumaVariance: sum2 / n - mean * mean, probeCount };
}
