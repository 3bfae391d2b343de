/**
 * Follows the playback clock outside React's render: `onChange` runs at most `maxHz` times a
 * second while playing, and at once after a seek or a play/pause, so panels can write text and
 * transforms straight into the DOM without re-rendering per frame.
 */

import { useEffect, useRef } from 'react';
import type { SimClock } from '../state/clock.ts';

/**
 * Calls `onChange(clock)` when the clock changes (throttled while playing) and once on mount.
 *
 * @param clock the playback clock
 * @param onChange writes to the DOM; may change between renders
 * @param maxHz most calls per second while playing
 * @param deps values that, when they change, call `onChange` again (e.g. the mission)
 */
export function useClockListener(
  clock: SimClock,
  onChange: (clock: SimClock) => void,
  maxHz = 10,
  deps: readonly unknown[] = [],
): void {
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    let last = -Infinity;
    const minGapMs = 1000 / maxHz;
    cb.current(clock);
    return clock.subscribe((c, change) => {
      const now = performance.now();
      if (change === 'tick' && c.playing && now - last < minGapMs) return;
      last = now;
      cb.current(c);
    });
  }, [clock, maxHz, ...deps]);
}
