/**
 * Frames the result of a what-if (src/state/ghosts.ts `beginWhatIf`): once the edit's exact
 * trajectory is shown, the orbit camera moves back along its home direction until every
 * spacecraft's whole trajectory, and the previous run's, is in view. Other camera modes (follow,
 * inspector view) are left as they are: the user chose what to look at.
 */

import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { PerspectiveCamera } from 'three';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';
import { frameFromHome, missionBox } from './CameraRig.tsx';
import { sceneInteraction } from './sceneInteraction.ts';

/** Camera framing after a what-if (renders nothing). */
export function WhatIfFraming() {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const invalidate = useThree((s) => s.invalidate);
  const { crafts, stage } = useAppStore(
    useShallow((s) => ({ crafts: s.mission?.crafts, stage: s.trajectoryStage })),
  );
  useEffect(() => {
    const ghosts = ghostStore.getState();
    if (!ghosts.frameWanted || !crafts || stage !== 'exact') return;
    ghostStore.setState({ frameWanted: false });
    const controls = sceneInteraction.controls;
    if (!controls || appStore.getState().cameraMode !== 'orbit') return;
    const box = missionBox({ crafts: [...crafts, ...(ghosts.previous ?? [])] });
    frameFromHome(camera, controls, box, camera.fov, camera.aspect > 0 ? camera.aspect : 1);
    invalidate();
  }, [crafts, stage, camera, invalidate]);
  return null;
}
