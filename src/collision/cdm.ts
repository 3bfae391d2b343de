/**
 * Reading a Conjunction Data Message, CCSDS 508.0-B-1 [1], in its keyword = value notation (KVN):
 * the TCA, both objects' states (inertial frame, km and km/s in the file) and their 6 x 6 RTN
 * covariances (m, m/s in the file), and the hard-body radius from a `COMMENT HBR = x` line (NASA
 * CARA's convention [2]; the standard itself has no HBR field). Parses a string: the caller reads
 * the file. Every problem names its line and keyword.
 *
 * RTN (the standard's frame of each object's covariance): R along the object's position, N along
 * its orbital angular momentum r x v, T = N x R. The covariance is mapped to the inertial frame by
 * diag(M, M) C diag(M, M)^T with M = [R T N] (columns), as CARA does: the rotation of the RTN
 * frame is not applied to the velocity block.
 *
 * References:
 * [1] CCSDS 508.0-B-1, Conjunction Data Message, Blue Book, 2013 (with its 2018 corrigendum).
 * [2] NASA CARA Analysis Tools, DataFiles/SampleCDMs (github.com/nasa/CARA_Analysis_Tools).
 */

import { blockDiag6, congruence } from './matrix.ts';

/** A malformed or unusable CDM: the message names the line and keyword. */
export class CdmError extends Error {}

/** One object of a CDM. */
export interface CdmObject {
  /** OBJECT1 or OBJECT2. */
  object: string;
  designator: string;
  name: string;
  /** REF_FRAME of the state (EME2000, GCRF or ICRF). */
  refFrame: string;
  /** [x, y, z, vx, vy, vz] at TCA, inertial, m and m/s. */
  stateM: Float64Array;
  /** 6 x 6 covariance in the object's RTN frame, row-major, m and m/s units. */
  covRtn: Float64Array;
  /** The same covariance in the inertial frame of the state. */
  covInertial: Float64Array;
}

/** What the Pc needs from a CDM. */
export interface Cdm {
  messageId: string | null;
  /** TCA as written (UTC). */
  tca: string;
  missDistanceM: number | null;
  relativeSpeedMps: number | null;
  /** From a `COMMENT HBR = x` line, m; null when there is none. */
  commentHbrM: number | null;
  /** COLLISION_PROBABILITY and COLLISION_PROBABILITY_METHOD; null when absent. */
  collisionProbability: number | null;
  collisionProbabilityMethod: string | null;
  objects: [CdmObject, CdmObject];
}

const INERTIAL_FRAMES = new Set(['EME2000', 'GCRF', 'ICRF']);
const STATE_KEYS = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'] as const;
const STATE_UNITS = ['km', 'km', 'km', 'km/s', 'km/s', 'km/s'];
const AXES = ['R', 'T', 'N', 'RDOT', 'TDOT', 'NDOT'];

/** The lower-triangle keyword of covariance element (i, j), i >= j: CR_R, CT_R, ..., CNDOT_NDOT. */
function covKey(i: number, j: number): string {
  return `C${AXES[i]}_${AXES[j]}`;
}

interface Field {
  value: string;
  unit: string | null;
  line: number;
}

function parseNumber(f: Field, key: string, where: string): number {
  const v = Number(f.value);
  if (f.value === '' || !Number.isFinite(v)) {
    throw new CdmError(`line ${f.line}: ${where}${key} = "${f.value}" is not a finite number`);
  }
  return v;
}

function unitCheck(f: Field, key: string, where: string, expected: string): void {
  if (f.unit !== null && f.unit.toLowerCase() !== expected.toLowerCase()) {
    throw new CdmError(
      `line ${f.line}: ${where}${key} is in [${f.unit}]; CCSDS 508.0-B-1 fixes it to [${expected}]`,
    );
  }
}

/** RTN-to-inertial rotation [R T N] (columns) of a state, row-major 3 x 3. */
export function rtnToInertial(stateM: ArrayLike<number>): Float64Array {
  const r = [stateM[0]!, stateM[1]!, stateM[2]!];
  const v = [stateM[3]!, stateM[4]!, stateM[5]!];
  const rm = Math.hypot(r[0]!, r[1]!, r[2]!);
  const h = [
    r[1]! * v[2]! - r[2]! * v[1]!,
    r[2]! * v[0]! - r[0]! * v[2]!,
    r[0]! * v[1]! - r[1]! * v[0]!,
  ];
  const hm = Math.hypot(h[0]!, h[1]!, h[2]!);
  if (!(rm > 0) || !(hm > 0))
    throw new RangeError('RTN frame undefined (zero position or r parallel to v)');
  const R = r.map((c) => c / rm);
  const N = h.map((c) => c / hm);
  const T = [
    N[1]! * R[2]! - N[2]! * R[1]!,
    N[2]! * R[0]! - N[0]! * R[2]!,
    N[0]! * R[1]! - N[1]! * R[0]!,
  ];
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    m[i * 3] = R[i]!;
    m[i * 3 + 1] = T[i]!;
    m[i * 3 + 2] = N[i]!;
  }
  return m;
}

/**
 * Parses a CDM in KVN.
 * @throws CdmError naming the line and keyword of the first problem
 */
export function parseCdm(text: string): Cdm {
  const header = new Map<string, Field>();
  const sections: { name: string; line: number; fields: Map<string, Field> }[] = [];
  let commentHbrM: number | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    if (/^COMMENT\b/.test(raw)) {
      const m = /^COMMENT\s+HBR\s*(?:=|:)?\s*(\S+)/i.exec(raw);
      if (m) {
        const v = Number(m[1]!.replace(/\[.*$/, ''));
        if (!Number.isFinite(v) || !(v > 0)) {
          throw new CdmError(
            `line ${lineNo}: COMMENT HBR = "${m[1]}" is not a positive number of metres`,
          );
        }
        commentHbrM = v;
      }
      continue;
    }
    const m = /^([A-Z0-9_]+)\s*=\s*(.*?)\s*(?:\[([^\]]*)\])?\s*$/.exec(raw);
    if (!m)
      throw new CdmError(`line ${lineNo}: expected KEYWORD = value, found "${raw.slice(0, 60)}"`);
    const key = m[1]!;
    const field: Field = { value: m[2]!, unit: m[3] ?? null, line: lineNo };
    if (key === 'OBJECT') {
      sections.push({ name: field.value, line: lineNo, fields: new Map() });
      continue;
    }
    const target = sections.length > 0 ? sections[sections.length - 1]!.fields : header;
    const prev = target.get(key);
    if (prev) {
      const where = sections.length > 0 ? `${sections[sections.length - 1]!.name} ` : '';
      throw new CdmError(`line ${lineNo}: ${where}${key} given twice (first on line ${prev.line})`);
    }
    target.set(key, field);
  }
  if (!header.has('CCSDS_CDM_VERS')) {
    throw new CdmError(
      'line 1: CCSDS_CDM_VERS missing: this is not a CDM in KVN (CCSDS 508.0-B-1)',
    );
  }
  const tca = header.get('TCA');
  if (!tca) throw new CdmError('TCA missing (relative metadata, before OBJECT = OBJECT1)');
  const optionalNumber = (key: string, unit: string): number | null => {
    const f = header.get(key);
    if (!f) return null;
    unitCheck(f, key, '', unit);
    return parseNumber(f, key, '');
  };
  if (sections.length !== 2 || sections[0]!.name !== 'OBJECT1' || sections[1]!.name !== 'OBJECT2') {
    const found = sections.map((s) => `${s.name} (line ${s.line})`).join(', ') || 'none';
    throw new CdmError(`expected OBJECT = OBJECT1 then OBJECT = OBJECT2; found ${found}`);
  }
  const objects = sections.map((sec) => {
    const where = `${sec.name} `;
    const need = (key: string): Field => {
      const f = sec.fields.get(key);
      if (!f) throw new CdmError(`${sec.name} (from line ${sec.line}): ${key} missing`);
      return f;
    };
    const frame = need('REF_FRAME');
    if (!INERTIAL_FRAMES.has(frame.value)) {
      throw new CdmError(
        `line ${frame.line}: ${where}REF_FRAME = ${frame.value} is not supported; give the state in EME2000, GCRF or ICRF`,
      );
    }
    const stateM = new Float64Array(6);
    STATE_KEYS.forEach((key, i) => {
      const f = need(key);
      unitCheck(f, key, where, STATE_UNITS[i]!);
      stateM[i] = parseNumber(f, key, where) * 1000;
    });
    const covRtn = new Float64Array(36);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j <= i; j++) {
        const key = covKey(i, j);
        const f = need(key);
        const unit = i < 3 ? 'm**2' : j < 3 ? 'm**2/s' : 'm**2/s**2';
        unitCheck(f, key, where, unit);
        const v = parseNumber(f, key, where);
        covRtn[i * 6 + j] = v;
        covRtn[j * 6 + i] = v;
      }
      if (!(covRtn[i * 6 + i]! >= 0)) {
        const f = need(covKey(i, i));
        throw new CdmError(
          `line ${f.line}: ${where}${covKey(i, i)} is a variance and cannot be negative`,
        );
      }
    }
    let covInertial: Float64Array;
    try {
      covInertial = congruence(blockDiag6(rtnToInertial(stateM)), covRtn, 6);
    } catch (err) {
      throw new CdmError(`line ${need('X').line}: ${where}state: ${(err as Error).message}`);
    }
    return {
      object: sec.name,
      designator: sec.fields.get('OBJECT_DESIGNATOR')?.value ?? '',
      name: sec.fields.get('OBJECT_NAME')?.value ?? '',
      refFrame: frame.value,
      stateM,
      covRtn,
      covInertial,
    };
  });
  if (objects[0]!.refFrame !== objects[1]!.refFrame) {
    throw new CdmError(
      `OBJECT1 REF_FRAME ${objects[0]!.refFrame} differs from OBJECT2 REF_FRAME ${objects[1]!.refFrame}`,
    );
  }
  return {
    messageId: header.get('MESSAGE_ID')?.value ?? null,
    tca: tca.value,
    missDistanceM: optionalNumber('MISS_DISTANCE', 'm'),
    relativeSpeedMps: optionalNumber('RELATIVE_SPEED', 'm/s'),
    commentHbrM,
    collisionProbability: optionalNumber('COLLISION_PROBABILITY', ''),
    collisionProbabilityMethod: header.get('COLLISION_PROBABILITY_METHOD')?.value ?? null,
    objects: [objects[0]!, objects[1]!],
  };
}
