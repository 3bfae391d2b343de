/**
 * Football (natural-motion circumnavigation) entry.
 *
 * In CW a spacecraft at (x, y) with xd = n y / 2, yd = -2 n x flies the closed ellipse through
 * that point, centred on the target: radial amplitude A = sqrt(x^2 + (y/2)^2), in-track 2A
 * (../shared REFERENCE "Football"). In nonlinear motion the same state drifts (0.22 m per orbit at
 * A = 1 km, 22 m at 10 km) because its period differs slightly from the target's; matching the
 * orbital energy instead (same semi-major axis, so same period) closes it to round-off.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 3.3.4 (forced and natural
 *     fly-arounds).
 * [2] Schaub and Junkins, Analytical Mechanics of Space Systems, sec. 14.6 (energy-matching
 *     condition for bounded relative motion).
 */

import type { DynamicsModel } from '../dynamics/model.ts';

/** Radial amplitude of the CW football through RIC position (x, y), m. */
export function footballAmplitudeM(xM: number, yM: number): number {
  return Math.hypot(xM, 0.5 * yM);
}

/**
 * The RIC state that flies the football through the current position.
 * @param model the dynamics (energy matching for the nonlinear models)
 * @param y the model's current state (not modified)
 * @param ric the current RIC state (not modified)
 * @param nRadPerS target mean motion, rad/s
 * @param out receives the wanted RIC state (position unchanged, cross-track rate unchanged)
 */
export function footballEntryState(
  model: DynamicsModel,
  y: Float64Array,
  ric: Float64Array,
  nRadPerS: number,
  out: Float64Array,
): void {
  out.set(ric);
  out[3] = 0.5 * nRadPerS * ric[1]!;
  out[4] = -2 * nRadPerS * ric[0]!;
  if (model.kind === 'cw') return;
  // Secant iteration on the in-track rate: energy gap to the target -> 0.
  const trial = Float64Array.from(y);
  const gap = (vi: number): number => {
    out[4] = vi;
    model.setRic(trial, out);
    return model.energyGapM2S2(trial);
  };
  let v0 = out[4]!;
  let g0 = gap(v0);
  let v1 = v0 + 1e-4;
  let g1 = gap(v1);
  for (let i = 0; i < 20 && g1 !== 0 && g1 !== g0 && Math.abs(v1 - v0) > 1e-15; i++) {
    const v2 = v1 - (g1 * (v1 - v0)) / (g1 - g0);
    v0 = v1;
    g0 = g1;
    v1 = v2;
    g1 = gap(v1);
  }
  out[4] = v1;
}
