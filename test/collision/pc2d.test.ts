// 2D (short-encounter) Pc against published cases and brute force.
// Published cases: Orekit's Chan/Alfano/CSM/CDM test cases (test/fixtures/collision/
// orekit-2d-cases.json, with source and licence); Chan, Spacecraft Collision Probability (2008);
// Alfano, J. Astronaut. Sci. 53(1), 2005. Brute force: a midpoint sum over a polar grid of the
// circle, in the unrotated plane coordinates (no principal axes, no error function).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../fixtures/collision/orekit-2d-cases.json' with { type: 'json' };
import { encounterPlane, pc2dFoster, pc2dPrincipal } from '../../src/collision/pc2d.ts';
import { erf, erfc, erfcInv, normalInterval } from '../../src/collision/special.ts';

/** Brute-force Pc: midpoint rule on a polar grid (nr x nt cells) of the hard-body circle. */
function bruteForcePc(
  miss: [number, number],
  cov: [number, number, number],
  hbrM: number,
  nr = 400,
  nt = 800,
): number {
  const [a, b, c] = cov;
  const det = a * c - b * b;
  const k = 1 / (2 * Math.PI * Math.sqrt(det));
  let sum = 0;
  for (let i = 0; i < nr; i++) {
    const r = ((i + 0.5) / nr) * hbrM;
    for (let j = 0; j < nt; j++) {
      const t = ((j + 0.5) / nt) * 2 * Math.PI;
      const dx = r * Math.cos(t) - miss[0];
      const dz = r * Math.sin(t) - miss[1];
      const q = (c * dx * dx - 2 * b * dx * dz + a * dz * dz) / det;
      sum += k * Math.exp(-0.5 * q) * r;
    }
  }
  return sum * (hbrM / nr) * ((2 * Math.PI) / nt);
}

describe('error function', { timeout: 600_000 }, () => {
  // values from Abramowitz and Stegun table 7.1 and Wolfram Alpha to 16 digits
  it.each([
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [3, 2.209049699858544e-5],
    [10, 2.088487583762545e-45],
    [-1, 1.8427007929497148],
  ])('erfc(%d)', (x, v) => {
    expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(2e-15);
  });

  it('erf and erfc agree with a numerical integral of 2/sqrt(pi) exp(-t^2)', () => {
    for (const x of [0.1, 0.9, 1.49, 1.51, 2.5]) {
      const n = 20000;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const t = ((i + 0.5) / n) * x;
        s += Math.exp(-t * t);
      }
      const integral = ((2 / Math.sqrt(Math.PI)) * s * x) / n;
      expect(erf(x)).toBeCloseTo(integral, 8);
      expect(erfc(x)).toBeCloseTo(1 - integral, 8);
    }
  });

  it('normal tail intervals keep their relative digits far out', () => {
    // P(20 < Z < 21) = (erfc(20/sqrt2) - erfc(21/sqrt2)) / 2, computed with erfc alone
    expect(normalInterval(20, 21) / 2.7536241186061556e-89 - 1).toBeLessThan(1e-13);
    expect(normalInterval(-21, -20)).toBe(normalInterval(20, 21));
    expect(normalInterval(-1, 1)).toBeCloseTo(0.6826894921370859, 15);
  });

  it('erfcInv inverts erfc, including at CARA gamma 1e-16', () => {
    for (const y of [1e-16, 1e-5, 0.3, 1, 1.7])
      expect(erfc(erfcInv(y)) / y - 1).toBeLessThan(1e-13);
  });
});

describe('Foster 2D Pc: published cases', { timeout: 600_000 }, () => {
  it.each(cases.cases)('$name', (c) => {
    const pc = pc2dPrincipal(c.xmM, c.ymM, c.sigmaXM, c.sigmaYM, c.hbrM);
    expect(Math.abs(pc - c.expected.pc)).toBeLessThanOrEqual(c.expected.absTol);
    // the same integral along the other axis agrees to round-off
    const swapped = pc2dPrincipal(c.ymM, c.xmM, c.sigmaYM, c.sigmaXM, c.hbrM);
    expect(Math.abs(swapped / pc - 1)).toBeLessThan(1e-12);
  });

  it('Chan test case 01: 0.00974 (issue 20: a JavaScript implementation gave 0.163)', () => {
    const pc = pc2dPrincipal(0, 10, 25, 50, 5);
    expect(pc).toBeGreaterThan(0.009741);
    expect(pc).toBeLessThan(0.009742);
  });

  it.each(cases.cases.filter((c) => c.expected.pc > 1e-12))('brute force agrees: $name', (c) => {
    const exact = pc2dPrincipal(c.xmM, c.ymM, c.sigmaXM, c.sigmaYM, c.hbrM);
    // a narrow Gaussian inside the circle needs a finer grid than the circle's own scale
    const fine = Math.min(c.sigmaXM, c.sigmaYM) < c.hbrM / 20 ? 4000 : 400;
    const brute = bruteForcePc(
      [c.xmM, c.ymM],
      [c.sigmaXM ** 2, 0, c.sigmaYM ** 2],
      c.hbrM,
      fine,
      fine === 400 ? 800 : 2000,
    );
    expect(Math.abs(brute / exact - 1)).toBeLessThan(2e-4);
  });

  it('settles the cases where Orekit methods disagree (brute force, finer grid)', () => {
    const cdm2 = pc2dPrincipal(-692.362272, 4475.456261, 193.454603, 562.027293, 13.2);
    expect(cdm2 / 2.2796e-20 - 1).toBeLessThan(5e-5); // Laas 2015, not Alfano 2005's 2.1652e-20
    const a5 = pc2dPrincipal(-1.2217895, 2.1230067, 0.0373279, 177.8109003, 10);
    expect(Math.abs(a5 - 0.04450986)).toBeLessThan(1e-7);
  });
});

describe('encounter plane', { timeout: 600_000 }, () => {
  it('projects the miss and covariance as CARA does: y along v, z along r x v', () => {
    const p = encounterPlane([3, 0, 0], [0, 10, 0], [4, 1, 2, 1, 9, 3, 2, 3, 16]);
    expect(p.missM).toEqual([3, 0]);
    // x = (1, 0, 0), z = (0, 0, 1): cxx = 4, cxz = 2, czz = 16
    expect(p.covM2).toEqual([4, 2, 16]);
    expect(p.relativeSpeedMps).toBe(10);
  });

  it('Pc is unchanged by rotating the whole geometry, and equals brute force in the plane', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -1, max: 1 }),
          fc.double({ min: -1, max: 1 }),
          fc.double({ min: -1, max: 1 }),
        ),
        fc.double({ min: 0, max: 2 * Math.PI }),
        fc.double({ min: -60, max: 60 }),
        (axis, angle, missM) => {
          const n = Math.hypot(...axis);
          fc.pre(n > 0.1);
          const u = axis.map((c) => c / n);
          const cs = Math.cos(angle);
          const sn = Math.sin(angle);
          // Rodrigues rotation matrix
          const R = [0, 1, 2].map((i) =>
            [0, 1, 2].map(
              (j) =>
                (i === j ? cs : 0) +
                (1 - cs) * u[i]! * u[j]! +
                sn *
                  [
                    [0, -u[2]!, u[1]!],
                    [u[2]!, 0, -u[0]!],
                    [-u[1]!, u[0]!, 0],
                  ][i]![j]!,
            ),
          );
          const rot = (v: number[]): number[] =>
            R.map((row) => row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!);
          const cov = [900, 120, -40, 120, 2500, 300, -40, 300, 400];
          const rotCov = new Array<number>(9).fill(0);
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++)
              for (let k = 0; k < 3; k++)
                for (let l = 0; l < 3; l++)
                  rotCov[i * 3 + j]! += R[i]![k]! * cov[k * 3 + l]! * R[j]![l]!;
          const base = encounterPlane([missM, 0, 5], [0, 0, 7000], cov);
          const turned = encounterPlane(rot([missM, 0, 5]), rot([0, 0, 7000]), rotCov);
          const a = pc2dFoster(base.missM, base.covM2, 20);
          const b = pc2dFoster(turned.missM, turned.covM2, 20);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(a, 1e-300) + 1e-300);
          const brute = bruteForcePc(base.missM, base.covM2, 20, 100, 200);
          expect(Math.abs(brute - a)).toBeLessThan(2e-4 * a + 1e-12);
        },
      ),
      { numRuns: 30 },
    );
  });
});
