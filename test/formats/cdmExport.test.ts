// A full CDM per close approach (src/formats/cdm.ts via `rpo-sim export --format cdm`): both
// objects' states and RTN covariances and the Pc with its method, read back by our CDM reader
// (src/collision/cdm.ts) and assessed as `rpo-sim pc` does (assessConjunction): the same
// states, the same covariance, the same Pc.
import { describe, expect, it } from 'vitest';
import { parseCdm } from '../../src/collision/cdm.ts';
import { assessConjunction } from '../../src/collision/conjunction.ts';
import { scenarioCollision, scenarioCollisionDetail } from '../../src/collision/scenarioPc.ts';
import { exportRun } from '../../src/formats/export.ts';
import { InertialFrame } from '../../src/formats/trajectory.ts';
import { ricBasis } from '../../src/dynamics/twobody.ts';
import { runScenario } from '../../src/sim/run.ts';
import { makeScenario, valid } from '../helpers.ts';

const HBR = 5;

/** A 0.5 m/s in-track pass a few metres from a GEO target, 2-6 m position sigmas: a short encounter. */
function pass() {
  return valid(
    makeScenario(
      {
        durationS: 1200,
        stepS: 1,
        dynamics: 'cw',
        collision: { hardBodyRadiusM: HBR, trials: 2000, seed: 3 },
      },
      {
        initial: { frame: 'RIC', positionM: [-9, -300, 1], velocityMps: [0, 0.5, 0] },
        covariance: {
          frame: 'RIC',
          sigmaPositionM: [3, 6, 2],
          sigmaVelocityMps: [1e-3, 1e-3, 1e-3],
        } as never,
      },
    ),
  );
}

describe('CDM export with covariances', { timeout: 600_000 }, () => {
  const s = pass();
  const run = runScenario(s, { recordEphemeris: true });
  const files = exportRun(run, 'cdm', { creationDate: '2026-03-20T00:00:00Z' });
  const report = scenarioCollision(run)!;
  const k = report.conjunctions[0]!;

  it('keeps the file naming and writes both covariances, the Pc and its method', () => {
    expect(files.map((f) => f.name)).toEqual(['target-A.cdm']);
    const text = files[0]!.text;
    expect(text).toMatch(/^CR_R = .* \[m\*\*2\]$/m);
    expect(text).toMatch(/^CNDOT_NDOT = .* \[m\*\*2\/s\*\*2\]$/m);
    expect(text.match(/^CR_R =/gm)).toHaveLength(2);
    expect(text).toMatch(/^COMMENT HBR = 5$/m);
    expect(k.valid2d).toBe(true);
    expect(text).toMatch(/^COLLISION_PROBABILITY_METHOD = FOSTER-1992$/m);
  });

  it('read back: the Pc, the states and each covariance', () => {
    const cdm = parseCdm(files[0]!.text);
    expect(cdm.collisionProbability).toBe(k.pc);
    expect(cdm.commentHbrM).toBe(HBR);
    expect(Array.from(cdm.objects[0].covRtn).every((v) => v === 0)).toBe(true);
    // the spacecraft's covariance, mapped back from the file (EME2000) to the target RIC by the
    // independent linear map: r = rT + A rho, v = vT + A (rhoDot + w x rho), A = [R I C]
    // (columns), w = (0, 0, n): the report's RIC covariance at TCA
    const frame = new InertialFrame(s);
    const target = frame.targetEci(k.tS, new Float64Array(6));
    const basis = new Float64Array(9);
    ricBasis(target, basis); // rows R, I, C in ECI
    const e = frame.todToEme;
    // ECI <- EME2000 is E^T; RIC <- ECI is basis: G = basis E^T (3 x 3)
    const g = (i: number, j: number) =>
      basis[i * 3]! * e[j * 3]! +
      basis[i * 3 + 1]! * e[j * 3 + 1]! +
      basis[i * 3 + 2]! * e[j * 3 + 2]!;
    const n =
      Math.hypot(target[3]!, target[4]!, target[5]!) /
      Math.hypot(target[0]!, target[1]!, target[2]!);
    // inverse map: rho = G dr, rhoDot = G dv - w x rho
    const inv = new Float64Array(36);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        inv[i * 6 + j] = g(i, j);
        inv[(i + 3) * 6 + 3 + j] = g(i, j);
      }
    // -(w x rho): w x rho = (-n rho_I, n rho_R, 0)
    for (let j = 0; j < 3; j++) {
      inv[3 * 6 + j] = n * g(1, j);
      inv[4 * 6 + j] = -n * g(0, j);
    }
    const c = cdm.objects[1].covInertial;
    const back = new Float64Array(36);
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        let acc = 0;
        for (let a = 0; a < 6; a++)
          for (let b = 0; b < 6; b++) acc += inv[i * 6 + a]! * c[a * 6 + b]! * inv[j * 6 + b]!;
        back[i * 6 + j] = acc;
      }
    const expected = scenarioCollisionDetail(run)!.covariancesRic.get('A/target')![0];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        const scale = Math.sqrt(expected[i * 7]! * expected[j * 7]!);
        expect(Math.abs(back[i * 6 + j]! - expected[i * 6 + j]!)).toBeLessThan(1e-6 * scale);
      }
  });

  it('rpo-sim pc on the exported CDM gives the scenario Pc (2D, within 1e-3)', () => {
    const cdm = parseCdm(files[0]!.text);
    const a = assessConjunction(cdm.objects[0], cdm.objects[1], {
      hbrM: cdm.commentHbrM!,
      trials: 0,
      seed: 1,
    });
    expect(a.encounter.valid2d).toBe(true);
    expect(Math.abs(a.missDistanceM - k.missDistanceM)).toBeLessThan(2e-3);
    expect(cdm.collisionProbabilityMethod).toBe('FOSTER-1992');
    expect(k.method).toBe('foster-2d');
    expect(Math.abs(a.pc2d / cdm.collisionProbability! - 1)).toBeLessThan(1e-3);
    expect(a.pc).toBe(a.pc2d);
    // the 3D Pc: two-body inertial from the file, CW in the scenario
    expect(Math.abs(a.pc3d!.pc / k.pc3d! - 1)).toBeLessThan(1e-2);
  });
});
