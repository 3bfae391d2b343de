/**
 * What the camera frames, as half-extents of a box around the target in world km (x = I,
 * y = R, z = -C; see ./axes.ts): every object over the whole run ("frame all", and on load), or
 * the target and one inspector at the clock (the pair, when they are close).
 */

import { WORLD_UNIT_M } from './axes.ts';
import type { Mission } from './mission.ts';

/** Smallest half-extent of a framed box, world km (10 m). */
export const MIN_BOX_KM = 0.01;

/** Largest |I|, |R|, |C| (world km) reached by any spacecraft over the run. */
export function missionBoxKm(mission: Mission): [number, number, number] {
  const box: [number, number, number] = [MIN_BOX_KM, MIN_BOX_KM, MIN_BOX_KM];
  for (const c of mission.crafts) {
    const s = c.ephemeris.stateRic;
    for (let k = 0; k < c.ephemeris.count; k++) {
      box[0] = Math.max(box[0], Math.abs(s[k * 6 + 1]!) / WORLD_UNIT_M);
      box[1] = Math.max(box[1], Math.abs(s[k * 6]!) / WORLD_UNIT_M);
      box[2] = Math.max(box[2], Math.abs(s[k * 6 + 2]!) / WORLD_UNIT_M);
    }
  }
  return box;
}

/**
 * The box holding the target and spacecraft `id` (the first when null) at `tS`, world km.
 * @param tS time, s since the epoch
 */
export function pairBoxKm(
  mission: Mission,
  id: string | null,
  tS: number,
): [number, number, number] {
  const craft = mission.crafts.find((c) => c.id === id) ?? mission.crafts[0];
  const box: [number, number, number] = [MIN_BOX_KM, MIN_BOX_KM, MIN_BOX_KM];
  if (!craft) return box;
  const s = craft.ephemeris.stateAt(tS, new Float64Array(6));
  box[0] = Math.max(box[0], Math.abs(s[1]!) / WORLD_UNIT_M);
  box[1] = Math.max(box[1], Math.abs(s[0]!) / WORLD_UNIT_M);
  box[2] = Math.max(box[2], Math.abs(s[2]!) / WORLD_UNIT_M);
  return box;
}
