/**
 * One throttle per playback clock for every text and marker that shows the sim time: while
 * playing, all of them are updated together at DISPLAY_HZ from the same reading of the clock, so
 * the HUD, the transport's time and the timeline's playhead always show the same sim time (each
 * panel throttling on its own, at 4 to 10 Hz, let them differ by up to a quarter of a wall second:
 * 40 min of sim time at 10000x). Seeks and play / pause reach them at once.
 */

import type { SimClock } from '../state/clock.ts';

/** Updates per wall second of the sim-time displays while playing. */
export const DISPLAY_HZ = 10;

/** A display of the clock: called with the clock, all displays with the same sim time. */
export type ClockDisplay = (clock: SimClock) => void;

/** The displays of one clock and its single throttled subscription. */
class ClockTicker {
  readonly displays = new Set<ClockDisplay>();
  private lastMs = -Infinity;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly clock: SimClock,
    private readonly now: () => number,
  ) {}

  add(display: ClockDisplay): () => void {
    this.displays.add(display);
    if (!this.unsubscribe) {
      this.unsubscribe = this.clock.subscribe((c, change) => {
        const t = this.now();
        if (change === 'tick' && c.playing && t - this.lastMs < 1000 / DISPLAY_HZ) return;
        this.lastMs = t;
        for (const d of this.displays) d(c);
      });
    }
    return () => {
      this.displays.delete(display);
      if (this.displays.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
      }
    };
  }
}

const tickers = new WeakMap<SimClock, ClockTicker>();

/**
 * Adds a display of `clock`: called at once, then with every other display of the same clock
 * (throttled to DISPLAY_HZ while playing, at once after a seek or a play / pause).
 *
 * @param clock the playback clock
 * @param display writes the time (text, transforms) into the DOM
 * @param now wall clock, ms (tests pass their own)
 * @returns removes the display
 */
export function addClockDisplay(
  clock: SimClock,
  display: ClockDisplay,
  now: () => number = () => performance.now(),
): () => void {
  let ticker = tickers.get(clock);
  if (!ticker) {
    ticker = new ClockTicker(clock, now);
    tickers.set(clock, ticker);
  }
  display(clock);
  return ticker.add(display);
}
