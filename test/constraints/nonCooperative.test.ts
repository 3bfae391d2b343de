/**
 * Objects that are not ours (`"role": "non-cooperative"`, issue 14): their own keep-out zone and
 * the separation from them bind our inspectors, with violations that name them; they earn no
 * score and change nothing in the plan's score; the schema names the JSON path of a bad key.
 *
 * Hand-worked keep-out case: the non-cooperative X and our A both rest on the V-bar (a CW
 * equilibrium), A 300 m behind X, inside X's ellipsoid of semi-axes [100, 400, 100] m. For a point
 * (0, y0) inside an ellipse x^2/b^2 + y^2/a^2 = 1 on its major axis with |y0| < a - b^2/a, the
 * closest point of the ellipse is at y = y0 a^2 / (a^2 - b^2) = 300 x 16/15 = 320 m,
 * x = b sqrt(1 - y^2/a^2) = 100 x 0.6 = 60 m: the distance is sqrt(60^2 + 20^2) = sqrt(4000)
 * = 63.246 m (the ellipsoid is round about I, so the same in 3D): signed margin -63.246 m.
 * 600 m behind instead, past the vertex: the margin is 600 - 400 = 200 m.
 */

import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import { possibleViolationKinds } from '../../src/montecarlo/trial.ts';
import type { Scenario, SpacecraftSpec } from '../../src/scenario/schema.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { makeScenario } from '../helpers.ts';

const rest = (positionM: [number, number, number]) => ({
  frame: 'RIC' as const,
  positionM,
  velocityMps: [0, 0, 0] as [number, number, number],
});

function load(value: unknown): Scenario {
  const r = loadScenario(JSON.stringify(value));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

function issues(value: unknown) {
  const r = loadScenario(JSON.stringify(value));
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.issues;
}

/** A (ours) at `aM` on the V-bar; X (non-cooperative) at -5000 m with its ellipsoid. */
function zoneScenario(aM: number, extra: Partial<Scenario> = {}): Scenario {
  const s = makeScenario({ durationS: 3600, ...extra }, { initial: rest([0, aM, 0]) });
  s.spacecraft.push({
    id: 'X',
    role: 'non-cooperative',
    keepOut: { shape: 'ellipsoid', semiAxesM: [100, 400, 100] },
    initial: rest([0, -5000, 0]),
    maneuvers: [],
  } as SpacecraftSpec);
  return load(s);
}

describe('a non-cooperative spacecraft', () => {
  it('our inspector inside its keep-out ellipsoid: margin -sqrt(4000) m, the violation names it', () => {
    const e = evaluateScenario(zoneScenario(-5300));
    const a = e.spacecraft[0]!;
    const zone = a.constraints.find((k) => k.kind === 'keep-out')!;
    expect(zone).toMatchObject({ pass: false, unit: 'm', with: 'X', zoneOf: 'X' });
    expect(zone.worstMargin).toBeCloseTo(-Math.sqrt(4000), 6);
    expect(zone.timeInViolationS).toBe(3600);
    expect(a.violations).toEqual([
      { kind: 'keep-out', startS: 0, endS: 3600, with: 'X', zoneOf: 'X' },
    ]);
    // X itself is charged with nothing and scores nothing
    expect(e.spacecraft[1]!.violations).toEqual([]);
    expect(e.spacecraft[1]!.constraints).toEqual([]);
    expect(e.score.spacecraft.map((c) => c.id)).toEqual(['A']);
    // the zone is a keep-out of ours: weight 25 of 25 lost
    expect(e.score.safety).toBe(0);
  });

  it('our inspector outside it, past the vertex: margin 200 m', () => {
    const zone = evaluateScenario(zoneScenario(-5600)).spacecraft[0]!.constraints[0]!;
    expect(zone).toMatchObject({ kind: 'keep-out', pass: true, with: 'X', zoneOf: 'X' });
    expect(zone.worstMargin).toBeCloseTo(200, 6);
  });

  it('separation from it binds our inspector, named, and only ours', () => {
    const e = evaluateScenario(
      zoneScenario(-5600, { constraints: { separationM: 700 } } as Partial<Scenario>),
    );
    const sep = e.spacecraft[0]!.constraints.find((k) => k.kind === 'separation')!;
    expect(sep).toMatchObject({ pass: false, with: 'X' });
    expect(sep.worstMargin).toBeCloseTo(-100, 6);
    expect(e.spacecraft[0]!.violations).toContainEqual({
      kind: 'separation',
      startS: 0,
      endS: 3600,
      with: 'X',
    });
    expect(e.spacecraft[1]!.violations).toEqual([]);
  });

  it('report and summary: listed with its own trajectory and burns, no score', () => {
    const s = zoneScenario(-5600);
    (s.spacecraft[1]!.maneuvers as unknown[]).push({
      type: 'impulse',
      tS: 600,
      frame: 'RIC',
      dvMps: [0.01, 0, 0],
    });
    const r = buildReport(evaluateScenario(s));
    const x = r.spacecraft[1]!;
    expect(x.role).toBe('non-cooperative');
    expect(x.score).toBeUndefined();
    expect(x.burns.map((b) => b.tS)).toEqual([600]);
    expect(r.spacecraft[0]!.role).toBeUndefined();
    const text = formatSummary(r);
    expect(text).toContain("non-cooperative: X (not ours: no score, not in the plan's delta-v)");
    expect(text).toContain('X  (non-cooperative, no score)');
    expect(text).toContain("pass  keep-out           of X's zone worst margin");
  });

  it('does not change the score of an otherwise identical plan, whatever it does', () => {
    // our plan: a keep-out sphere entered (a failing constraint), a budget, a burn
    const base = makeScenario(
      {
        durationS: 20000,
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 0 },
          keepOut: { shape: 'sphere', radiusM: 200 },
        },
      },
      {
        initial: rest([0, -1000, 0]),
        budget: { dvMps: 1 },
        maneuvers: [{ type: 'impulse', tS: 100, frame: 'RIC', dvMps: [0, 0.05, 0] }],
      } as Partial<SpacecraftSpec>,
    );
    const alone = evaluateScenario(load(base));
    // X: inside the target's keep-out, over its own budget, with a maneuver that is never flown
    const withX = structuredClone(base);
    withX.spacecraft.push({
      id: 'X',
      role: 'non-cooperative',
      budget: { dvMps: 0.01 },
      initial: rest([0, 150, 0]),
      maneuvers: [
        { type: 'impulse', tS: 50, frame: 'RIC', dvMps: [0.02, -0.3, 0] },
        { type: 'impulse', when: 'rangeM > 1e7', frame: 'RIC', dvMps: [0, 0, 0] },
      ],
    } as SpacecraftSpec);
    const both = evaluateScenario(load(withX));
    expect(both.run.spacecraft[1]!.minRangeM).toBeLessThan(200);
    expect(both.score).toEqual(alone.score);
    expect(alone.score.overall).toBeLessThan(100);
    expect(both.spacecraft[0]!.constraints).toEqual(alone.spacecraft[0]!.constraints);
    expect(possibleViolationKinds(load(withX), 1)).toEqual([]);
    expect(possibleViolationKinds(load(withX), 0)).toEqual(['keep-out', 'budget', 'not-flown']);
  });

  it('schema and checks name the JSON path of a bad role, keepOut or objective', () => {
    const s = makeScenario({}, { initial: rest([0, -1000, 0]) }) as unknown as {
      spacecraft: Record<string, unknown>[];
      objectives?: unknown[];
    };
    s.spacecraft.push({
      id: 'X',
      role: 'enemy',
      keepOut: { shape: 'cube', radiusM: 5 },
      initial: rest([0, 1000, 0]),
      maneuvers: [],
    });
    expect(issues(s)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'spacecraft[1].role',
          message: 'expected "role": "inspector" (ours, the default) or "non-cooperative"',
        }),
        expect.objectContaining({ path: 'spacecraft[1].keepOut.shape' }),
      ]),
    );
    s.spacecraft[1]!.role = 'non-cooperative';
    s.spacecraft[1]!.keepOut = { shape: 'ellipsoid', semiAxesM: [100, -1, 100] };
    expect(issues(s)).toContainEqual(
      expect.objectContaining({ path: 'spacecraft[1].keepOut.semiAxesM[1]' }),
    );
    s.spacecraft[1]!.keepOut = { shape: 'sphere', radiusM: 50 };
    s.objectives = [
      {
        type: 'observe',
        spacecraft: 'X',
        rangeBandM: [0, 1000],
        maxPhaseDeg: 90,
        requiredS: 60,
      },
    ];
    expect(issues(s)).toContainEqual(expect.objectContaining({ path: 'objectives[0].spacecraft' }));
    delete s.objectives;
    s.spacecraft[0]!.role = 'non-cooperative';
    expect(issues(s)).toContainEqual(expect.objectContaining({ path: 'spacecraft' }));
  });
});
