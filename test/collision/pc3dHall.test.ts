// Hall's 3D-Nc (src/collision/pc3dHall.ts, ported from NASA CARA's Pc3D_Hall.m) against CARA's
// published answers: the expected values and tolerances of CARA's own unit test
// (Pc3D_Hall_UnitTest.m, fixtures/collision/cara-pc3d-hall-unittest.json) and CARA's 3D-Nc of
// 53 real conjunctions (CARA_PcMethod_Test_Conjunctions.csv), among them those where the
// Cartesian linearisation of pc3d.ts (Coppola) is off by orders of magnitude; CARA's 3D-Nc usage
// violations. Sources and licence: test/fixtures/collision/README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCdm } from '../../src/collision/cdm.ts';
import { pc3d } from '../../src/collision/pc3d.ts';
import { pc3dHall } from '../../src/collision/pc3dHall.ts';
import { assessConjunction, PC2D_3D_AGREEMENT } from '../../src/collision/conjunction.ts';
import { relativeAtTca } from '../../src/collision/encounter.ts';
import { encounterPlane, pc2dFoster } from '../../src/collision/pc2d.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'collision');
const DIR = join(FIX, 'cara');
const unit = JSON.parse(readFileSync(join(FIX, 'cara-pc3d-hall-unittest.json'), 'utf8'));

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(DIR, file), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}
const cdm = (name: string) => parseCdm(readFileSync(join(DIR, name), 'utf8'));
const real = csv('CARA_PcMethod_Test_Conjunctions.csv');

describe("CARA's Pc3D_Hall unit test", { timeout: 1_800_000 }, () => {
  type AlfanoCase = {
    case: number;
    hbrM: number;
    windowHalfS: number;
    expected: number;
    relTol: number;
  };
  const alfano = unit.alfano.cases as AlfanoCase[];
  it.each(alfano)('Alfano case $case over TCA +- $windowHalfS s: $expected', (c) => {
    const f = cdm(`AlfanoTestCase${String(c.case).padStart(2, '0')}.cdm`);
    const w = c.windowHalfS;
    const p = pc3dHall(f.objects[0], f.objects[1], { hbrM: c.hbrM, windowS: [-w, w] });
    const rel = Math.abs(p.pc / c.expected - 1);
    if (c.case === 2) {
      // GEO, 0.0037 m/s over +- 6 h: 2.3e-3 below CARA's 3D-Nc (the Coppola rate of pc3d.ts
      // gives the same, so the gap is not the equinoctial propagation); ours lies inside CARA's
      // 1e8-trial Monte Carlo 95 % interval [0.0155227, 0.0155712], CARA's 3D-Nc above it
      expect(rel).toBeLessThan(3e-3);
      expect(p.pc).toBeGreaterThan(0.0155227);
      expect(p.pc).toBeLessThan(0.0155712);
    } else {
      expect(rel).toBeLessThan(c.relTol);
    }
  });

  type DefaultCase = {
    test: string;
    cdm: string;
    hbrM: number;
    expected: number;
    relTol?: number;
    absTol?: number;
  };
  it.each(unit.defaultParams as DefaultCase[])('$test: $expected', (c) => {
    const f = parseCdm(readFileSync(join(FIX, c.cdm), 'utf8'));
    const p = pc3dHall(f.objects[0], f.objects[1], { hbrM: c.hbrM });
    if (c.absTol !== undefined) expect(Math.abs(p.pc - c.expected)).toBeLessThanOrEqual(c.absTol);
    else expect(Math.abs(p.pc / c.expected - 1)).toBeLessThan(c.relTol!);
    expect(p.valid3d).toBe(true);
  });

  it('2D/3D disagreement case: 2D Pc 2.27e-20, 3D Pc 1.93e-5 (pcMethod selects the 3D)', () => {
    const c = (unit.defaultParams as (DefaultCase & { expected2d?: number })[])[1]!;
    const f = parseCdm(readFileSync(join(FIX, c.cdm), 'utf8'));
    const a = assessConjunction(f.objects[0], f.objects[1], { hbrM: c.hbrM, trials: 0, seed: 1 });
    expect(Math.abs(a.pc2d / c.expected2d! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(a.pc3d!.pc / c.expected - 1)).toBeLessThan(1e-3);
  });

  it('similar to 2D: 0.010289973', () => {
    const s = unit.similarTo2D;
    const obj = (r: number[], v: number[], cov: number[][]) => ({
      stateM: [...r, ...v],
      covInertial: cov.flat(),
    });
    const p = pc3dHall(obj(s.r1, s.v1, s.cov1), obj(s.r2, s.v2, s.cov2), { hbrM: s.hbrM });
    expect(Math.abs(p.pc / s.expected - 1)).toBeLessThan(s.relTol);
  });

  it('rejects a non-positive hard-body radius', () => {
    const f = cdm('AlfanoTestCase05.cdm');
    expect(() => pc3dHall(f.objects[0], f.objects[1], { hbrM: -10 })).toThrow(/hard-body/);
  });
});

describe("CARA's 3D-Nc of 53 real conjunctions", { timeout: 1_800_000 }, () => {
  const results = new Map<string, ReturnType<typeof pc3dHall>>();
  const hall = (row: Record<string, string>) => {
    const key = row.Conjunction_ID!;
    if (!results.has(key)) {
      const f = cdm(`${key}.cdm`);
      results.set(key, pc3dHall(f.objects[0], f.objects[1], { hbrM: Number(row.HBR_m) }));
    }
    return results.get(key)!;
  };

  it.each(real)('$Conjunction_ID ($Comment): 3D-Nc $Nc3D', (row) => {
    // all 53 lie 0.04 % to 0.10 % below CARA's (Coppola's rate on the same Gaussians shows the
    // same offset on the high-speed cases)
    expect(Math.abs(hall(row).pc / Number(row.Nc3D) - 1)).toBeLessThan(1.5e-3);
  });

  it("CARA's two 3D-Nc usage violations are flagged (offset), the other 51 are not", () => {
    for (const row of real) {
      const p = hall(row);
      const flagged = row.Comment === '3D-Nc method usage violation';
      expect(p.valid3d, row.Conjunction_ID).toBe(!flagged);
      if (flagged) expect(p.violations).toEqual(['offset']);
    }
  });

  it("2D/3D agreement separates CARA's 2D usage verdicts: 24 agree, 29 do not", () => {
    let agree = 0;
    for (const row of real) {
      const f = cdm(`${row.Conjunction_ID}.cdm`);
      const { r, v, covPos } = relativeAtTca(f.objects[0], f.objects[1]);
      const plane = encounterPlane(r, v, covPos);
      const p2 = pc2dFoster(plane.missM, plane.covM2, Number(row.HBR_m));
      const p3 = hall(row).pc;
      const ok = Math.abs(p2 - p3) <= PC2D_3D_AGREEMENT * Math.max(p2, p3);
      expect(ok, row.Conjunction_ID).toBe(row.Comment!.startsWith('No 2D-Pc method usage'));
      if (ok) agree++;
    }
    expect(agree).toBe(24);
  });

  it('where the Cartesian linearisation fails (Coppola off by 1e3 or more), Hall holds', () => {
    // regression: before the port, pc3d was Coppola's value, 1e-4 to 1e-270 of CARA's here
    const cases = real.filter((r) =>
      [
        '000025994_conj_000026980',
        '000027424_conj_000041740',
        '000032060_conj_000035644',
        '000032060_conj_000049574',
        '000043613_conj_000050666',
        '000032060_conj_000050346',
      ].some((id) => r.Conjunction_ID!.startsWith(id)),
    );
    expect(cases).toHaveLength(6);
    for (const row of cases) {
      const f = cdm(`${row.Conjunction_ID}.cdm`);
      const ref = Number(row.Nc3D);
      const coppola = pc3d(f.objects[0], f.objects[1], { hbrM: Number(row.HBR_m) });
      expect(coppola.pc / ref).toBeLessThan(1e-3);
      const a = assessConjunction(f.objects[0], f.objects[1], {
        hbrM: Number(row.HBR_m),
        trials: 0,
        seed: 1,
      });
      expect(Math.abs(a.pc3d!.pc / ref - 1)).toBeLessThan(1.5e-3);
      expect(a.pc3dCoppola!.pc / ref).toBeLessThan(1e-3);
      expect(a.valid3d).toBe(true);
    }
  });
});
