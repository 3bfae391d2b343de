// Equinoctial elements against their definition from the classical elements (Broucke and Cefola
// 1972; Vallado, 4th ed., sec. 2.4): af + i ag = e exp(i (omega + fr RAAN)),
// chi + i psi = tan(i/2)^fr (sin RAAN + i cos RAAN), lambdaM = M + omega + fr RAAN, with the
// Cartesian state built independently by rotating the perifocal state; the round trip; the
// Jacobian against a second-order difference.
import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { keplerStateEci } from '../../src/dynamics/twobody.ts';
import {
  cartesianToEquinoctial,
  equinoctialToCartesian,
  jacobianCartesianToEquinoctial,
  retrogradeFactor,
} from '../../src/collision/equinoctial.ts';

const MU = MU_EARTH_M3_S2;
const DEG = Math.PI / 180;

interface Classical {
  aM: number;
  e: number;
  iDeg: number;
  raanDeg: number;
  argpDeg: number;
  meanAnomalyDeg: number;
}

/** Inertial state from classical elements: perifocal state rotated by R3(-RAAN) R1(-i) R3(-w). */
function stateOf(c: Classical): Float64Array {
  const m = c.meanAnomalyDeg * DEG;
  let ecc = m;
  for (let k = 0; k < 60; k++) ecc -= (ecc - c.e * Math.sin(ecc) - m) / (1 - c.e * Math.cos(ecc));
  const nu =
    2 * Math.atan2(Math.sqrt(1 + c.e) * Math.sin(ecc / 2), Math.sqrt(1 - c.e) * Math.cos(ecc / 2));
  const pf = keplerStateEci(c.aM, c.e, nu, MU, new Float64Array(6));
  const [cO, sO] = [Math.cos(c.raanDeg * DEG), Math.sin(c.raanDeg * DEG)];
  const [ci, si] = [Math.cos(c.iDeg * DEG), Math.sin(c.iDeg * DEG)];
  const [cw, sw] = [Math.cos(c.argpDeg * DEG), Math.sin(c.argpDeg * DEG)];
  const p = [cO * cw - sO * sw * ci, sO * cw + cO * sw * ci, sw * si];
  const q = [-cO * sw - sO * cw * ci, -sO * sw + cO * cw * ci, cw * si];
  const out = new Float64Array(6);
  for (let k = 0; k < 3; k++) {
    out[k] = p[k]! * pf[0]! + q[k]! * pf[1]!;
    out[3 + k] = p[k]! * pf[3]! + q[k]! * pf[4]!;
  }
  return out;
}

const wrap = (x: number) => x - 2 * Math.PI * Math.round(x / (2 * Math.PI));

const CASES: [string, Classical][] = [
  ['LEO', { aM: 6_878_137, e: 0.001, iDeg: 51.6, raanDeg: 30, argpDeg: 80, meanAnomalyDeg: 10 }],
  ['GEO', { aM: 42_164_170, e: 2e-4, iDeg: 0.05, raanDeg: 250, argpDeg: 40, meanAnomalyDeg: 300 }],
  ['HEO', { aM: 26_560_000, e: 0.72, iDeg: 63.4, raanDeg: 120, argpDeg: 270, meanAnomalyDeg: 5 }],
  [
    'retrograde',
    { aM: 7_200_000, e: 0.05, iDeg: 175, raanDeg: 70, argpDeg: 20, meanAnomalyDeg: 200 },
  ],
  [
    'sun-synchronous',
    { aM: 7_078_137, e: 0.0012, iDeg: 98.2, raanDeg: 340, argpDeg: 95, meanAnomalyDeg: 181 },
  ],
];

describe('equinoctial elements', () => {
  it.each(CASES)('%s: the definition from the classical elements', (_, c) => {
    const s = stateOf(c);
    const fr = retrogradeFactor(s);
    expect(fr).toBe(c.iDeg > 171 ? -1 : 1);
    const el = new Float64Array(6);
    expect(cartesianToEquinoctial(s, fr, MU, el)).toBe(true);
    const lonPeri = (c.argpDeg + fr * c.raanDeg) * DEG;
    const tanHalf = Math.tan((c.iDeg * DEG) / 2) ** fr;
    expect(el[0]! / Math.sqrt(MU / c.aM ** 3) - 1).toBeCloseTo(0, 12);
    expect(el[1]!).toBeCloseTo(c.e * Math.cos(lonPeri), 12);
    expect(el[2]!).toBeCloseTo(c.e * Math.sin(lonPeri), 12);
    expect(el[3]!).toBeCloseTo(tanHalf * Math.sin(c.raanDeg * DEG), 12);
    expect(el[4]!).toBeCloseTo(tanHalf * Math.cos(c.raanDeg * DEG), 12);
    // 1e-11 rad is 0.07 mm along a 7000 km orbit
    expect(Math.abs(wrap(el[5]! - c.meanAnomalyDeg * DEG - lonPeri))).toBeLessThan(1e-11);
  });

  it.each(CASES)('%s: elements back to the same state (0.1 mm, 0.1 um/s)', (_, c) => {
    const s = stateOf(c);
    const fr = retrogradeFactor(s);
    const el = new Float64Array(6);
    const back = new Float64Array(6);
    cartesianToEquinoctial(s, fr, MU, el);
    expect(equinoctialToCartesian(el, fr, MU, back)).toBe(true);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(back[k]! - s[k]!)).toBeLessThan(1e-4);
      expect(Math.abs(back[3 + k]! - s[3 + k]!)).toBeLessThan(1e-7);
    }
  });

  it('refuses what is not an elliptic orbit', () => {
    const el = new Float64Array(6);
    const out = new Float64Array(6);
    const escape = [7e6, 0, 0, 0, 11_000, 0];
    expect(cartesianToEquinoctial(escape, 1, MU, el)).toBe(false);
    expect(equinoctialToCartesian([0.001, 0.8, 0.7, 0, 0, 0], 1, MU, out)).toBe(false);
    expect(equinoctialToCartesian([-0.001, 0, 0, 0, 0, 0], 1, MU, out)).toBe(false);
    expect(() => jacobianCartesianToEquinoctial(escape, 1, MU)).toThrow(RangeError);
  });

  it.each(CASES)('%s: the Jacobian predicts element changes of a 100 m, 0.1 m/s step', (_, c) => {
    const s = stateOf(c);
    const fr = retrogradeFactor(s);
    const j = jacobianCartesianToEquinoctial(s, fr, MU);
    const dx = [60, -50, 55, 0.06, 0.05, -0.055];
    const e0 = new Float64Array(6);
    const ep = new Float64Array(6);
    const em = new Float64Array(6);
    cartesianToEquinoctial(s, fr, MU, e0);
    cartesianToEquinoctial(
      s.map((v, k) => v + dx[k]!),
      fr,
      MU,
      ep,
    );
    cartesianToEquinoctial(
      s.map((v, k) => v - dx[k]!),
      fr,
      MU,
      em,
    );
    for (let row = 0; row < 6; row++) {
      // the central difference over +-dx is exact to second order in dx
      const diff = row === 5 ? wrap(ep[row]! - em[row]!) : ep[row]! - em[row]!;
      let lin = 0;
      for (let col = 0; col < 6; col++) lin += j[row * 6 + col]! * dx[col]!;
      const scale = row === 0 ? e0[0]! : 1;
      expect(Math.abs(diff / 2 - lin) / scale).toBeLessThan(1e-9);
    }
  });
});
