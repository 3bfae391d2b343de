/**
 * `football`: one impulse onto the closed natural-motion ellipse (football) about the target
 * through the current position, and the entry state it burns to.
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

import * as z from 'zod';
import type { DynamicsModel } from '../dynamics/model.ts';
import { positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num } from './module.ts';

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
  // the linear models (CW, YA) know no absolute orbit: no energy to match
  if (Number.isNaN(model.energyGapM2S2(y))) return;
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

/** The `football` maneuver. */
export const football = defineManeuver({
  type: 'football',
  title: 'Football',
  schema: strict({
    type: z.literal('football'),
    ...timing,
    amplitudeM: positive('radial amplitude in m').optional(),
    crossTrackM: positive('cross-track amplitude in m').optional(),
  }).describe(
    'One impulse onto the closed natural-motion ellipse about the target through the current position (radial amplitude A, in-track 2A).',
  ),
  fly(ctx, spec, tS) {
    const ric = ctx.ric;
    const n = ctx.nRadPerS;
    const a = footballAmplitudeM(ric[0]!, ric[1]!);
    if (
      !ctx.perturbed &&
      spec.amplitudeM !== undefined &&
      Math.abs(a - spec.amplitudeM) > Math.max(1, 0.01 * spec.amplitudeM)
    ) {
      ctx.fail(
        'amplitudeM',
        `the spacecraft is at R ${ric[0]!.toFixed(1)} m, I ${ric[1]!.toFixed(1)} m, on the ellipse of radial amplitude ${a.toFixed(1)} m, not ${spec.amplitudeM} m: move to e.g. [0, ${2 * spec.amplitudeM}, 0] first (a transfer), or leave out amplitudeM`,
      );
    }
    const want = new Float64Array(6);
    footballEntryState(ctx.model, ctx.y, ric, n, want);
    if (spec.crossTrackM !== undefined) {
      const B = spec.crossTrackM;
      const z = ric[2]!;
      if (Math.abs(z) > B * 1.01 + 1e-9) {
        ctx.fail(
          'crossTrackM',
          `the spacecraft is ${z.toFixed(1)} m off the orbit plane, more than the cross-track amplitude ${B} m`,
        );
      }
      // z = B sin(theta): rising with the radial motion, so the ellipse is tilted about I
      want[5] = Math.sign(want[3]! || 1) * n * Math.sqrt(Math.max(0, B * B - z * z));
    }
    ctx.burn(tS, [want[3]! - ric[3]!, want[4]! - ric[4]!, want[5]! - ric[5]!]);
    return tS;
  },
  durationS: () => 0,
  maxBurns: () => 1,
  fields: [
    num(['amplitudeM'], 'amplitude', 'm', { optional: true, placeholder: 'from position' }),
    num(['crossTrackM'], 'cross-track', 'm', { optional: true, placeholder: 'none' }),
  ],
  defaults: {},
  burnName: () => ({ kind: 'football-entry', label: 'Football entry' }),
});
