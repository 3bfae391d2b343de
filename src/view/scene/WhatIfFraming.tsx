/**
 * Frames the result of a what-if (src/state/ghosts.ts `beginWhatIf`): once the edit's exact
 * trajectory is shown, the orbit camera moves back along its home direction until every
 * spacecraft's whole trajectory, and the previous run's, is in view. Other camera modes (follow,
 * inspector view) are left as they are: the user chose what to look at.
 */

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';
import { missionBoxKm } from '../model/framing.ts';
import { sceneInteraction } from './sceneInteraction.ts';

/** Camera framing after a what-if (renders nothing). */
export function WhatIfFraming() {
  const { crafts, stage } = useAppStore(
    useShallow((s) => ({ crafts: s.mission?.crafts, stage: s.trajectoryStage })),
  );
  useEffect(() => {
    const ghosts = ghostStore.getState();
    if (!ghosts.frameWanted || !crafts || stage !== 'exact') return;
    ghostStore.setState({ frameWanted: false });
    const controls = sceneInteraction.controls;
    if (!controls || appStore.getState().cameraMode !== 'orbit') return;
    sceneInteraction.frameBox?.(missionBoxKm({ crafts: [...crafts, ...(ghosts.previous ?? [])] }));
  }, [crafts, stage]);
  return null;
}
