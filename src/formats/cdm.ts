/**
 * A close-approach summary in the layout of a CCSDS Conjunction Data Message (CDM 1.0, CCSDS
 * 508.0-B-1 [1]), KVN: for a pair of objects, the time of closest approach (TCA), the miss
 * distance and the relative position and velocity of OBJECT2 in OBJECT1's RTN frame (R along
 * OBJECT1's position, N along its orbital angular momentum, T = N x R; the relative velocity is
 * the inertial velocity difference expressed in those axes, as [1] table 3-3 defines it), then
 * both objects' EME2000 states at TCA.
 *
 * "CDM-style": the run has no covariance, so the covariance blocks that [1] requires are left
 * out (a COMMENT says so); a reader that insists on them will refuse the file.
 *
 * References:
 * [1] CCSDS 508.0-B-1, Conjunction Data Message, Blue Book, June 2013, sec. 3.
 */

import { ricBasis } from '../dynamics/twobody.ts';
import { oneLine, stateVectorLines } from './kvn.ts';
import { ccsdsTime } from './time.ts';
import type { InertialFrame } from './trajectory.ts';

/** One side of a conjunction. */
export interface CdmObject {
  id: string;
  name: string;
  /** Whether the object can maneuver (`YES` for spacecraft, `NO` for the target). */
  maneuverable: boolean;
  /** State at TCA in the engine's ECI frame (true of date at the epoch), m and m/s. */
  stateEci: Float64Array;
}

/** Relative state of `b` in `a`'s RTN frame: position (m) and velocity (m/s). */
export function relativeRtn(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const m = new Float64Array(9);
  ricBasis(a, m);
  const out = new Float64Array(6);
  for (let row = 0; row < 3; row++) {
    for (let i = 0; i < 3; i++) {
      out[row] = out[row]! + m[row * 3 + i]! * (b[i]! - a[i]!);
      out[3 + row] = out[3 + row]! + m[row * 3 + i]! * (b[3 + i]! - a[3 + i]!);
    }
  }
  return out;
}

/**
 * The CDM-style KVN text for a closest approach.
 * @param tcaS time of closest approach, s since the epoch
 * @param messageId MESSAGE_ID (unique per file)
 * @param creationDate CREATION_DATE, ISO 8601 UTC
 */
export function cdmKvn(
  frame: InertialFrame,
  tcaS: number,
  object1: CdmObject,
  object2: CdmObject,
  messageId: string,
  creationDate: string,
): string {
  const rel = relativeRtn(object1.stateEci, object2.stateEci);
  const f = (v: number) => v.toFixed(6);
  const lines = [
    'CCSDS_CDM_VERS = 1.0',
    `CREATION_DATE = ${creationDate.replace(/Z$/, '')}`,
    'ORIGINATOR = rpo-sim',
    `MESSAGE_ID = ${messageId}`,
    '',
    'COMMENT Closest approach of a simulated plan (rpo-sim); no covariance: not a full CDM',
    `TCA = ${ccsdsTime(frame.epochMs, tcaS)}`,
    `MISS_DISTANCE = ${f(Math.hypot(rel[0]!, rel[1]!, rel[2]!))} [m]`,
    `RELATIVE_SPEED = ${f(Math.hypot(rel[3]!, rel[4]!, rel[5]!))} [m/s]`,
    `RELATIVE_POSITION_R = ${f(rel[0]!)} [m]`,
    `RELATIVE_POSITION_T = ${f(rel[1]!)} [m]`,
    `RELATIVE_POSITION_N = ${f(rel[2]!)} [m]`,
    `RELATIVE_VELOCITY_R = ${f(rel[3]!)} [m/s]`,
    `RELATIVE_VELOCITY_T = ${f(rel[4]!)} [m/s]`,
    `RELATIVE_VELOCITY_N = ${f(rel[5]!)} [m/s]`,
  ];
  const eme = new Float64Array(6);
  [object1, object2].forEach((o, i) => {
    eme.set(o.stateEci);
    frame.toEme(eme);
    lines.push(
      '',
      `OBJECT = OBJECT${i + 1}`,
      `OBJECT_DESIGNATOR = ${o.id}`,
      'CATALOG_NAME = rpo-sim scenario',
      `OBJECT_NAME = ${oneLine(o.name)}`,
      'INTERNATIONAL_DESIGNATOR = UNKNOWN',
      'EPHEMERIS_NAME = NONE',
      'COVARIANCE_METHOD = DEFAULT',
      `MANEUVERABLE = ${o.maneuverable ? 'YES' : 'NO'}`,
      'REF_FRAME = EME2000',
      ...stateVectorLines(eme),
    );
  });
  return `${lines.join('\n')}\n`;
}
