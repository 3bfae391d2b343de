/**
 * Recycled ArrayBuffers for the editor's simulation worker.
 *
 * A trajectory's arrays are transferred to the page (no copy), so the worker loses them; once the
 * page has replaced that trajectory by a newer one and no longer draws it, it hands the buffers
 * back (src/state/store.ts, `SimulationClient.recycle`). The next runs take their ephemeris and
 * view arrays from here instead of asking the system for fresh pages (see src/core/arrays.ts: a
 * 10 MB fresh allocation costs about 4 ms in page faults; a recycled one nothing).
 */

import type { ArrayAllocator } from '../core/arrays.ts';

/** Most bytes the pool keeps; buffers beyond it are left to the garbage collector. */
export const POOL_MAX_BYTES = 128 * 1024 * 1024;

/**
 * A buffer is reused for a request of at least this fraction of its size, so that a small array
 * does not take (and waste) a large buffer that a large array will need.
 */
const MIN_FILL = 0.5;

/** Free ArrayBuffers, handed out as typed arrays that fit. */
export class BufferPool implements ArrayAllocator {
  private readonly free: ArrayBuffer[] = [];
  private freeBytes = 0;

  /** @param maxBytes most bytes kept */
  constructor(private readonly maxBytes = POOL_MAX_BYTES) {}

  /** Bytes held, ready for reuse. */
  get bytes(): number {
    return this.freeBytes;
  }

  /**
   * Takes back buffers. Detached ones (byteLength 0: already transferred elsewhere), duplicates
   * and those that would exceed the size limit are ignored.
   */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const b of buffers) {
      if (b.byteLength === 0 || this.free.includes(b)) continue;
      if (this.freeBytes + b.byteLength > this.maxBytes) continue;
      this.free.push(b);
      this.freeBytes += b.byteLength;
    }
  }

  float64(length: number): Float64Array {
    return new Float64Array(this.take(length * 8), 0, length);
  }

  uint32(length: number): Uint32Array {
    return new Uint32Array(this.take(length * 4), 0, length);
  }

  /** The smallest free buffer of at least `byteLength` bytes that it fills enough, or a new one. */
  private take(byteLength: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size < byteLength || byteLength < MIN_FILL * size) continue;
      if (best < 0 || size < this.free[best]!.byteLength) best = i;
    }
    if (best < 0) return new ArrayBuffer(byteLength);
    const [buffer] = this.free.splice(best, 1);
    this.freeBytes -= buffer!.byteLength;
    return buffer!;
  }
}
