/**
 * `drift`: a GEO drift approach along the belt. An in-track burn starts a longitudinal drift of
 * `rateDegPerDay` toward `stopAtInTrackM`; a burn there stops it at rest.
 *
 * The relations (first order in da / a, circular orbit of radius a and mean motion n):
 *   drift rate      dlambda/dt = -1.5 n da / a   (rad/s; a higher orbit drifts backward, -I)
 *   in-track burn   dv = n da / 2                 (m/s, from the orbit of radius a to a + da)
 * so a drift of in-track speed a dlambda/dt = vDrift (m/s) starts with dv = -vDrift / 3.
 *
 * The drift lasts whole target orbits (k at the full rate, then one more that covers the
 * remainder at a lower rate): after each whole orbit the radial oscillation the start burn set up
 * (amplitude da) is back at zero, so the burn that slows the last orbit and the stop burn are
 * in-track too, and the total is 2 |dv| (CW, from rest on the target's orbit). The drift is flown
 * as targeted half-orbit legs through the points of that natural path: in CW the burns between
 * them are zero; in the nonlinear models they are the corrections that keep the approach closed
 * (each leg targeted on the integrated arc), and the points lie on the curved belt (in-track
 * distance measured along the circle of radius a, radial from it), where the natural drift flies,
 * not on the straight I axis (1,000 km along I is 11.9 km above the GEO belt).
 *
 * Each drift orbit ends with a loop: near its end the in-track motion reverses (yd = v (4 cos nt
 * - 3) in CW), so the path runs 0.48 |v| / n past the orbit's end point (2.5 % of the distance
 * that orbit covers: 25 km for 1,000 km) at up to 0.5 |v| / n radial offset, and comes back.
 * Stop at least that far from the target and close in with a transfer or hops.
 *
 * References:
 * [1] Soop, Handbook of Geostationary Orbits, sec. 3.2 (longitude drift and semi-major axis).
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 6.3 (tangential burns).
 * [3] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 3.3 (tangential hops).
 */

import * as z from 'zod';
import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { bounded, MAX_POSITION_M, positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Leg, type Triple } from './module.ts';

/** Seconds per day. */
const DAY_S = 86_400;
/** Largest drift rate accepted, deg/day. */
export const MAX_DRIFT_RATE_DEG_PER_DAY = 1000;
/** Largest semi-major axis change of a drift relative to the orbit radius (first-order relations). */
export const MAX_DRIFT_DA_RATIO = 0.05;
/**
 * Shortest period of a drifting orbit the work limits assume when counting drift burns, s: a
 * target just above the atmosphere (5,190 s) drifting at the largest semi-major axis change
 * (MAX_DRIFT_DA_RATIO: 7 % shorter), with margin.
 */
const MIN_ORBIT_PERIOD_S = 4000;

/** Radius of the circular orbit of mean motion `nRadPerS`, m (a = (mu / n^2)^(1/3)). */
export function orbitRadiusM(nRadPerS: number): number {
  return Math.cbrt(MU_EARTH_M3_S2 / (nRadPerS * nRadPerS));
}

/** Drift rate in rad/s of `rateDegPerDay` deg/day. */
export function driftRateRadPerS(rateDegPerDay: number): number {
  return (rateDegPerDay * Math.PI) / 180 / DAY_S;
}

/**
 * Semi-major axis change that drifts at `rateRadPerS` (signed, + toward +I), m:
 * da = -rate a / (1.5 n).
 */
export function driftSemiMajorAxisChangeM(
  rateRadPerS: number,
  nRadPerS: number,
  orbitRadiusM: number,
): number {
  return (-rateRadPerS * orbitRadiusM) / (1.5 * nRadPerS);
}

/** In-track delta-v that changes a circular orbit's semi-major axis by `daM`, m/s: n da / 2. */
export function driftStartDvMps(daM: number, nRadPerS: number): number {
  return (nRadPerS * daM) / 2;
}

/** What a drift flies, from where it starts. */
export interface DriftPlan {
  /** Half-orbit targeted legs through the natural drift path, the last ending at the stop. */
  legs: Leg[];
  /** Whole orbits flown at the full rate (then one more at the rate of the remainder). */
  fullOrbits: number;
  /** Mean in-track speed of the full-rate orbits, m/s (signed, + toward +I). */
  driftSpeedMps: number;
  /** Mean in-track speed of the last orbit, m/s (signed, |.| <= |driftSpeedMps|). */
  lastOrbitSpeedMps: number;
}

/**
 * The legs of a drift from the RIC position `r0` (m) to rest at [0, stopAtInTrackM, 0].
 *
 * Each orbit of the drift starts at an apsis at radial offset x0 with the mean angular drift
 * w = n' - n (n' the drifting orbit's mean motion): half of its period 2 pi / n' later it is at
 * the other apsis, x = 2 xm - x0 (xm = a' - a its mean offset), w a pi / n' further along; a whole
 * period later back at x0. In CW, n' = n and xm = -2 w a / (3 n) (the relations above); in the
 * nonlinear models a' = (mu / n'^2)^(1/3) exactly (its period differs from the target's by 0.4 %
 * at 1.4 deg/day, which the CW relation would leave as a 0.16 m/s radial correction per orbit).
 * @param r0 start position, RIC, m
 * @param rateDegPerDay drift rate magnitude, deg/day
 * @param stopAtInTrackM in-track stop point, m
 * @param nRadPerS target mean motion, rad/s
 * @param curved whether the path follows the curved belt with the exact two-body relations
 *   (nonlinear models) or the straight RIC axes with the linear ones (CW)
 */
export function driftPlan(
  r0: ArrayLike<number>,
  rateDegPerDay: number,
  stopAtInTrackM: number,
  nRadPerS: number,
  curved: boolean,
): DriftPlan {
  const n = nRadPerS;
  const a = orbitRadiusM(n);
  // start in the drift's coordinates: radial from the belt, in-track along it (curved)
  const x0 = curved ? Math.hypot(a + r0[0]!, r0[1]!) - a : r0[0]!;
  const y0 = curved ? a * Math.atan2(r0[1]!, a + r0[0]!) : r0[1]!;
  const yStop = curved ? a * Math.atan2(stopAtInTrackM, a) : stopAtInTrackM;
  const distanceM = yStop - y0;
  // period of the drifting orbit, s, and its mean radial offset, m, at angular drift w (rad/s)
  const periodS = (w: number) => (2 * Math.PI) / (curved ? n + w : n);
  const meanOffsetM = (w: number) =>
    curved ? orbitRadiusM(n + w) - a : driftSemiMajorAxisChangeM(w, n, a);
  const w = Math.sign(distanceM) * driftRateRadPerS(rateDegPerDay);
  const orbits = w === 0 ? 0 : distanceM / (w * a * periodS(w));
  const fullOrbits = Math.max(0, Math.ceil(orbits - 1e-9) - 1);
  const restM = distanceM - w * a * periodS(w) * fullOrbits;
  // the last orbit covers the rest: wLast a periodS(wLast) = restM
  const wLast = (restM * n) / (2 * Math.PI * a - (curved ? restM : 0));
  const toRic = (x: number, y: number): Triple => {
    if (!curved) return [x, y, 0];
    const th = y / a;
    const s = Math.sin(0.5 * th);
    return [x * Math.cos(th) - 2 * a * s * s, (a + x) * Math.sin(th), 0];
  };
  const legs: Leg[] = [];
  let y = y0;
  for (let i = 0; i <= fullOrbits; i++) {
    const wi = i < fullOrbits ? w : wLast;
    const halfS = periodS(wi) / 2;
    const apsis = toRic(2 * meanOffsetM(wi) - x0, y + wi * a * halfS);
    legs.push({ durationS: halfS, toPositionM: apsis });
    y += wi * a * 2 * halfS;
    legs.push({
      durationS: halfS,
      toPositionM: i < fullOrbits ? toRic(x0, y) : [0, stopAtInTrackM, 0],
    });
  }
  return { legs, fullOrbits, driftSpeedMps: w * a, lastOrbitSpeedMps: wLast * a };
}

/** The `drift` maneuver. */
export const drift = defineManeuver({
  type: 'drift',
  title: 'Drift approach',
  schema: strict({
    type: z.literal('drift'),
    ...timing,
    rateDegPerDay: positive('drift rate in deg/day').max(MAX_DRIFT_RATE_DEG_PER_DAY, {
      error: `expected drift rate in deg/day <= ${MAX_DRIFT_RATE_DEG_PER_DAY}`,
    }),
    stopAtInTrackM: bounded('in-track stop point in m', MAX_POSITION_M),
  }).describe(
    'Drift approach along the belt: an in-track burn of n da / 2 starts a drift of rateDegPerDay (= -1.5 n da / a) toward stopAtInTrackM, flown in whole orbits (the last at the rate of the remainder) as targeted half-orbit legs; an in-track burn stops it there at rest.',
  ),
  fly(ctx, spec, tS) {
    const n = ctx.nRadPerS;
    const a = orbitRadiusM(n);
    const da = driftSemiMajorAxisChangeM(driftRateRadPerS(spec.rateDegPerDay), n, a);
    if (Math.abs(da) > MAX_DRIFT_DA_RATIO * a) {
      ctx.fail(
        'rateDegPerDay',
        `a drift of ${spec.rateDegPerDay} deg/day needs a semi-major axis change of ${(Math.abs(da) / 1000).toFixed(0)} km, more than ${MAX_DRIFT_DA_RATIO * 100} % of the orbit radius: the drift relations hold for small changes; choose a lower rate`,
      );
    }
    const plan = driftPlan(
      ctx.ric,
      spec.rateDegPerDay,
      spec.stopAtInTrackM,
      n,
      ctx.model.kind !== 'cw',
    );
    // legs that would start after the scenario ends never fly: only the others are made
    let startS = tS;
    const made = plan.legs.filter((leg) => {
      const fly = startS < ctx.endS || startS === tS;
      startS += leg.durationS;
      return fly;
    });
    ctx.checkBurnCount(made.length + 1, 'rateDegPerDay');
    return ctx.flyLegs(tS, made, [0, 0, 0]);
  },
  durationS: () => 0,
  lengthFromStart: true,
  maxBurns: (_spec, spanS) => 2 * Math.ceil(spanS / MIN_ORBIT_PERIOD_S) + 3,
  burnCountKey: 'rateDegPerDay',
  fields: [num(['rateDegPerDay'], 'rate', 'deg/day'), num(['stopAtInTrackM'], 'stop at I', 'm')],
  defaults: { rateDegPerDay: 1.4, stopAtInTrackM: 1000 },
  burnName: (b) =>
    b.missM === undefined
      ? { kind: 'drift-start', label: 'Drift start', labelSuffix: ' (start)' }
      : { kind: 'drift-burn', label: 'Drift burn', labelSuffix: ' (drift)' },
});
