// Clohessy-Wiltshire model against the public reference vectors (../shared/REFERENCE.md,
// test/fixtures/reference-vectors.json): Clohessy & Wiltshire (1960); Curtis, Orbital Mechanics
// for Engineering Students, ch. 7. Tolerances in metres and m/s, tight enough to catch a sign or
// frame error (a sign flip in any STM term moves the 12 h state by kilometres).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GEO_RADIUS_M, meanMotionRadPerS, MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { CwDynamics, cwPropagate, cwStm } from '../../src/dynamics/cw.ts';
import { Rk4 } from '../../src/integrators/rk4.ts';
import { REF } from '../fixtures/reference.ts';

const n = REF.nRadPerS;

function propagateRk4(x0: readonly number[], tS: number, hS: number): Float64Array {
  const model = new CwDynamics(n);
  const y = Float64Array.from(x0);
  const steps = Math.floor(tS / hS);
  for (let k = 0; k < steps; k++) model.rk4Step(k * hS, y, hS);
  const rest = tS - steps * hS;
  if (rest > 0) model.rk4Step(steps * hS, y, rest);
  return y;
}

function matMul6(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(36);
  for (let i = 0; i < 6; i++)
    for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let k = 0; k < 6; k++) s += a[i * 6 + k]! * b[k * 6 + j]!;
      out[i * 6 + j] = s;
    }
  return out;
}

function det(m: number[][]): number {
  // Gaussian elimination with partial pivoting
  const a = m.map((r) => [...r]);
  const size = a.length;
  let d = 1;
  for (let c = 0; c < size; c++) {
    let p = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (p !== c) {
      [a[p], a[c]] = [a[c]!, a[p]!];
      d = -d;
    }
    d *= a[c]![c]!;
    for (let r = c + 1; r < size; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < size; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
    }
  }
  return d;
}

describe('constants', () => {
  it('GEO mean motion and sidereal period match the reference', () => {
    expect(meanMotionRadPerS(GEO_RADIUS_M)).toBe(REF.nRadPerS);
    expect(MU_EARTH_M3_S2).toBe(REF.muM3S2);
    expect(GEO_RADIUS_M).toBe(REF.radiusM);
    expect((2 * Math.PI) / meanMotionRadPerS(GEO_RADIUS_M)).toBeCloseTo(REF.orbitS, 9);
  });
});

describe('CW closed form', () => {
  const rows = REF.cw.flatMap((c) =>
    c.times_s.map((t, k) => ({ id: c.id, t, x0: c.x0, want: c.expected[k]! })),
  );
  it.each(rows)('$id at t = $t s matches the reference state', ({ x0, t, want }) => {
    const got = cwPropagate(n, x0, t, new Float64Array(6));
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-6);
    for (let i = 3; i < 6; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-9);
  });

  it('the STM applied to a state equals cwPropagate', () => {
    const phi = cwStm(n, 12345, new Float64Array(36));
    const x0 = [120, -3400, 55, 0.01, -0.02, 0.003];
    const direct = cwPropagate(n, x0, 12345, new Float64Array(6));
    for (let i = 0; i < 6; i++) {
      let s = 0;
      for (let k = 0; k < 6; k++) s += phi[i * 6 + k]! * x0[k]!;
      expect(s).toBeCloseTo(direct[i]!, 9);
    }
  });

  it('composes: Phi(t1 + t2) = Phi(t2) Phi(t1), det Phi = 1 (property over times)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2e5, max: 2e5, noNaN: true }),
        fc.double({ min: -2e5, max: 2e5, noNaN: true }),
        (t1, t2) => {
          const a = cwStm(n, t1, new Float64Array(36));
          const b = cwStm(n, t2, new Float64Array(36));
          const ab = matMul6(b, a);
          const direct = cwStm(n, t1 + t2, new Float64Array(36));
          for (let i = 0; i < 6; i++) {
            for (let j = 0; j < 6; j++) {
              // rounding bound of the product: sum_k |b_ik a_kj|
              let bound = 0;
              for (let k = 0; k < 6; k++) bound += Math.abs(b[i * 6 + k]! * a[k * 6 + j]!);
              if (Math.abs(ab[i * 6 + j]! - direct[i * 6 + j]!) > 1e-12 * bound + 1e-12)
                return false;
            }
          }
          const rows = [0, 1, 2, 3, 4, 5].map((r) => Array.from(direct.subarray(r * 6, r * 6 + 6)));
          return Math.abs(det(rows) - 1) < 1e-6;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a sign error in the Coriolis term would be caught: the 12 h radial state is 7 km', () => {
    const got = cwPropagate(n, [1000, 0, 0, 0, 0, 0], 43200, new Float64Array(6));
    expect(got[0]).toBeCloseTo(6999.889024568, 6);
    expect(got[1]).toBeCloseTo(-18952.77208193, 6);
  });
});

describe('CW by fixed-step RK4 against the closed form', () => {
  // Reference: measured RK4 error over 24 h ~5e-9 m at 10 s, ~1e-6 m at 60 s, ~6e-4 m at 300 s.
  it.each([
    { hS: 10, maxM: 2e-8 },
    { hS: 60, maxM: 3e-6 },
    { hS: 300, maxM: 2e-3 },
  ])('24 h at $hS s steps: error below $maxM m and shrinking like h^4', ({ hS, maxM }) => {
    let worst = 0;
    for (const c of REF.cw) {
      const got = propagateRk4(c.x0, 86400, hS);
      const want = cwPropagate(n, c.x0, 86400, new Float64Array(6));
      worst = Math.max(
        worst,
        Math.hypot(got[0]! - want[0]!, got[1]! - want[1]!, got[2]! - want[2]!),
      );
    }
    expect(worst).toBeLessThan(maxM);
    if (hS === 300) expect(worst).toBeGreaterThan(1e-5);
  });

  it('the fused RK4 step equals the generic RK4 step to round-off', () => {
    const model = new CwDynamics(n);
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

describe('drift formulas (REFERENCE: dy per orbit = -6 pi (2 x0 + yd0 / n))', () => {
  it.each(REF.drift)('$id', ({ x0, predicted_dy_per_orbit_m }) => {
    const formula = -6 * Math.PI * (2 * x0[0] + x0[4] / n);
    expect(formula).toBeCloseTo(predicted_dy_per_orbit_m, 6);
    const got = propagateRk4(x0, REF.orbitS, 10);
    expect(got[1]! - x0[1]).toBeCloseTo(predicted_dy_per_orbit_m, 5);
  });
});
