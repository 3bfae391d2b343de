/**
 * Everything inside the 3D canvas for one mission: clock and camera drivers, sky, target, keep-out
 * sphere, frames and directions, and per spacecraft its trail, burns and model.
 */

import type { Mission } from '../model/mission.ts';
import { BurnArrows } from './BurnArrows.tsx';
import { CameraRig } from './CameraRig.tsx';
import { ClockDriver } from './ClockDriver.tsx';
import { Inspector } from './Inspector.tsx';
import { ConstraintZones } from './ConstraintZones.tsx';
import { KeepOutZone } from './KeepOutZone.tsx';
import { RangeRings } from './RangeRings.tsx';
import { RicAxes } from './RicAxes.tsx';
import { Starfield } from './Starfield.tsx';
import { SunDirection } from './SunDirection.tsx';
import { TargetModel } from './TargetModel.tsx';
import { Trail } from './Trail.tsx';

/** Props of `SceneContent`. */
export interface SceneContentProps {
  mission: Mission;
}

/** The scene graph of a mission. */
export function SceneContent({ mission }: SceneContentProps) {
  return (
    <>
      <ClockDriver />
      <CameraRig />
      <color attach="background" args={['#04070c']} />
      <Starfield />
      <SunDirection mission={mission} />
      <RangeRings />
      <RicAxes />
      <TargetModel name={mission.scenario.target.name} />
      {mission.keepOut && <KeepOutZone zone={mission.keepOut} crafts={mission.crafts} />}
      {mission.scenario.constraints && (
        <ConstraintZones constraints={mission.scenario.constraints} />
      )}
      {mission.crafts.map((c) => (
        <group key={`${mission.sourceName}:${c.id}`}>
          <Trail craft={c} />
          <BurnArrows craft={c} />
          <Inspector craft={c} />
        </group>
      ))}
    </>
  );
}
