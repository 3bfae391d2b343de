/**
 * An OPM (CCSDS 502.0-B-3 [1] sec. 3, KVN) as a spacecraft's initial state
 * (`spacecraft[].initial`: `{ "frame": "opm", "opm": "<KVN text>" }`): the state vector with its
 * EPOCH, REF_FRAME and TIME_SYSTEM, taken to the engine's inertial frame, propagated on its
 * two-body orbit to the scenario epoch, and expressed in the target's RIC frame there (the same
 * Cartesian mapping as element sets, rotating-frame rates). Parses a string; every problem names
 * its line and keyword.
 *
 * - REF_FRAME: EME2000 and GCRF (taken as EME2000: the frame bias, at most 23 mas, ~5 m at GEO
 *   radius, is not applied), TOD (true of date at the OPM epoch) and TEME (of date, as SGP4
 *   gives it). EME2000 -> TOD by the precession-nutation of astronomy-engine (the engine's frame
 *   is TOD at the scenario epoch); TEME -> TOD by the equation of the equinoxes (elements.ts).
 * - TIME_SYSTEM: UTC, TAI (UTC = TAI - 37 s, valid from 2017-01-01) and TT (TT = TAI + 32.184 s).
 * - CENTER_NAME must be EARTH; maneuver and covariance blocks are not read: only the state
 *   vector sets the initial state.
 *
 * References:
 * [1] CCSDS 502.0-B-3, Orbit Data Messages, Blue Book, April 2023, sec. 3, tables 3-1 to 3-3.
 */

import { AstroTime, Rotation_EQD_EQJ } from 'astronomy-engine';
import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { temeToTod } from './elements.ts';
import { keplerPropagate } from './trajectory.ts';

/** A malformed or unsupported OPM: the message names the line and keyword. */
export class OpmError extends Error {}

/** TAI - UTC since 2017-01-01 (IERS Bulletin C), s. */
const TAI_MINUS_UTC_S = 37;
const LEAP_VALID_FROM_MS = Date.UTC(2017, 0, 1);
const TT_MINUS_TAI_S = 32.184;
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12);

/** The state vector of an OPM. */
export interface OpmState {
  /** EPOCH as UTC, Unix ms. */
  epochMs: number;
  refFrame: 'EME2000' | 'GCRF' | 'TOD' | 'TEME';
  timeSystem: 'UTC' | 'TAI' | 'TT';
  /** [x, y, z, vx, vy, vz] in refFrame, m and m/s. */
  stateM: Float64Array;
}

const FRAMES = ['EME2000', 'GCRF', 'TOD', 'TEME'] as const;
const TIME_SYSTEMS = ['UTC', 'TAI', 'TT'] as const;
const STATE_KEYS = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'] as const;

interface Field {
  value: string;
  unit: string | null;
  line: number;
}

/**
 * Parses the state vector of an OPM in KVN.
 * @throws OpmError naming the line and keyword of the first problem
 */
export function parseOpm(text: string): OpmState {
  const fields = new Map<string, Field>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || /^COMMENT\b/.test(raw)) continue;
    const m = /^([A-Z0-9_]+)\s*=\s*(.*?)\s*(?:\[([^\]]*)\])?\s*$/.exec(raw);
    if (!m)
      throw new OpmError(`line ${i + 1}: expected KEYWORD = value, found "${raw.slice(0, 60)}"`);
    const key = m[1]!;
    // the first occurrence: maneuver blocks repeat MAN_* keys only, the state keys appear once
    if (!fields.has(key)) fields.set(key, { value: m[2]!, unit: m[3] ?? null, line: i + 1 });
  }
  const need = (key: string): Field => {
    const f = fields.get(key);
    if (!f) throw new OpmError(`${key} missing (CCSDS 502.0-B-3 table 3-1/3-3)`);
    return f;
  };
  need('CCSDS_OPM_VERS');
  const center = need('CENTER_NAME');
  if (center.value.toUpperCase() !== 'EARTH')
    throw new OpmError(
      `line ${center.line}: CENTER_NAME = ${center.value}: only EARTH is supported`,
    );
  const frame = need('REF_FRAME');
  if (!(FRAMES as readonly string[]).includes(frame.value))
    throw new OpmError(
      `line ${frame.line}: REF_FRAME = ${frame.value} is not supported; use ${FRAMES.join(', ')}`,
    );
  const ts = need('TIME_SYSTEM');
  if (!(TIME_SYSTEMS as readonly string[]).includes(ts.value))
    throw new OpmError(
      `line ${ts.line}: TIME_SYSTEM = ${ts.value} is not supported; use ${TIME_SYSTEMS.join(', ')}`,
    );
  const ep = need('EPOCH');
  const text8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/.test(ep.value)
    ? ep.value.replace(/Z?$/, 'Z')
    : null;
  const scaleMs = text8601 === null ? Number.NaN : Date.parse(text8601);
  if (!Number.isFinite(scaleMs))
    throw new OpmError(
      `line ${ep.line}: EPOCH = "${ep.value}" is not a date YYYY-MM-DDThh:mm:ss[.d]`,
    );
  let epochMs = scaleMs;
  if (ts.value !== 'UTC') {
    const offsetS = TAI_MINUS_UTC_S + (ts.value === 'TT' ? TT_MINUS_TAI_S : 0);
    epochMs = scaleMs - offsetS * 1000;
    if (epochMs < LEAP_VALID_FROM_MS)
      throw new OpmError(
        `line ${ep.line}: EPOCH in ${ts.value} before 2017-01-01: give it in UTC (TAI - UTC = 37 s is used)`,
      );
  }
  const stateM = new Float64Array(6);
  STATE_KEYS.forEach((key, i) => {
    const f = need(key);
    const unit = i < 3 ? 'km' : 'km/s';
    if (f.unit !== null && f.unit.toLowerCase() !== unit)
      throw new OpmError(`line ${f.line}: ${key} is in [${f.unit}]; the OPM fixes it to [${unit}]`);
    const v = Number(f.value);
    if (f.value === '' || !Number.isFinite(v))
      throw new OpmError(`line ${f.line}: ${key} = "${f.value}" is not a finite number`);
    stateM[i] = v * 1000;
  });
  return {
    epochMs,
    refFrame: frame.value as OpmState['refFrame'],
    timeSystem: ts.value as OpmState['timeSystem'],
    stateM,
  };
}

/** Row-major rotation TOD (of the date) -> EME2000. */
function todToEmeMatrix(epochMs: number): Float64Array {
  const rot = Rotation_EQD_EQJ(new AstroTime((epochMs - J2000_UNIX_MS) / 86_400_000));
  const m = new Float64Array(9);
  // astronomy-engine applies rot[i][j] as out_j = sum_i rot[i][j] in_i
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[j * 3 + i] = rot.rot[i]![j]!;
  return m;
}

function rotate(m: Float64Array, transpose: boolean, x: Float64Array): void {
  for (let k = 0; k < 2; k++) {
    const a = x[3 * k]!;
    const b = x[3 * k + 1]!;
    const c = x[3 * k + 2]!;
    for (let i = 0; i < 3; i++) {
      x[3 * k + i] = transpose
        ? m[i]! * a + m[3 + i]! * b + m[6 + i]! * c
        : m[i * 3]! * a + m[i * 3 + 1]! * b + m[i * 3 + 2]! * c;
    }
  }
}

/**
 * The OPM's state at the scenario epoch in the engine's ECI frame (true of date at the epoch),
 * m and m/s: to EME2000 at the OPM epoch, two-body to the scenario epoch, then to TOD.
 * @param epochMs scenario epoch, Unix ms UTC
 * @throws OpmError when the orbit is not elliptic
 */
export function opmStateEci(opm: OpmState, epochMs: number): Float64Array {
  const eme = Float64Array.from(opm.stateM);
  if (opm.refFrame === 'TEME' || opm.refFrame === 'TOD') {
    if (opm.refFrame === 'TEME') temeToTod(opm.epochMs, eme, eme);
    rotate(todToEmeMatrix(opm.epochMs), false, eme);
  }
  const r = Math.hypot(eme[0]!, eme[1]!, eme[2]!);
  const v2 = eme[3]! ** 2 + eme[4]! ** 2 + eme[5]! ** 2;
  if (!(2 / r - v2 / MU_EARTH_M3_S2 > 0))
    throw new OpmError('the state vector is not on an elliptic Earth orbit');
  const out = keplerPropagate(
    eme,
    (epochMs - opm.epochMs) / 1000,
    MU_EARTH_M3_S2,
    new Float64Array(6),
  );
  rotate(todToEmeMatrix(epochMs), true, out);
  return out;
}
