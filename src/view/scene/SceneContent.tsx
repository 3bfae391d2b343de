/**
 * Everything inside the 3D canvas for one mission: clock and camera drivers, sky, target, keep-out
 * sphere, frames and directions, per spacecraft its trail, burns and model, and (plan editor
 * open) the transfer targets' drag handles. Mounted once per scenario; an edit's new trajectory
 * flows through the same components. The page's first frame draws the trails, the target and the
 * inspectors; the rest follows one part per frame (./AfterFirstScene.tsx).
 */

import { useAppStore } from '../../state/useAppStore.ts';
import type { Mission } from '../model/mission.ts';
import { AfterFirstScene } from './AfterFirstScene.tsx';
import { BurnArrows } from './BurnArrows.tsx';
import { CameraRig } from './CameraRig.tsx';
import { ClockDriver } from './ClockDriver.tsx';
import { Inspector } from './Inspector.tsx';
import { ConstraintZones } from './ConstraintZones.tsx';
import { DrawProbe } from './DrawProbe.tsx';
import { GhostTrails } from './GhostTrails.tsx';
import { KeepOutZone } from './KeepOutZone.tsx';
import { ScenePrograms } from './ScenePrograms.tsx';
import { RangeRings } from './RangeRings.tsx';
import { RicAxes } from './RicAxes.tsx';
import { Starfield } from './Starfield.tsx';
import { SceneLights, SunDirection } from './SunDirection.tsx';
import { TargetModel } from './TargetModel.tsx';
import { Trail } from './Trail.tsx';
import { TransferHandles } from './TransferHandles.tsx';
import { WaypointHandles } from './WaypointHandles.tsx';
import { WhatIfFraming } from './WhatIfFraming.tsx';
import { MonteCarloSpaghetti } from '../montecarlo/MonteCarloSpaghetti.tsx';

/** Props of `SceneContent`. */
export interface SceneContentProps {
  mission: Mission;
}

/** The scene graph of a mission. */
export function SceneContent({ mission }: SceneContentProps) {
  const editing = useAppStore((s) => s.editorOpen);
  return (
    <>
      <ClockDriver />
      <CameraRig />
      <WhatIfFraming />
      <DrawProbe />
      <color attach="background" args={['#04070c']} />
      <SceneLights />
      <TargetModel name={mission.scenario.target.name} />
      {mission.crafts.map((c) => (
        <group key={`${mission.sourceName}:${c.id}`}>
          <Trail craft={c} />
          <AfterFirstScene afterFrames={2}>
            <BurnArrows craft={c} />
          </AfterFirstScene>
          <Inspector craft={c} />
        </group>
      ))}
      <AfterFirstScene afterFrames={1}>
        {mission.keepOut && <KeepOutZone zone={mission.keepOut} crafts={mission.crafts} />}
        {mission.scenario.constraints && (
          <ConstraintZones constraints={mission.scenario.constraints} />
        )}
      </AfterFirstScene>
      <AfterFirstScene afterFrames={3}>
        <RicAxes />
      </AfterFirstScene>
      <AfterFirstScene afterFrames={4}>
        <RangeRings />
      </AfterFirstScene>
      <AfterFirstScene afterFrames={5}>
        <SunDirection mission={mission} />
      </AfterFirstScene>
      <AfterFirstScene afterFrames={6}>
        <Starfield />
      </AfterFirstScene>
      <GhostTrails />
      <MonteCarloSpaghetti />
      {editing && <TransferHandles />}
      {editing && <WaypointHandles />}
      {/* Last: its layout effect sees the whole scene, models with their stand-ins. */}
      <ScenePrograms />
    </>
  );
}
