/**
 * Tells the edit timing (src/state/editTiming.ts) when a frame has drawn the trajectory of the
 * latest edit, and src/state/firstScene.ts when the first one is drawn: after r3f renders a
 * frame, if every trail of the mission shown has been built for its current trajectory. Renders
 * nothing; costs a few comparisons per frame.
 */

import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { editTiming } from '../../state/editTiming.ts';
import { markFirstSceneDrawn } from '../../state/firstScene.ts';
import { appStore } from '../../state/useAppStore.ts';
import { builtTrails } from './Trail.tsx';

/** Edit-to-frame probe (renders nothing). */
export function DrawProbe() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    // A new trajectory while paused: ask for the frame that draws it.
    const unsub = appStore.subscribe((s, p) => {
      if (s.mission !== p.mission) invalidate();
    });
    const remove = addAfterEffect(() => {
      const m = appStore.getState().mission;
      if (!m || !m.crafts.every((c) => builtTrails.has(c))) return;
      markFirstSceneDrawn();
      if (editTiming.awaitingDraw !== null) editTiming.drawn();
    });
    return () => {
      unsub();
      remove();
    };
  }, [invalidate]);
  return null;
}
