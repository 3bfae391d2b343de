/**
 * The ghosts' trails (src/state/ghosts.ts): the plan flown in the other dynamics model, and the
 * previous run of a what-if, thinner and fainter than the run's own trails.
 */

import { useShallow } from 'zustand/react/shallow';
import { useGhosts } from '../../state/useGhosts.ts';
import { Trail } from './Trail.tsx';

/** Width of a ghost's trail relative to the run's. */
const GHOST_WIDTH = 0.7;

/** The ghosts' trails in the scene. */
export function GhostTrails() {
  const { truth, previous } = useGhosts(
    useShallow((s) => ({ truth: s.truthOn ? s.truth : null, previous: s.previous })),
  );
  return (
    <group name="ghosts">
      {truth?.crafts.map((c) => (
        <Trail key={`truth:${c.id}`} craft={c} widthScale={GHOST_WIDTH} />
      ))}
      {previous?.map((c) => (
        <Trail key={`previous:${c.id}`} craft={c} widthScale={GHOST_WIDTH} />
      ))}
    </group>
  );
}
