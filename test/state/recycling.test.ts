// Replaced trajectories go back to the worker after a delay, at most a few at a time.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECYCLE_DELAY_MS, RECYCLE_QUEUE_MAX, RecycleQueue } from '../../src/state/recycling.ts';
import type { TrajectoryPayload } from '../../src/view/model/mission.ts';

const trajectory = (n: number) => ({ extentM: n }) as unknown as TrajectoryPayload;

describe('RecycleQueue', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('recycles each replaced trajectory RECYCLE_DELAY_MS after it was replaced, in order', () => {
    const out: number[] = [];
    const q = new RecycleQueue(
      (t) => out.push(t.extentM),
      () => Date.now(),
    );
    q.replaced(trajectory(1));
    vi.advanceTimersByTime(400);
    q.replaced(trajectory(2));
    vi.advanceTimersByTime(RECYCLE_DELAY_MS - 401);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([1]);
    vi.advanceTimersByTime(399);
    expect(out).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([1, 2]);
    expect(q.size).toBe(0);
  });

  it('a burst keeps only the newest waiting; the older ones are never recycled', () => {
    const out: number[] = [];
    const q = new RecycleQueue(
      (t) => out.push(t.extentM),
      () => Date.now(),
    );
    for (let k = 1; k <= 10; k++) {
      q.replaced(trajectory(k));
      vi.advanceTimersByTime(16);
    }
    expect(q.size).toBe(RECYCLE_QUEUE_MAX);
    vi.advanceTimersByTime(2 * RECYCLE_DELAY_MS);
    const newest = Array.from({ length: RECYCLE_QUEUE_MAX }, (_, i) => 11 - RECYCLE_QUEUE_MAX + i);
    expect(out).toEqual(newest);
  });
});
