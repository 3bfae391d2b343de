/**
 * A close-approach summary in the layout of a CCSDS Conjunction Data Message (CDM 1.0, CCSDS
 * 508.0-B-1 [1]), KVN: for a pair of objects, the time of closest approach (TCA), the miss
 * distance and the relative position and velocity of OBJECT2 in OBJECT1's RTN frame (R along
 * OBJECT1's position, N along its orbital angular momentum, T = N x R; the relative velocity is
 * the inertial velocity difference expressed in those axes, as [1] table 3-3 defines it), then
 * both objects' EME2000 states at TCA.
 *
 * With covariances (a scenario whose spacecraft carry a `covariance` and that has a `collision`
 * block), the message is a full CDM: each object's 6 x 6 covariance at TCA in its own RTN frame
 * (`CR_R` .. `CNDOT_NDOT`, m and m/s, as [1] table 3-5 fixes), and the Pc with its method
 * (`COLLISION_PROBABILITY`, `COLLISION_PROBABILITY_METHOD`) and the hard-body radius in a
 * `COMMENT HBR = R` line (NASA CARA's convention; [1] has no HBR keyword). The target's state is
 * exact in a scenario: its covariance is written as zeros. Without covariances, the covariance
 * blocks are left out (a COMMENT says so): "CDM-style", which a reader that insists on them will
 * refuse.
 *
 * RTN covariance of an object: C_RTN = B^T C B with B = diag(M, M), M = [R T N] (columns), C its
 * inertial covariance, as src/collision/cdm.ts reads it back (and NASA CARA maps it).
 *
 * References:
 * [1] CCSDS 508.0-B-1, Conjunction Data Message, Blue Book, June 2013, sec. 3.
 */

import { rtnToInertial } from '../collision/cdm.ts';
import { blockDiag6, congruence, transpose } from '../collision/matrix.ts';
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
  /** Its 6 x 6 covariance in the same frame, row-major, m and m/s; absent: none written. */
  covEci?: Float64Array;
}

/** The Pc of the conjunction, written with the covariances. */
export interface CdmPc {
  pc: number;
  /** rpo-sim's method name (foster-2d, coppola-3d, monte-carlo-cw, ...). */
  method: string;
  /** Combined hard-body radius, m. */
  hbrM: number;
}

/** COLLISION_PROBABILITY_METHOD values (SANA registry names) of rpo-sim's methods. */
const SANA_METHODS: Record<string, string> = {
  'foster-2d': 'FOSTER-1992',
  'coppola-3d': 'COPPOLA-2012',
};

const AXES = ['R', 'T', 'N', 'RDOT', 'TDOT', 'NDOT'];

/** The 21 lower-triangle covariance lines `CR_R = ... [m**2]` .. `CNDOT_NDOT`. */
function covarianceLines(stateEci: Float64Array, covEci: Float64Array): string[] {
  const rtn = congruence(transpose(blockDiag6(rtnToInertial(stateEci)), 6), covEci, 6);
  const lines: string[] = [];
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j <= i; j++) {
      const unit = i < 3 ? 'm**2' : j < 3 ? 'm**2/s' : 'm**2/s**2';
      lines.push(`C${AXES[i]}_${AXES[j]} = ${rtn[i * 6 + j]!.toExponential(15)} [${unit}]`);
    }
  }
  return lines;
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
 * @param pc the Pc, written when both objects carry a covariance
 */
export function cdmKvn(
  frame: InertialFrame,
  tcaS: number,
  object1: CdmObject,
  object2: CdmObject,
  messageId: string,
  creationDate: string,
  pc?: CdmPc,
): string {
  const full = object1.covEci !== undefined && object2.covEci !== undefined;
  const rel = relativeRtn(object1.stateEci, object2.stateEci);
  const f = (v: number) => v.toFixed(6);
  const lines = [
    'CCSDS_CDM_VERS = 1.0',
    `CREATION_DATE = ${creationDate.replace(/Z$/, '')}`,
    'ORIGINATOR = rpo-sim',
    `MESSAGE_ID = ${messageId}`,
    '',
    full
      ? 'COMMENT Closest approach of a simulated plan (rpo-sim), covariances propagated with the plan'
      : 'COMMENT Closest approach of a simulated plan (rpo-sim); no covariance: not a full CDM',
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
  if (full && pc) {
    lines.push(
      `COMMENT HBR = ${pc.hbrM}`,
      `COMMENT rpo-sim method ${pc.method}`,
      `COLLISION_PROBABILITY = ${pc.pc.toPrecision(17)}`,
      `COLLISION_PROBABILITY_METHOD = ${SANA_METHODS[pc.method] ?? 'MONTE_CARLO'}`,
    );
  }
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
      ...(full ? covarianceLines(o.stateEci, o.covEci!) : []),
    );
  });
  return `${lines.join('\n')}\n`;
}
