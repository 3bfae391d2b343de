// Nonlinear relative motion against nonlinear truth (analytic Kepler propagation in quad
// precision, confirmed with poliastro: test/fixtures/reference-vectors.json, ../shared/REFERENCE.md)
// and against an independent formulation: both spacecraft propagated in the inertial frame
// (two-body, Encke) and mapped to RIC (Vallado, Fundamentals of Astrodynamics, sec. 6.8).

import { describe, expect, it } from 'vitest';
import { NonlinearCircularDynamics } from '../../src/dynamics/nonlinear.ts';
import { keplerStateEci, TwoBodyDynamics } from '../../src/dynamics/twobody.ts';
import type { DynamicsModel } from '../../src/dynamics/model.ts';
import { Rk4 } from '../../src/integrators/rk4.ts';
import { REF } from '../fixtures/reference.ts';

const n = REF.nRadPerS;
const R = REF.radiusM;

function propagate(model: DynamicsModel, y: Float64Array, tS: number, hS: number): void {
  const steps = Math.floor(tS / hS);
  for (let k = 0; k < steps; k++) model.rk4Step(k * hS, y, hS);
  const rest = tS - steps * hS;
  if (rest > 1e-9) model.rk4Step(steps * hS, y, rest);
}

function relativeRic(x0: readonly number[], tS: number, hS: number): Float64Array {
  const m = new NonlinearCircularDynamics(n, R);
  const y = Float64Array.from(x0);
  propagate(m, y, tS, hS);
  return y;
}

function twoBodyRic(x0: readonly number[], tS: number, hS: number, e = 0, nuDeg = 0): Float64Array {
  const m = new TwoBodyDynamics(REF.muM3S2);
  const y = new Float64Array(12);
  keplerStateEci(R, e, (nuDeg * Math.PI) / 180, REF.muM3S2, y);
  m.setRic(y, x0);
  propagate(m, y, tS, hS);
  const out = new Float64Array(6);
  m.toRic(y, out);
  return out;
}

const rows = REF.nonlinear.flatMap((c) => c.rows.map((r) => ({ id: c.id, x0: c.x0, ...r })));

describe('exact relative equations (circular target) against nonlinear truth', () => {
  it.each(rows)('$id at $label', ({ x0, t, nonlinear_truth: truth, cw }) => {
    const got = relativeRic(x0, t, 10);
    const posErr = Math.hypot(got[0]! - truth[0], got[1]! - truth[1], got[2]! - truth[2]);
    const velErr = Math.hypot(got[3]! - truth[3], got[4]! - truth[4], got[5]! - truth[5]);
    expect(posErr).toBeLessThan(1e-6);
    expect(velErr).toBeLessThan(1e-9);
    // and the linear model really is different from the truth where the reference says so
    const cwErr = Math.hypot(cw[0] - truth[0], cw[1] - truth[1], cw[2] - truth[2]);
    if (cwErr > 1e-3) expect(posErr).toBeLessThan(cwErr / 100);
  });

  it('the fused RK4 step equals the generic RK4 step to round-off', () => {
    const model = new NonlinearCircularDynamics(n, R);
    const rk = new Rk4(6);
    const a = Float64Array.from([800, -5000, 120, 0.05, -0.1, 0.02]);
    const b = Float64Array.from(a);
    for (let k = 0; k < 1000; k++) {
      model.rk4Step(k * 37, a, 37);
      rk.step(model, k * 37, b, 37);
    }
    for (let i = 0; i < 6; i++)
      expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b[i]!)));
  });
});

describe('two-body inertial propagation mapped to RIC', () => {
  it.each(rows)('$id at $label matches the truth', ({ x0, t, nonlinear_truth: truth }) => {
    const got = twoBodyRic(x0, t, 10);
    expect(Math.hypot(got[0]! - truth[0], got[1]! - truth[1], got[2]! - truth[2])).toBeLessThan(
      1e-5,
    );
    expect(Math.hypot(got[3]! - truth[3], got[4]! - truth[4], got[5]! - truth[5])).toBeLessThan(
      1e-9,
    );
  });

  it('RIC -> ECI -> RIC round-trips a state exactly', () => {
    const m = new TwoBodyDynamics(REF.muM3S2);
    const y = new Float64Array(12);
    keplerStateEci(R * 1.1, 0.3, 1.2, REF.muM3S2, y);
    const ric = [123.4, -5678.9, 42, 0.12, -0.034, 0.0056];
    m.setRic(y, ric);
    const back = new Float64Array(6);
    m.toRic(y, back);
    for (let i = 0; i < 6; i++) expect(back[i]).toBeCloseTo(ric[i]!, 9);
  });

  it('an eccentric target: the relative model says the same as two separate Kepler orbits', () => {
    // Independent check: propagate target and deputy as separate absolute two-body orbits with a
    // fine-step generic RK4, then map the difference to RIC by hand.
    const e = 0.2;
    const x0 = [2000, -3000, 500, 0.1, -0.2, 0.05];
    const tS = 20000;
    const got = twoBodyRic(x0, tS, 5, e, 30);

    const m = new TwoBodyDynamics(REF.muM3S2);
    const y = new Float64Array(12);
    keplerStateEci(R, e, (30 * Math.PI) / 180, REF.muM3S2, y);
    m.setRic(y, x0);
    const target = Float64Array.from(y.subarray(0, 6));
    const deputy = Float64Array.from([0, 1, 2, 3, 4, 5].map((i) => y[i]! + y[6 + i]!));
    const kepler = {
      stateSize: 6,
      derivatives(_t: number, s: Float64Array, ds: Float64Array) {
        const r = Math.hypot(s[0]!, s[1]!, s[2]!);
        const g = -REF.muM3S2 / (r * r * r);
        ds[0] = s[3]!;
        ds[1] = s[4]!;
        ds[2] = s[5]!;
        ds[3] = g * s[0]!;
        ds[4] = g * s[1]!;
        ds[5] = g * s[2]!;
      },
    };
    const rk = new Rk4(6);
    for (let k = 0; k < tS / 1; k++) {
      rk.step(kepler, k, target, 1);
      rk.step(kepler, k, deputy, 1);
    }
    const r = Math.hypot(target[0]!, target[1]!, target[2]!);
    const rHat = [target[0]! / r, target[1]! / r, target[2]! / r];
    const h = [
      target[1]! * target[5]! - target[2]! * target[4]!,
      target[2]! * target[3]! - target[0]! * target[5]!,
      target[0]! * target[4]! - target[1]! * target[3]!,
    ];
    const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
    const cHat = h.map((v) => v / hn);
    const iHat = [
      cHat[1]! * rHat[2]! - cHat[2]! * rHat[1]!,
      cHat[2]! * rHat[0]! - cHat[0]! * rHat[2]!,
      cHat[0]! * rHat[1]! - cHat[1]! * rHat[0]!,
    ];
    const d = [0, 1, 2].map((i) => deputy[i]! - target[i]!);
    const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
    expect(got[0]).toBeCloseTo(dot(d, rHat), 2);
    expect(got[1]).toBeCloseTo(dot(d, iHat), 2);
    expect(got[2]).toBeCloseTo(dot(d, cHat), 2);
    // the eccentric relative motion is far from the circular one: the test can tell them apart
    const circular = relativeRic(x0, tS, 5);
    expect(Math.abs(circular[1]! - got[1]!)).toBeGreaterThan(100);
  });
});

describe('linearisation error (REFERENCE: a point at rest on V-bar drifts 6 pi d^2 / R per orbit)', () => {
  it.each([1000, 10000])('d = %i m', (d) => {
    const got = relativeRic([0, d, 0, 0, 0, 0], REF.orbitS, 30);
    const radialDrift = (6 * Math.PI * d * d) / R;
    // the point falls back along -I by about the same amount while the in-track offset stays
    const moved = Math.hypot(got[0]!, got[1]! - d);
    expect(moved).toBeGreaterThan(0.9 * radialDrift);
    expect(moved).toBeLessThan(1.1 * radialDrift);
  });
});
