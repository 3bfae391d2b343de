/**
 * CCSDS Orbit Parameter Message (OPM 3.0, CCSDS 502.0-B-3 [1], sec. 3) of a spacecraft: its
 * initial state and one maneuver block per burn the run flew, so that another tool can re-fly
 * the plan from the same start.
 *
 * Maneuvers are given in the spacecraft's own RTN frame (`MAN_REF_FRAME = RTN`: R along its
 * position, N along its orbital angular momentum, T = N x R), which is what a reader applies
 * them in; the engine's burns are in the *target's* RIC frame, so each delta-v is rotated from
 * the target's RIC to the spacecraft's RTN at ignition (the two differ by the angle the target
 * subtends from the spacecraft's offset, 2.4e-4 rad at 10 km from a GEO target). A finite burn
 * keeps a fixed direction in the target's RIC; it is written as its integrated delta-v in the
 * spacecraft's RTN at ignition, with its duration. `MAN_DELTA_MASS` follows the rocket equation
 * when the spacecraft's `massKg` and the Isp (`ispS`, or the finite burn's) are known, else 0
 * with a COMMENT saying so.
 *
 * References:
 * [1] CCSDS 502.0-B-3, Orbit Data Messages, Blue Book, April 2023, sec. 3 (OPM), table 3-3.
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 3.3 (RSW = RTN).
 */

import { G0_MPS2 } from '../core/constants.ts';
import { ricBasis } from '../dynamics/twobody.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { SpacecraftRun } from '../sim/run.ts';
import type { BurnRecord } from '../sim/types.ts';
import { oneLine, stateVectorLines } from './kvn.ts';
import { ccsdsTime } from './time.ts';
import { InertialFrame, ricBefore, TARGET_ID } from './trajectory.ts';

/** A burn as the OPM states it. */
export interface OpmManeuver {
  /** Ignition, s since the epoch. */
  tS: number;
  durationS: number;
  /** Mass change, kg (<= 0); null when unknown. */
  deltaMassKg: number | null;
  /** Delta-v in the spacecraft's RTN at ignition, m/s. */
  dvRtnMps: [number, number, number];
  /** The same delta-v as the engine flew it, target RIC, m/s. */
  dvRicMps: [number, number, number];
  maneuver: string;
  maneuverIndex: number;
}

/**
 * The maneuver blocks of a spacecraft's run.
 * @param frame the run's inertial frame @param craft the spacecraft's run (with its ephemeris)
 */
export function opmManeuvers(
  s: Scenario,
  frame: InertialFrame,
  craftIndex: number,
  craft: SpacecraftRun,
): OpmManeuver[] {
  const spec = s.spacecraft[craftIndex]!;
  const e = craft.ephemeris;
  if (!e) throw new Error('opmManeuvers needs a run with its ephemeris');
  const ric = new Float64Array(6);
  const target = new Float64Array(6);
  const sc = new Float64Array(6);
  const mT = new Float64Array(9);
  const mS = new Float64Array(9);
  let massKg = spec.massKg ?? null;
  return craft.burns.map((b) => {
    ricBefore(e, b.tS, ric);
    frame.targetEci(b.tS, target, true);
    ricBasis(target, mT);
    frame.ricToEci(b.tS, ric, sc, 0, 0, true);
    ricBasis(sc, mS);
    const [dr, di, dc] = b.dvMps;
    const dvRtn: [number, number, number] = [0, 0, 0];
    for (let row = 0; row < 3; row++) {
      let acc = 0;
      for (let i = 0; i < 3; i++)
        acc += mS[row * 3 + i]! * (mT[i]! * dr + mT[3 + i]! * di + mT[6 + i]! * dc);
      dvRtn[row] = acc;
    }
    const m = spec.maneuvers[b.maneuverIndex];
    const ispS = m?.type === 'finite' ? m.ispS : spec.ispS;
    let deltaMassKg: number | null = null;
    if (massKg !== null && ispS !== undefined) {
      const after = massKg * Math.exp(-Math.hypot(dr, di, dc) / (ispS * G0_MPS2));
      deltaMassKg = after - massKg;
      massKg = after;
    } else {
      massKg = null;
    }
    return {
      tS: b.tS,
      durationS: b.durationS ?? 0,
      deltaMassKg,
      dvRtnMps: dvRtn,
      dvRicMps: [dr, di, dc],
      maneuver: b.maneuver,
      maneuverIndex: b.maneuverIndex,
    };
  });
}

/** The header, metadata and initial state lines of an OPM (EME2000, UTC, km and km/s). */
function opmHead(
  frame: InertialFrame,
  id: string,
  name: string,
  comments: string[],
  state: Float64Array,
  creationDate: string,
): string[] {
  return [
    'CCSDS_OPM_VERS = 3.0',
    `CREATION_DATE = ${creationDate.replace(/Z$/, '')}`,
    'ORIGINATOR = rpo-sim',
    '',
    ...comments.map((c) => `COMMENT ${c}`),
    `OBJECT_NAME = ${oneLine(name)}`,
    `OBJECT_ID = ${id}`,
    'CENTER_NAME = EARTH',
    'REF_FRAME = EME2000',
    'TIME_SYSTEM = UTC',
    '',
    `EPOCH = ${ccsdsTime(frame.epochMs, 0)}`,
    ...stateVectorLines(state, true),
  ];
}

/** The lines of one impulsive or finite maneuver block, delta-v in RTN (m/s). */
function maneuverLines(
  epochMs: number,
  tS: number,
  durationS: number,
  deltaMassKg: number,
  dvRtnMps: readonly number[],
): string[] {
  return [
    `MAN_EPOCH_IGNITION = ${ccsdsTime(epochMs, tS)}`,
    `MAN_DURATION = ${durationS.toFixed(6)} [s]`,
    `MAN_DELTA_MASS = ${deltaMassKg.toFixed(6)} [kg]`,
    'MAN_REF_FRAME = RTN',
    `MAN_DV_1 = ${(dvRtnMps[0]! / 1000).toFixed(12)} [km/s]`,
    `MAN_DV_2 = ${(dvRtnMps[1]! / 1000).toFixed(12)} [km/s]`,
    `MAN_DV_3 = ${(dvRtnMps[2]! / 1000).toFixed(12)} [km/s]`,
  ];
}

/**
 * The OPM of one spacecraft in KVN: initial state in EME2000 (km, km/s), then its maneuvers.
 * @param creationDate CREATION_DATE, ISO 8601 UTC
 */
export function opmKvn(
  s: Scenario,
  frame: InertialFrame,
  craftIndex: number,
  craft: SpacecraftRun,
  creationDate: string,
): string {
  const spec = s.spacecraft[craftIndex]!;
  const x = new Float64Array(6);
  frame.ricToEme(0, craft.ephemeris!.stateRic, x, 0, 0, true);
  const lines = opmHead(
    frame,
    spec.id,
    spec.name ?? spec.id,
    [
      `Initial state of ${spec.id} in scenario "${oneLine(s.name)}", written by rpo-sim`,
      'Maneuvers in the spacecraft own RTN frame at ignition (rotated from the target RIC the plan uses)',
    ],
    x,
    creationDate,
  );
  if (spec.massKg !== undefined) lines.push('', `MASS = ${spec.massKg} [kg]`);
  for (const m of opmManeuvers(s, frame, craftIndex, craft)) {
    const [r, i, c] = m.dvRicMps;
    lines.push(
      '',
      `COMMENT ${m.maneuver} (maneuvers[${m.maneuverIndex}]): target RIC dv [${r}, ${i}, ${c}] m/s`,
    );
    if (m.deltaMassKg === null)
      lines.push('COMMENT mass change unknown (needs massKg and the Isp): written as 0');
    lines.push(...maneuverLines(frame.epochMs, m.tS, m.durationS, m.deltaMassKg ?? 0, m.dvRtnMps));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The OPM of the target in KVN: its initial state in EME2000 (km, km/s), then one impulsive
 * maneuver block per burn it flew (`target.maneuvers`: its own RIC is its RTN, so the delta-v is
 * written as given; mass change unknown, written as 0).
 * @param burns the target's burns as the run flew them (`RunResult.targetBurns`)
 * @param creationDate CREATION_DATE, ISO 8601 UTC
 */
export function targetOpmKvn(
  s: Scenario,
  frame: InertialFrame,
  burns: readonly BurnRecord[],
  creationDate: string,
): string {
  const x = new Float64Array(6);
  frame.targetEme(0, x, 0, true);
  const lines = opmHead(
    frame,
    TARGET_ID,
    s.target.name,
    [
      `Initial state of the target in scenario "${oneLine(s.name)}", written by rpo-sim`,
      'Maneuvers in the target own RTN frame (= its RIC) at ignition',
    ],
    x,
    creationDate,
  );
  for (const b of burns) {
    lines.push(
      '',
      `COMMENT ${b.maneuver} (target.maneuvers[${b.maneuverIndex}])`,
      'COMMENT mass change unknown: written as 0',
      ...maneuverLines(frame.epochMs, b.tS, 0, 0, b.dvMps),
    );
  }
  return `${lines.join('\n')}\n`;
}
