// Equinoctial elements against their definition from the classical elements (Broucke and Cefola
// 1972; Vallado, 4th ed., sec. 2.4): af + i ag = e exp(i (omega + fr RAAN)),
// chi + i psi = tan(i/2)^fr (sin RAAN + i cos RAAN), lambdaM = M + omega + fr RAAN, with the
// Cartesian state built independently by rotating the perifocal state; the round trip; both
// Jacobians (the finite-difference d(elements)/d(state) of the Monte Carlo Pc, the closed-form
// d(state)/d(elements) of Hall's 3D-Nc) against central differences and against each other;
// the state and Jacobian tS after epoch against two-body propagation.
import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { keplerStateEci } from '../../src/dynamics/twobody.ts';
import {
  cartesianToEquinoctial,
  equinoctialToCartesian,
  jacobianCartesianToEquinoctial,
  jacobianE0ToXt,
  jacobianEquinoctialToCartesian,
  retrogradeFactor,
} from '../../src/collision/equinoctial.ts';
import { KeplerOrbit } from '../../src/collision/kepler.ts';

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

/**
 * Each column of a Jacobian d(state)/d(elements) `j` against central differences of `toState`
 * about the elements `e` (steps 1e-7, of n relative), to 1e-5 of the column's largest entry.
 */
function expectDifferences(
  j: Float64Array,
  e: Float64Array,
  toState: (el: Float64Array, out: Float64Array) => void,
): void {
  const steps = [e[0]! * 1e-7, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7];
  const plus = new Float64Array(6);
  const minus = new Float64Array(6);
  for (let c = 0; c < 6; c++) {
    const ep = e.slice();
    const em = e.slice();
    ep[c]! += steps[c]!;
    em[c]! -= steps[c]!;
    toState(ep, plus);
    toState(em, minus);
    let scale = 0;
    for (let i = 0; i < 6; i++) scale = Math.max(scale, Math.abs(j[i * 6 + c]!));
    for (let i = 0; i < 6; i++) {
      const fd = (plus[i]! - minus[i]!) / (2 * steps[c]!);
      expect(Math.abs(fd - j[i * 6 + c]!)).toBeLessThan(1e-5 * scale);
    }
  }
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
    expect(() => jacobianCartesianToEquinoctial(escape, 1, MU, new Float64Array(36))).toThrow(
      RangeError,
    );
  });

  it.each(CASES)('%s: the Jacobian predicts element changes of a 100 m, 0.1 m/s step', (_, c) => {
    const s = stateOf(c);
    const fr = retrogradeFactor(s);
    const j = new Float64Array(36);
    jacobianCartesianToEquinoctial(s, fr, MU, j);
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

  // CARA's Pc3D_Hall states (pc3dHall's own tests): GEO, LEO at 97.4 deg, eccentric
  const STATES: [string, number[]][] = [
    ['GEO', [42164e3, 1e3, 2e3, -0.1, 3074.6, 5]],
    ['LEO 97.4 deg', [-1300739.97, 477891.14, -6738009.72, 7037.8, 2617.0, -1178.14]],
    ['eccentric', [7000e3, 0, 0, 0, 8500, 1500]],
  ];
  const ALL: [string, number[]][] = [
    ...STATES,
    ...CASES.map(([name, c]): [string, number[]] => [name, Array.from(stateOf(c))]),
  ];

  it.each(STATES)('%s: round trip to 1 mm, 1 um/s', (_, x) => {
    const e = new Float64Array(6);
    expect(cartesianToEquinoctial(x, 1, MU, e)).toBe(true);
    const back = new Float64Array(6);
    expect(equinoctialToCartesian(e, 1, MU, back)).toBe(true);
    for (let k = 0; k < 3; k++) expect(Math.abs(back[k]! - x[k]!)).toBeLessThan(1e-3);
    for (let k = 3; k < 6; k++) expect(Math.abs(back[k]! - x[k]!)).toBeLessThan(1e-6);
  });

  it.each(ALL)('%s: closed-form dX/dE against central differences to 1e-5 relative', (_, x) => {
    const fr = retrogradeFactor(x);
    const e = new Float64Array(6);
    cartesianToEquinoctial(x, fr, MU, e);
    const j = new Float64Array(36);
    jacobianEquinoctialToCartesian(e, x, fr, MU, j);
    expectDifferences(j, e, (el, out) => equinoctialToCartesian(el, fr, MU, out));
  });

  it.each(ALL)('%s: dE/dX times dX/dE is the identity to 1e-6', (_, x) => {
    const fr = retrogradeFactor(x);
    const e = new Float64Array(6);
    cartesianToEquinoctial(x, fr, MU, e);
    const jxe = new Float64Array(36);
    const jex = new Float64Array(36);
    jacobianEquinoctialToCartesian(e, x, fr, MU, jxe);
    jacobianCartesianToEquinoctial(x, fr, MU, jex);
    for (let i = 0; i < 6; i++)
      for (let k = 0; k < 6; k++) {
        let s = 0;
        for (let l = 0; l < 6; l++) s += jex[i * 6 + l]! * jxe[l * 6 + k]!;
        expect(Math.abs(s - (i === k ? 1 : 0))).toBeLessThan(1e-6);
      }
  });

  it.each(ALL)('%s: the state 5000 s on and dX(t)/dE(0) against two-body propagation', (_, x) => {
    const tS = 5000;
    const fr = retrogradeFactor(x);
    const e0 = new Float64Array(6);
    cartesianToEquinoctial(x, fr, MU, e0);
    const j = new Float64Array(36);
    const xt = new Float64Array(6);
    expect(jacobianE0ToXt(tS, e0, fr, MU, j, xt)).toBe(true);
    const ref = new Float64Array(6);
    const orbit = new KeplerOrbit(MU);
    expect(orbit.set(x)).toBe(true);
    orbit.propagate(tS, orbit.meanMotionRadPerS * tS, ref);
    for (let k = 0; k < 3; k++) expect(Math.abs(xt[k]! - ref[k]!)).toBeLessThan(1e-3);
    for (let k = 3; k < 6; k++) expect(Math.abs(xt[k]! - ref[k]!)).toBeLessThan(1e-6);
    // with the in-track drift n tS: a change of n moves the state at tS along the orbit
    const jScratch = new Float64Array(36);
    expectDifferences(j, e0, (el, out) => jacobianE0ToXt(tS, el, fr, MU, jScratch, out));
  });
});
