/**
 * Follows the playback clock outside React's render: `onChange` runs with every other display of
 * the clock, at most DISPLAY_HZ times a second while playing and at once after a seek or a
 * play/pause (see clockTicker.ts), so panels can write text and transforms straight into the DOM
 * without re-rendering per frame, and all show the same sim time.
 */

import { useEffect, useRef } from 'react';
import type { SimClock } from '../state/clock.ts';
import { addClockDisplay } from './clockTicker.ts';

/**
 * Calls `onChange(clock)` when the clock changes (throttled while playing) and once on mount.
 *
 * @param clock the playback clock
 * @param onChange writes to the DOM; may change between renders
 * @param deps values that, when they change, call `onChange` again (e.g. the mission)
 */
export function useClockListener(
  clock: SimClock,
  onChange: (clock: SimClock) => void,
  deps: readonly unknown[] = [],
): void {
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => addClockDisplay(clock, (c) => cb.current(c)), [clock, ...deps]);
}
