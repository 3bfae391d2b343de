/**
 * Trajectories the page has replaced on screen, on their way back to the trajectory worker.
 *
 * A replaced trajectory's arrays stay readable for `RECYCLE_DELAY_MS` (ample for every component
 * to re-render with the new one; a frame drawn in between still reads the old), then go back to
 * the worker, whose next runs reuse the buffers (src/worker/bufferPool.ts). A drag replaces a
 * trajectory every frame: only the newest `RECYCLE_QUEUE_MAX` wait, the older ones are left to the
 * garbage collector, so a drag never holds a second's worth of 10 MB trajectories.
 */

import type { TrajectoryPayload } from '../view/model/mission.ts';

/** How long a replaced trajectory stays readable before it is recycled, ms. */
export const RECYCLE_DELAY_MS = 1000;
/** Most replaced trajectories waiting to be recycled. */
export const RECYCLE_QUEUE_MAX = 4;

/** Replaced trajectories, recycled after a delay (at most `RECYCLE_QUEUE_MAX` waiting). */
export class RecycleQueue {
  private readonly waiting: { trajectory: TrajectoryPayload; atMs: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param recycle hands a trajectory back (its arrays are unreadable afterwards)
   * @param now clock, ms
   */
  constructor(
    private readonly recycle: (t: TrajectoryPayload) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Number of trajectories waiting. */
  get size(): number {
    return this.waiting.length;
  }

  /** Notes that `t` is no longer shown. */
  replaced(t: TrajectoryPayload): void {
    this.waiting.push({ trajectory: t, atMs: this.now() });
    if (this.waiting.length > RECYCLE_QUEUE_MAX) this.waiting.shift();
    this.timer ??= setTimeout(() => this.flush(), RECYCLE_DELAY_MS);
  }

  private flush(): void {
    this.timer = null;
    const now = this.now();
    while (this.waiting.length > 0 && now - this.waiting[0]!.atMs >= RECYCLE_DELAY_MS) {
      this.recycle(this.waiting.shift()!.trajectory);
    }
    const next = this.waiting[0];
    if (next) this.timer = setTimeout(() => this.flush(), RECYCLE_DELAY_MS - (now - next.atMs));
  }
}
