/**
 * The extension exercise for constraints (issue 19): a constraint kind declared here, in test code
 * only, goes through the schema (its key, its errors with JSON paths), the run (its detector on
 * every spacecraft's stream), the report and the CLI summary (its kind and margin), the score (its
 * weight) and the Monte Carlo violation bits, without any other file naming it.
 *
 * `leash`: every spacecraft stays within `constraints.leashM` of the target;
 * g = leashM - range, m (positive inside).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { defineConstraint, constraintSpec } from '../../src/constraints/module.ts';
import { registerConstraint, unregisterConstraint } from '../../src/constraints/registry.ts';
import type { Detector } from '../../src/events/detectors.ts';
import { possibleViolationKinds, violationBit } from '../../src/montecarlo/trial.ts';
import { scenarioJsonSchema, type Scenario } from '../../src/scenario/schema.ts';
import { positive } from '../../src/scenario/schemaParts.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { makeScenario } from '../helpers.ts';

class LeashDetector implements Detector {
  readonly kind = 'leash';
  readonly marginUnit = 'm';
  constructor(readonly leashM: number) {}
  g(rel: ArrayLike<number>): number {
    return this.leashM - Math.hypot(rel[0]!, rel[1]!, rel[2]!);
  }
}

const leash = defineConstraint({
  kind: 'leash',
  title: 'Off the leash',
  label: 'Leash',
  weight: 10,
  key: 'leashM',
  schema: positive('largest range in m from the target')
    .optional()
    .describe('Every spacecraft stays within leashM of the target.'),
  targetDetectors: (s) => {
    const m = constraintSpec<number>(s, 'leashM');
    return m === undefined ? [] : [new LeashDetector(m)];
  },
  applies: (s) => constraintSpec<number>(s, 'leashM') !== undefined,
});

beforeAll(() => registerConstraint(leash));
afterAll(() => unregisterConstraint('leash'));

/** One spacecraft at rest 2 km behind the target on the V-bar (a CW equilibrium) for 2 h. */
function scenario(leashM: unknown): Scenario {
  return makeScenario(
    {
      durationS: 7200,
      constraints: { leashM } as Scenario['constraints'],
    },
    { initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0, 0] } },
  );
}

function load(value: unknown): Scenario {
  const r = loadScenario(JSON.stringify(value));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('a constraint kind registered from test code (leash)', () => {
  it('is in the JSON Schema under constraints, with its description', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).toContain('"leashM"');
    expect(text).toContain('Every spacecraft stays within leashM of the target.');
  });

  it('is validated by the schema: a bad value is named with its JSON path', () => {
    const r = loadScenario(JSON.stringify(scenario(-5)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        path: 'constraints.leashM',
        message: 'expected largest range in m from the target > 0',
      }),
    );
  });

  it('runs: held 500 m inside a 2.5 km leash, 500 m outside a 1.5 km one for the whole run', () => {
    const ok = evaluateScenario(load(scenario(2500)));
    const inside = ok.spacecraft[0]!.constraints.find((k) => k.kind === 'leash')!;
    expect(inside.pass).toBe(true);
    expect(inside.unit).toBe('m');
    expect(inside.worstMargin).toBeCloseTo(500, 6);
    expect(ok.score.safety).toBe(65);

    const bad = evaluateScenario(load(scenario(1500)));
    const c = bad.spacecraft[0]!;
    const outside = c.constraints.find((k) => k.kind === 'leash')!;
    expect(outside.pass).toBe(false);
    expect(outside.worstMargin).toBeCloseTo(-500, 6);
    expect(outside.timeInViolationS).toBe(7200);
    expect(c.violations).toEqual([{ kind: 'leash', startS: 0, endS: 7200 }]);
    // its weight is the only safety weight stated: all of the safety points lost
    expect(bad.score.safety).toBe(0);
    expect(bad.score.overall).toBe(35);
  });

  it('has a Monte Carlo bit after the built-in kinds, when it applies', () => {
    expect(violationBit('leash')).toBe(1 << 8);
    expect(possibleViolationKinds(load(scenario(1500)), 0)).toEqual(['leash']);
    expect(possibleViolationKinds(load(scenario(undefined)), 0)).toEqual([]);
  });

  it('is in the report JSON and the CLI summary', async () => {
    const report = buildReport(evaluateScenario(load(scenario(1500))));
    expect(report.spacecraft[0]!.violations[0]!.kind).toBe('leash');
    const dir = mkdtempSync(join(tmpdir(), 'rpo-leash-'));
    const path = join(dir, 'leash.json');
    writeFileSync(path, JSON.stringify(scenario(1500)));
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    await main(['run', path], io);
    expect(err).toBe('');
    expect(out).toContain('FAIL  leash              worst margin -500.0 m at t+0:00:00.00');
    expect(out).toContain('VIOLATION    leash from t+0:00:00.00 to t+2:00:00.00');
  });
});
