/**
 * Element sets in: TLE (two- or three-line) and CCSDS OMM (502.0-B-3 [1], KVN, XML, and the JSON
 * form catalogues serve), propagated with SGP4 [2] through satellite.js (`twoline2satrec`,
 * `json2satrec`) to the scenario epoch and converted from TEME to the engine's inertial frame.
 *
 * Frames. SGP4 gives the True Equator, Mean Equinox (TEME) frame of date [3]. The engine's frame
 * (src/core/lighting.ts) is the true equator and equinox of date frozen at the scenario epoch
 * (TOD). The two share the true equator and differ by a rotation about it through the equation
 * of the equinoxes, EqEq = dpsi cos(eps) [3, eq. 3-79]: r_TOD = R3(-EqEq) r_TEME (x turned by
 * +EqEq), with dpsi and eps from astronomy-engine's IAU 2000B nutation, the same the lighting's
 * sidereal time uses. SGP4 only gives the state at the epoch: the engine then propagates it with
 * its own two-body model (no J2, drag or luni-solar terms), so the longer the run the further it
 * departs from what SGP4 itself would predict.
 *
 * Errors name the line and the field: `line 2, columns 64-68 (revolution number): ...` for a
 * TLE, `line 7: MEAN_MOTION: ...` for an OMM in KVN, the element for XML and the key for JSON.
 *
 * References:
 * [1] CCSDS 502.0-B-3, Orbit Data Messages, 2023, sec. 4 (OMM).
 * [2] Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753
 *     (SGP4, TLE format, verification cases).
 * [3] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 3.7 (TEME, TOD).
 */

import type { GeoSlot } from './slots.ts';
import { AstroTime, e_tilt, SiderealTime } from 'astronomy-engine';
import { json2satrec, sgp4, twoline2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import { DEG_TO_RAD, MU_EARTH_M3_S2, RAD_TO_DEG } from '../core/constants.ts';

/** A malformed or unsupported element set; the message names the line and field. */
export class ElementsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElementsError';
  }
}

/** An element set as the scenario holds it: a TLE's lines, or an OMM's fields (JSON form). */
export type ElementSet = { tle: readonly string[] } | { omm: Readonly<Record<string, unknown>> };

/** What an element set gives at the scenario epoch. */
export interface ElementsState {
  /** OBJECT_NAME, or the TLE's line 0, or null. */
  name: string | null;
  /** NORAD catalogue number, as written. */
  catalogNumber: string;
  /** Element set epoch, Unix ms UTC. */
  elementsEpochMs: number;
  /** State at the scenario epoch in the engine's ECI (true of date at that epoch), m and m/s. */
  stateEci: Float64Array;
  /** The same state in TEME of date, m and m/s (as SGP4 gives it). */
  stateTeme: Float64Array;
  /** Mean motion as the element set states it (Kozai, TLE / OMM MEAN_MOTION), rev/day. */
  meanMotionRevPerDay: number;
}

const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);
/** Earth rotation rate relative to the true equinox, deg/day (sidereal day 86164.0905 s). */
const EARTH_RATE_DEG_PER_DAY = 360.98564736629;

function astroTime(epochMs: number): AstroTime {
  return new AstroTime((epochMs - J2000_UNIX_MS) / 86_400_000);
}

/** Equation of the equinoxes at `epochMs`, rad (GAST - GMST). */
export function equationOfEquinoxesRad(epochMs: number): number {
  // ee is in seconds of time: x 15 arcsec
  return ((e_tilt(astroTime(epochMs)).ee * 15) / 3600) * DEG_TO_RAD;
}

/** Rotates the state [r, v] about z by `angleRad` (positive: counter-clockwise) into `out`. */
function rotateStateZ(angleRad: number, state: ArrayLike<number>, out: Float64Array): Float64Array {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  for (let o = 0; o <= 3; o += 3) {
    const x = state[o]!;
    const y = state[o + 1]!;
    out[o] = c * x - s * y;
    out[o + 1] = s * x + c * y;
    out[o + 2] = state[o + 2]!;
  }
  return out;
}

/**
 * Rotates a TEME state of date to TOD (same date), in place or into `out`: TOD's equinox is
 * TEME's turned by the equation of the equinoxes about z.
 * @param epochMs the date, Unix ms UTC @param teme [r, v] @param out receives [r, v]
 */
export function temeToTod(
  epochMs: number,
  teme: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  return rotateStateZ(equationOfEquinoxesRad(epochMs), teme, out);
}

/** The inverse of {@link temeToTod}. */
export function todToTeme(
  epochMs: number,
  tod: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  return rotateStateZ(-equationOfEquinoxesRad(epochMs), tod, out);
}

// ---------------------------------------------------------------- TLE

function tleChecksum(line: string): number {
  let sum = 0;
  for (let i = 0; i < 68; i++) {
    const ch = line[i]!;
    if (ch >= '0' && ch <= '9') sum += ch.charCodeAt(0) - 48;
    else if (ch === '-') sum += 1;
  }
  return sum % 10;
}

/** A fixed-column numeric field of a TLE line (1-based inclusive columns as the format gives them). */
function tleNumber(
  line: string,
  lineNo: number,
  from: number,
  to: number,
  field: string,
  pattern: RegExp,
): void {
  const text = line.slice(from - 1, to);
  if (!pattern.test(text))
    throw new ElementsError(
      `TLE line ${lineNo}, columns ${from}-${to} (${field}): "${text}" is not a valid value`,
    );
}

/**
 * Checks a TLE (two lines, or three with the name first) column by column.
 * @returns the name (line 0, or null) and the two element lines
 * @throws ElementsError naming the line, columns and field
 */
export function parseTle(lines: readonly string[]): {
  name: string | null;
  line1: string;
  line2: string;
} {
  const clean = lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  if (clean.length !== 2 && clean.length !== 3)
    throw new ElementsError(`TLE: expected 2 or 3 lines, got ${clean.length}`);
  const name = clean.length === 3 ? clean[0]!.replace(/^0 /, '').trim() : null;
  const [line1, line2] = clean.slice(-2) as [string, string];
  const n0 = clean.length - 2;
  ([line1, line2] as const).forEach((line, i) => {
    const no = i + 1;
    const at = n0 + no;
    if (line[0] !== String(no) || line[1] !== ' ')
      throw new ElementsError(
        `TLE line ${no} (text line ${at}), column 1 (line number): expected "${no} "`,
      );
    if (line.trimEnd().length < 69)
      throw new ElementsError(
        `TLE line ${no} (text line ${at}): ${line.trimEnd().length} characters; a TLE line has 69`,
      );
    const want = tleChecksum(line);
    if (line[68] !== String(want))
      throw new ElementsError(
        `TLE line ${no} (text line ${at}), column 69 (checksum): "${line[68]}" but the line sums to ${want}`,
      );
  });
  if (line1.slice(2, 7) !== line2.slice(2, 7))
    throw new ElementsError(
      `TLE line 2, columns 3-7 (catalogue number): "${line2.slice(2, 7)}" differs from line 1's "${line1.slice(2, 7)}"`,
    );
  const num = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;
  const implied = /^\s*[-+ ]?\d{5}[-+]\d\s*$|^\s*[-+]?0+\s*$|^\s+$/;
  tleNumber(line1, 1, 19, 32, 'epoch', /^\s*\d{5}\.\d+\s*$/);
  tleNumber(line1, 1, 34, 43, 'first derivative of mean motion', num);
  tleNumber(line1, 1, 45, 52, 'second derivative of mean motion', implied);
  tleNumber(line1, 1, 54, 61, 'BSTAR', implied);
  tleNumber(line2, 2, 9, 16, 'inclination', num);
  tleNumber(line2, 2, 18, 25, 'right ascension of the ascending node', num);
  tleNumber(line2, 2, 27, 33, 'eccentricity', /^\d{7}$/);
  tleNumber(line2, 2, 35, 42, 'argument of perigee', num);
  tleNumber(line2, 2, 44, 51, 'mean anomaly', num);
  tleNumber(line2, 2, 53, 63, 'mean motion', num);
  return { name, line1: line1.slice(0, 69), line2: line2.slice(0, 69) };
}

// ---------------------------------------------------------------- OMM

/** The OMM fields SGP4 needs, and whether each must be there. */
const OMM_NUMBERS: ReadonlyArray<[string, boolean]> = [
  ['MEAN_MOTION', true],
  ['ECCENTRICITY', true],
  ['INCLINATION', true],
  ['RA_OF_ASC_NODE', true],
  ['ARG_OF_PERICENTER', true],
  ['MEAN_ANOMALY', true],
  ['BSTAR', false],
  ['MEAN_MOTION_DOT', false],
  ['MEAN_MOTION_DDOT', false],
  ['NORAD_CAT_ID', false],
  ['ELEMENT_SET_NO', false],
  ['REV_AT_EPOCH', false],
];

/** Where a field came from, for messages: `line 12: MEAN_MOTION`, `<MEAN_MOTION>`, `omm.MEAN_MOTION`. */
type Locator = (key: string) => string;

function checkOmm(fields: Record<string, string>, where: Locator): OMMJsonObject {
  const out: Record<string, unknown> = { ...fields };
  if (fields.EPOCH === undefined) throw new ElementsError(`OMM: EPOCH is missing`);
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?$/.test(fields.EPOCH) ||
    Number.isNaN(Date.parse(fields.EPOCH.endsWith('Z') ? fields.EPOCH : `${fields.EPOCH}Z`))
  )
    throw new ElementsError(
      `${where('EPOCH')}: "${fields.EPOCH}" is not a UTC time YYYY-MM-DDThh:mm:ss[.fff]`,
    );
  for (const [key, required] of OMM_NUMBERS) {
    const v = fields[key];
    if (v === undefined || v === '') {
      if (required) throw new ElementsError(`OMM: ${key} is missing`);
      out[key] = key === 'ELEMENT_SET_NO' ? 999 : 0;
      continue;
    }
    if (!Number.isFinite(Number(v)))
      throw new ElementsError(`${where(key)}: "${v}" is not a number`);
    out[key] = Number(v);
  }
  const expect = (key: string, allowed: readonly string[]) => {
    const v = fields[key];
    if (v !== undefined && !allowed.includes(v.toUpperCase()))
      throw new ElementsError(
        `${where(key)}: "${v}" is not supported (SGP4 element sets need ${allowed.join(' or ')})`,
      );
  };
  expect('REF_FRAME', ['TEME']);
  expect('CENTER_NAME', ['EARTH']);
  expect('TIME_SYSTEM', ['UTC']);
  expect('MEAN_ELEMENT_THEORY', ['SGP4', 'SGP/SGP4']);
  expect('EPHEMERIS_TYPE', ['0']);
  const ecc = out.ECCENTRICITY as number;
  if (ecc < 0 || ecc >= 1)
    throw new ElementsError(`${where('ECCENTRICITY')}: ${ecc} is not in [0, 1)`);
  if ((out.MEAN_MOTION as number) <= 0)
    throw new ElementsError(`${where('MEAN_MOTION')}: expected revolutions per day > 0`);
  out.OBJECT_NAME = fields.OBJECT_NAME ?? '';
  out.OBJECT_ID = fields.OBJECT_ID ?? '';
  delete out.CCSDS_OMM_VERS;
  return out as unknown as OMMJsonObject;
}

function ommKvn(text: string): OMMJsonObject {
  const fields: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('COMMENT')) return;
    const eq = line.indexOf('=');
    if (eq < 0) {
      if (/^[A-Z_]+_(START|STOP)$/.test(line)) return;
      throw new ElementsError(`OMM line ${i + 1}: expected KEY = value, got "${line}"`);
    }
    const key = line.slice(0, eq).trim();
    const value = line
      .slice(eq + 1)
      .replace(/\[[^\]]*\]\s*$/, '')
      .trim();
    if (!(key in fields)) {
      fields[key] = value;
      lineOf[key] = i + 1;
    }
  });
  return checkOmm(fields, (k) => `OMM line ${lineOf[k]}: ${k}`);
}

function ommXml(text: string): OMMJsonObject {
  if (!/<omm[\s>]/.test(text)) throw new ElementsError('XML: not an OMM (no <omm> element)');
  const fields: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  for (const m of text.matchAll(/<([A-Z_0-9]+)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    if (m[1] === 'COMMENT' || m[1]! in fields) continue;
    fields[m[1]!] = m[2]!.trim();
    lineOf[m[1]!] = text.slice(0, m.index).split('\n').length;
  }
  return checkOmm(fields, (k) => `OMM XML line ${lineOf[k]}: <${k}>`);
}

/**
 * The OMM fields of a catalogue's JSON record (one object, or an array holding one).
 * @param where prefix of messages, e.g. the JSON path `target.orbit.omm`
 */
export function ommFromJson(value: unknown, where = 'omm'): OMMJsonObject {
  const obj = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw new ElementsError(`${where}: expected one OMM record (a JSON object)`);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
  }
  return checkOmm(fields, (k) => `${where}.${k}`);
}

/** What a dropped or opened file holds: the kind, and the element set as a scenario stores it. */
export interface ParsedElements {
  kind: 'tle' | 'omm-kvn' | 'omm-xml' | 'omm-json';
  elements: ElementSet;
  name: string | null;
}

/**
 * Reads an element-set file: TLE (2 or 3 lines), OMM in KVN, XML or JSON.
 * @throws ElementsError naming the line and field
 */
export function parseElementsFile(text: string): ParsedElements {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch (err) {
      throw new ElementsError(`OMM JSON: ${(err as Error).message}`);
    }
    const omm = ommFromJson(json);
    return {
      kind: 'omm-json',
      elements: { omm: omm as Record<string, unknown> },
      name: omm.OBJECT_NAME || null,
    };
  }
  if (t.startsWith('<')) {
    const omm = ommXml(t);
    return {
      kind: 'omm-xml',
      elements: { omm: omm as Record<string, unknown> },
      name: omm.OBJECT_NAME || null,
    };
  }
  if (/^CCSDS_OMM_VERS\s*=/m.test(t)) {
    const omm = ommKvn(t);
    return {
      kind: 'omm-kvn',
      elements: { omm: omm as Record<string, unknown> },
      name: omm.OBJECT_NAME || null,
    };
  }
  const tle = parseTle(t.split('\n'));
  return {
    kind: 'tle',
    elements: {
      tle: tle.name === null ? [tle.line1, tle.line2] : [tle.name, tle.line1, tle.line2],
    },
    name: tle.name,
  };
}

// ---------------------------------------------------------------- SGP4

const SATREC_ERRORS: Record<number, string> = {
  1: 'mean elements: eccentricity >= 1 or < -0.001, or semi-major axis < 0.95 Earth radii',
  2: 'mean motion below zero',
  3: 'perturbed eccentricity out of range',
  4: 'semi-latus rectum below zero',
  6: 'the orbit has decayed',
};

/** The SGP4 record of an element set. @param where prefix of messages */
export function satrecOf(
  elements: ElementSet,
  where = 'elements',
): { satrec: SatRec; name: string | null } {
  if ('tle' in elements) {
    const t = parseTle(elements.tle);
    return { satrec: twoline2satrec(t.line1, t.line2), name: t.name };
  }
  const omm = ommFromJson(elements.omm, `${where}.omm`);
  return { satrec: json2satrec(omm), name: omm.OBJECT_NAME || null };
}

/** Unix ms of a satrec's epoch. */
function satrecEpochMs(satrec: SatRec): number {
  const jd = satrec.jdsatepoch + ((satrec as SatRec & { jdsatepochF?: number }).jdsatepochF ?? 0);
  return (jd - 2440587.5) * 86_400_000;
}

/**
 * The state of an element set at `epochMs` by SGP4, in TEME and in the engine's ECI frame.
 * @throws ElementsError when SGP4 cannot propagate it
 */
export function elementsState(
  elements: ElementSet,
  epochMs: number,
  where = 'elements',
): ElementsState {
  const { satrec, name } = satrecOf(elements, where);
  const elementsEpochMs = satrecEpochMs(satrec);
  const pv = sgp4(satrec, (epochMs - elementsEpochMs) / 60_000);
  if (pv === null || !pv.position || satrec.error !== 0)
    throw new ElementsError(
      `${where}: SGP4 cannot propagate this element set to the scenario epoch (${SATREC_ERRORS[satrec.error] ?? `error ${satrec.error}`})`,
    );
  const teme = Float64Array.from([
    pv.position.x * 1000,
    pv.position.y * 1000,
    pv.position.z * 1000,
    pv.velocity.x * 1000,
    pv.velocity.y * 1000,
    pv.velocity.z * 1000,
  ]);
  return {
    name,
    catalogNumber: String(satrec.satnum),
    elementsEpochMs,
    stateTeme: teme,
    stateEci: temeToTod(epochMs, teme, new Float64Array(6)),
    // `nokozai` holds the element set's own (Kozai) mean motion; `no` the un-Kozai'd one
    meanMotionRevPerDay: (satrec.nokozai * 1440) / (2 * Math.PI),
  };
}

/**
 * GEO longitude and drift of an inertial state.
 * @param stateEci [r, v] in the engine's ECI (true of date at `epochMs`), m and m/s
 */
export function geoSlot(stateEci: ArrayLike<number>, epochMs: number): GeoSlot {
  const [x, y, z, vx, vy, vz] = Array.from({ length: 6 }, (_, i) => stateEci[i]!) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const r = Math.hypot(x, y, z);
  const v2 = vx * vx + vy * vy + vz * vz;
  const a = 1 / (2 / r - v2 / MU_EARTH_M3_S2);
  const gast = SiderealTime(astroTime(epochMs)) * 15;
  let lon = Math.atan2(y, x) * RAD_TO_DEG - gast;
  lon = ((((lon + 180) % 360) + 360) % 360) - 180;
  if (lon === -180) lon = 180;
  const hx = y * vz - z * vy;
  const hy = z * vx - x * vz;
  const hz = x * vy - y * vx;
  const n = Math.sqrt(MU_EARTH_M3_S2 / (a * a * a)) * RAD_TO_DEG * 86_400;
  return {
    longitudeDeg: lon,
    driftDegPerDay: n - EARTH_RATE_DEG_PER_DAY,
    semiMajorAxisM: a,
    inclinationDeg: Math.acos(hz / Math.hypot(hx, hy, hz)) * RAD_TO_DEG,
  };
}

/** Whether an orbit counts as near GEO: within 500 km of the GEO radius and 15 deg of the equator. */
export function isNearGeo(slot: GeoSlot): boolean {
  return Math.abs(slot.semiMajorAxisM - 42_164_169.6) < 500_000 && slot.inclinationDeg < 15;
}
