/**
 * Burns of one spacecraft as arrows at the points where they fire, along the delta-v direction
 * (RIC mapped to world axes). Burns still to come are drawn faint; the arrow length is fixed on
 * screen (delta-v ranges over orders of magnitude), the size shows in the events panel.
 */

import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { Group } from 'three';
import { useAppStore } from '../../state/useAppStore.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import type { CraftView } from '../model/mission.ts';
import { Arrow } from './Arrow.tsx';

/** Props of `BurnArrows`. */
export interface BurnArrowsProps {
  craft: CraftView;
}

/** Arrows for the burns of one spacecraft. */
export function BurnArrows({ craft }: BurnArrowsProps) {
  const clock = useAppStore((s) => s.clock);
  const done = useRef<Group>(null);
  const pending = useRef<Group>(null);
  // Executed and pending burns: two copies, each shown where it applies (no per-frame React).
  const doneRefs = useRef<(Group | null)[]>([]);
  const pendingRefs = useRef<(Group | null)[]>([]);
  useFrame(() => {
    craft.burns.forEach((b, k) => {
      const fired = b.tS <= clock.tS;
      const d = doneRefs.current[k];
      const p = pendingRefs.current[k];
      if (d) d.visible = fired;
      if (p) p.visible = !fired;
    });
  }, -1);
  const arrows = (kind: 'done' | 'pending') =>
    craft.burns.map((b, k) => {
      const [r, i, c] = b.dvRicMps;
      const [pr, pi, pc] = b.positionRicM;
      return (
        <group
          key={`${kind}-${k}`}
          ref={(el) => {
            (kind === 'done' ? doneRefs : pendingRefs).current[k] = el;
          }}
        >
          <Arrow
            direction={[i, r, -c]}
            position={[pi / WORLD_UNIT_M, pr / WORLD_UNIT_M, -pc / WORLD_UNIT_M]}
            color={craft.color}
            lengthPx={kind === 'done' ? 42 : 36}
            opacity={kind === 'done' ? 1 : 0.4}
          />
        </group>
      );
    });
  return (
    <group name={`burns-${craft.id}`}>
      <group ref={done}>{arrows('done')}</group>
      <group ref={pending}>{arrows('pending')}</group>
    </group>
  );
}
