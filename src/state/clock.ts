/**
 * The playback clock: sim time apart from wall time.
 *
 * Like CesiumJS's `Clock` [1] and three's `Timer` [2]: each rendered frame hands in the wall time
 * that passed; the clock clamps it (a background tab or a long frame must not make the sim leap),
 * multiplies it by the playback speed and advances sim time, stopping at the end. Seeking sets
 * sim time directly. Listeners hear about every change, so the HUD and plot cursors can follow
 * without React re-rendering per frame.
 *
 * Fast state: the current time lives here, not in the zustand store; the store holds only
 * whether the clock plays and at which speed (see ./store.ts).
 *
 * References:
 * [1] CesiumJS `Clock` (multiplier, clockStep, shouldAnimate),
 *     https://cesium.com/learn/cesiumjs/ref-doc/Clock.html
 * [2] three.js `Timer` (frame delta independent of the render loop), three/addons/misc/Timer.js
 */

/** Why a clock listener is called. */
export type ClockChange = 'tick' | 'seek' | 'state';

/** A clock listener. */
export type ClockListener = (clock: SimClock, change: ClockChange) => void;

/** Largest wall-time step taken in one frame, s (a 10 fps frame). */
export const MAX_FRAME_DELTA_S = 0.1;

/** Sim time with a multiplier, clamped frame delta, and an end where it stops. */
export class SimClock {
  /** Current sim time, s since the scenario epoch. */
  tS = 0;
  /** Start of the playable span, s. */
  startS = 0;
  /** End of the playable span, s; the clock stops here. */
  endS = 0;
  /** Sim seconds per wall second. */
  multiplier = 1;
  /** Whether `tick` advances the time. */
  playing = false;
  private readonly listeners = new Set<ClockListener>();

  /** @param maxFrameDeltaS largest wall-time step per frame, s */
  constructor(readonly maxFrameDeltaS: number = MAX_FRAME_DELTA_S) {}

  /**
   * Advances sim time by `wallDeltaS` (clamped to [0, maxFrameDeltaS]) times the multiplier.
   * Reaching `endS` stops the clock there.
   *
   * @param wallDeltaS wall time since the last frame, s
   * @returns true when sim time changed
   */
  tick(wallDeltaS: number): boolean {
    if (!this.playing) return false;
    const dtWall = Math.min(Math.max(wallDeltaS, 0), this.maxFrameDeltaS);
    if (!(dtWall > 0)) return false;
    const before = this.tS;
    const next = before + dtWall * this.multiplier;
    if (next >= this.endS) {
      this.tS = this.endS;
      this.playing = false;
      this.emit('tick');
      this.emit('state');
      return this.tS !== before;
    }
    this.tS = next;
    this.emit('tick');
    return true;
  }

  /**
   * Jumps to `tS`, clamped to [startS, endS].
   *
   * @param tS sim time, s since the epoch
   */
  seek(tS: number): void {
    const t = Math.min(Math.max(Number.isFinite(tS) ? tS : 0, this.startS), this.endS);
    this.tS = t;
    this.emit('seek');
  }

  /** Starts playing; at the end, starts over from `startS`. */
  play(): void {
    if (this.playing) return;
    if (this.tS >= this.endS) this.tS = this.startS;
    this.playing = this.endS > this.startS;
    this.emit('state');
  }

  /** Stops playing (the time stays). */
  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.emit('state');
  }

  /**
   * Sets the playback speed.
   *
   * @param multiplier sim seconds per wall second (> 0)
   */
  setMultiplier(multiplier: number): void {
    if (!(multiplier > 0)) return;
    this.multiplier = multiplier;
    this.emit('state');
  }

  /**
   * Sets the playable span and moves the time to its start (a new scenario).
   *
   * @param startS first time, s
   * @param endS last time, s
   */
  reset(startS: number, endS: number): void {
    this.startS = startS;
    this.endS = Math.max(startS, endS);
    this.tS = startS;
    this.playing = false;
    this.emit('seek');
    this.emit('state');
  }

  /**
   * Changes the end of the playable span and keeps the time (clamped into the span): an edit
   * that makes the run longer or shorter.
   *
   * @param endS last time, s
   */
  setEnd(endS: number): void {
    if (endS === this.endS) return;
    this.endS = Math.max(this.startS, endS);
    if (this.tS > this.endS) this.seek(this.endS);
    this.emit('state');
  }

  /**
   * Calls `listener` on every change until the returned function is called.
   *
   * @param listener called with the clock and what changed
   */
  subscribe(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(change: ClockChange): void {
    for (const l of this.listeners) l(this, change);
  }
}
