/**
 * Scene parts that wait for the first scene (src/state/firstScene.ts). On software GL every
 * shader pipeline a frame draws for the first time costs that frame 30-50 ms, and the first
 * frame of the default scenario met about ten of them. So the first frame draws what the
 * scenario is about (the trajectories, the target and the inspectors), and the frames, zones,
 * rings, burn arrows and stars come in the frames after it, `afterFrames` frames after the
 * first scene: each part in a frame of its own, so that no frame waits for all of them. Once the first
 * scene is drawn, whatever mounts (the next scenario) shows at once.
 */

import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { firstSceneDrawn, firstSceneWasDrawn } from '../../state/firstScene.ts';

/** Props of `AfterFirstScene`. */
export interface AfterFirstSceneProps {
  /** How many frames after the first scene the children appear (1: the next frame). */
  afterFrames: number;
  children: ReactNode;
}

/** Renders its children from `afterFrames` frames after the first scene on. */
export function AfterFirstScene({ afterFrames, children }: AfterFirstSceneProps) {
  const [shown, setShown] = useState(firstSceneWasDrawn);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (shown) return;
    let active = true;
    let remove = () => {};
    void firstSceneDrawn().then(() => {
      if (!active) return;
      // the frame that drew the first scene counts as frame 0; a paused view asks for each frame
      let frames = 0;
      remove = addAfterEffect(() => {
        frames++;
        if (frames < afterFrames) invalidate();
        else {
          remove();
          setShown(true);
        }
      });
      invalidate();
    });
    return () => {
      active = false;
      remove();
    };
  }, [shown, afterFrames, invalidate]);
  // the frame that draws them
  useLayoutEffect(() => {
    if (shown) invalidate();
  }, [shown, invalidate]);
  return shown ? children : null;
}
