// Two-body propagation (f and g functions) against a fine RK4 integration of r'' = -mu r / r^3,
// and the Coppola conjunction bounds against their definition for a simple geometry.
import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { conjunctionBounds, orbitalPeriodS } from '../../src/collision/encounter.ts';
import { KeplerOrbit } from '../../src/collision/kepler.ts';
import { erfcInv } from '../../src/collision/special.ts';

function rk4(s0: number[], tS: number, steps: number): number[] {
  const f = (y: number[]) => {
    const r = Math.hypot(y[0]!, y[1]!, y[2]!);
    const k = -MU_EARTH_M3_S2 / r ** 3;
    return [y[3]!, y[4]!, y[5]!, k * y[0]!, k * y[1]!, k * y[2]!];
  };
  let y = s0.slice();
  const h = tS / steps;
  for (let i = 0; i < steps; i++) {
    const k1 = f(y);
    const k2 = f(y.map((v, j) => v + (h / 2) * k1[j]!));
    const k3 = f(y.map((v, j) => v + (h / 2) * k2[j]!));
    const k4 = f(y.map((v, j) => v + h * k3[j]!));
    y = y.map((v, j) => v + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
  }
  return y;
}

describe('KeplerOrbit', { timeout: 600_000 }, () => {
  it.each([
    ['LEO, slightly eccentric', [6878090, -17948, 1000, 100, 7000.5, 1500]],
    ['GEO', [42164169.6, 0, 0, 0, 3074.66, 2]],
    ['eccentric (e ~ 0.6)', [7e6, 0, 0, 0, 9500, 800]],
  ])('%s: agrees with RK4 to 1e-6 m per metre of orbit', (_name, s0) => {
    const o = new KeplerOrbit(MU_EARTH_M3_S2);
    expect(o.set(s0)).toBe(true);
    const out = new Float64Array(6);
    const period = orbitalPeriodS(s0, MU_EARTH_M3_S2);
    for (const t of [-0.3 * period, -0.001, 0.002, 0.25 * period, 1.3 * period]) {
      o.propagate(t, o.meanMotionRadPerS * t, out);
      const truth = rk4(s0, t, 20000);
      const r = Math.hypot(s0[0]!, s0[1]!, s0[2]!);
      expect(
        Math.hypot(out[0]! - truth[0]!, out[1]! - truth[1]!, out[2]! - truth[2]!),
      ).toBeLessThan(1e-9 * r);
    }
  });

  // Alfano 2009 case 11 (NASA CARA's copy: DistributedMatlab/ProbabilityOfCollision/
  // Pc3D_Hall_Utils/Input_AlfanoTestCases_Pc3D/Case11 data at Epoch Time.xls and ... at TCA.xls):
  // his states at the epoch and at TCA, 86,400 s (15.8 LEO orbits) later, two-body motion
  it.each([
    [
      'primary',
      [6878137.0, 0, 0, 0, 7612.60817322387, 0],
      [1315785.8155696, 6751109.2628038, 0, -7472.0159764697, 1456.2899595947, 0],
    ],
    [
      'secondary',
      [6878136.99957872, 76.1260818015824, 0, -0.084255087172331, 7612.60817275761, 0],
      [1315711.0953284, 6751123.82529, 0, -7472.0320939884, 1456.2072604687, 0],
    ],
  ])("Alfano case 11 %s: epoch state to Alfano's TCA state over one day to 10 um", (_, s0, tca) => {
    const o = new KeplerOrbit(MU_EARTH_M3_S2);
    o.set(s0);
    const out = new Float64Array(6);
    o.propagate(86400, o.meanMotionRadPerS * 86400, out);
    expect(Math.hypot(out[0]! - tca[0]!, out[1]! - tca[1]!, out[2]! - tca[2]!)).toBeLessThan(1e-5);
    expect(Math.hypot(out[3]! - tca[3]!, out[4]! - tca[4]!, out[5]! - tca[5]!)).toBeLessThan(1e-8);
  });

  it('refuses an unbound state', () => {
    expect(new KeplerOrbit(MU_EARTH_M3_S2).set([7e6, 0, 0, 0, 11000, 0])).toBe(false);
  });
});

describe('conjunction bounds (Coppola 2012)', { timeout: 600_000 }, () => {
  it('isotropic covariance: tau = -+(HBR + alpha sqrt2 sigma) / v about TCA', () => {
    // b = 0 when the covariance is isotropic: tau0 = -(HBR + alpha sqrt(2) sigma) / v, tau1 = alpha
    // sqrt(2) sigma / v (dmin = 0)
    const sigma = 30;
    const v = 2;
    const s2 = sigma * sigma;
    const b = conjunctionBounds([10, 0, 0], [0, v, 0], [s2, 0, 0, 0, s2, 0, 0, 0, s2], 5, 1e-16);
    const a = erfcInv(1e-16) * Math.SQRT2 * sigma;
    expect(b.tau0S).toBeCloseTo(-(5 + a) / v, 9);
    expect(b.tau1S).toBeCloseTo(a / v, 9);
  });
});
