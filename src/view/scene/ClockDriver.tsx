/**
 * Advances the playback clock once per rendered frame (first of all frame callbacks) and asks for
 * a frame whenever the clock is moved from outside the render loop (seek, play, pause).
 */

import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { useAppStore } from '../../state/useAppStore.ts';

/** Frame-loop hookup of the sim clock (renders nothing). */
export function ClockDriver() {
  const clock = useAppStore((s) => s.clock);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(
    () =>
      clock.subscribe((_, change) => {
        if (change !== 'tick') invalidate();
      }),
    [clock, invalidate],
  );
  // Wall-time delta from r3f's clock; SimClock clamps it and applies the speed.
  useFrame((_, deltaS) => {
    clock.tick(deltaS);
  }, -3);
  return null;
}
