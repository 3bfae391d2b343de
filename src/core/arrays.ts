/**
 * Where the large result arrays of a run come from (ephemeris samples, the view's range and
 * simplification arrays): new ones by default; in the editor's simulation worker, buffers the
 * page has handed back after drawing an older trajectory (src/worker/bufferPool.ts). A fresh
 * multi-megabyte array costs more than filling it (the operating system maps and zeroes its pages
 * on first touch: about 4 ms for a 48 h ephemeris at 1 s), which is a quarter of a frame.
 *
 * Arrays from an allocator are not zeroed: their users write every element they read.
 */

/** Supplies typed arrays of a given length. */
export interface ArrayAllocator {
  /** A Float64Array of exactly `length` elements (contents unspecified). */
  float64(length: number): Float64Array;
  /** A Uint32Array of exactly `length` elements (contents unspecified). */
  uint32(length: number): Uint32Array;
}

/** New, zeroed arrays. */
export const freshArrays: ArrayAllocator = {
  float64: (length) => new Float64Array(length),
  uint32: (length) => new Uint32Array(length),
};
