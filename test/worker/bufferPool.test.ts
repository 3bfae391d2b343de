// The worker's pool of recycled buffers: reuse by identity, best fit, limits.

import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/worker/bufferPool.ts';

describe('BufferPool', () => {
  it('hands out new arrays of the exact length when empty', () => {
    const pool = new BufferPool();
    const a = pool.float64(10);
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(10);
    expect(pool.uint32(7).length).toBe(7);
    expect(pool.bytes).toBe(0);
  });

  it('reuses a given buffer for an array that fits, as a view of the requested length', () => {
    const pool = new BufferPool();
    const b = new ArrayBuffer(8000);
    pool.give([b]);
    expect(pool.bytes).toBe(8000);
    const a = pool.float64(900);
    expect(a.buffer).toBe(b);
    expect(a.length).toBe(900);
    expect(pool.bytes).toBe(0);
    // Gone from the pool: the next array is new.
    expect(pool.float64(900).buffer).not.toBe(b);
  });

  it('picks the smallest buffer that fits, and keeps big buffers from small arrays', () => {
    const pool = new BufferPool();
    const small = new ArrayBuffer(1000);
    const mid = new ArrayBuffer(4000);
    const big = new ArrayBuffer(100_000);
    pool.give([big, small, mid]);
    expect(pool.uint32(900).buffer).toBe(mid);
    // 100 bytes would fill less than half of the 1000-byte buffer: a new one.
    expect(pool.uint32(25).buffer).not.toBe(small);
    expect(pool.float64(10_000).buffer).toBe(big);
    expect(pool.bytes).toBe(1000);
  });

  it('ignores detached buffers, duplicates and what exceeds its size limit', () => {
    const pool = new BufferPool(10_000);
    const b = new ArrayBuffer(6000);
    const detached = new ArrayBuffer(64);
    structuredClone(detached, { transfer: [detached] });
    expect(detached.byteLength).toBe(0);
    pool.give([b, b, detached, new ArrayBuffer(6000)]);
    expect(pool.bytes).toBe(6000);
  });
});
