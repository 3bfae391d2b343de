// A maneuver that never starts is a `not-flown` violation: the plan was not flown as written, so it
// is never "all clear", is marked incomplete and scores at most 75 (issue 11, item 3). Each of the
// three causes, reproduced: a trigger that never holds, a start after the end of the run, and a
// chain broken by an earlier maneuver that never started.

import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import { runTrialDetailed, violationBit } from '../../src/montecarlo/trial.ts';
import type { ManeuverSpec, Scenario } from '../../src/scenario/schema.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { INCOMPLETE_SCORE_CAP } from '../../src/scoring/score.ts';
import { makeScenario, valid } from '../helpers.ts';

/** 2 km ahead on V-bar, keep-out 200 m, 0.5 m/s budget: a 1 km football from `timing`. */
function footballPlan(timing: Partial<ManeuverSpec>, more: ManeuverSpec[] = []): Scenario {
  return valid(
    makeScenario(
      {
        durationS: 86400,
        stepS: 30,
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 0 },
          keepOut: { shape: 'sphere', radiusM: 200 },
        },
      },
      {
        initial: { frame: 'RIC', positionM: [0, 2000, 0], velocityMps: [0, 0, 0] },
        budget: { dvMps: 0.5 },
        maneuvers: [{ type: 'football', amplitudeM: 1000, ...timing } as ManeuverSpec, ...more],
      },
    ),
  );
}

const evaluate = (s: Scenario) => buildReport(evaluateScenario(s, { skipPassiveSafety: true }));

describe('not-flown: a maneuver that never starts', () => {
  it('a football behind a trigger that never holds is not "all clear" and scores below the plan that flies it', () => {
    const flown = evaluate(footballPlan({ tS: 0 }));
    const skipped = evaluate(footballPlan({ when: 'rangeM < 100' }));
    expect(flown.spacecraft[0]!.violations).toEqual([]);
    expect(flown.score.incomplete).toBe(false);
    expect(flown.score.overall).toBeGreaterThan(INCOMPLETE_SCORE_CAP);

    const v = skipped.spacecraft[0]!.violations;
    expect(v).toEqual([
      {
        kind: 'not-flown',
        startS: 0,
        endS: 86400,
        path: 'spacecraft[0].maneuvers[0]',
        reason: 'trigger-never-true',
      },
    ]);
    expect(skipped.score.incomplete).toBe(true);
    expect(skipped.score.overall).toBeLessThanOrEqual(INCOMPLETE_SCORE_CAP);
    expect(skipped.score.overall).toBeLessThan(flown.score.overall);

    const text = formatSummary(skipped);
    expect(text).toMatch(/INCOMPLETE/);
    expect(text).toMatch(
      /spacecraft\[0\]\.maneuvers\[0\] football NOT FLOWN: its trigger "rangeM < 100" never held/,
    );
    expect(text).not.toMatch(/violations {3}none/);
  });

  it('a start after the end of the run (after a trigger) is not flown', () => {
    const r = evaluate(
      footballPlan({ when: 'tS > 80000' }, [
        { type: 'impulse', after: 10000, frame: 'RIC', dvMps: [0, 0, 0.01] },
      ]),
    );
    const v = r.spacecraft[0]!.violations.filter((x) => x.kind === 'not-flown');
    expect(v).toEqual([
      {
        kind: 'not-flown',
        startS: 86400,
        endS: 86400,
        path: 'spacecraft[0].maneuvers[1]',
        reason: 'starts-after-end',
      },
    ]);
    expect(r.score.incomplete).toBe(true);
    expect(r.score.overall).toBeLessThanOrEqual(INCOMPLETE_SCORE_CAP);
    expect(formatSummary(r)).toMatch(
      /maneuvers\[1\] impulse NOT FLOWN: due after the end of the run/,
    );
  });

  it('a chain broken by an earlier maneuver that never started: each one is reported', () => {
    const r = evaluate(
      footballPlan({ when: 'rangeM < 100' }, [
        { type: 'impulse', after: 600, frame: 'RIC', dvMps: [0, 0, 0.01] },
      ]),
    );
    expect(r.spacecraft[0]!.violations.map((x) => [x.path, x.reason])).toEqual([
      ['spacecraft[0].maneuvers[0]', 'trigger-never-true'],
      ['spacecraft[0].maneuvers[1]', 'previous-not-flown'],
    ]);
    expect(formatSummary(r)).toMatch(
      /maneuvers\[1\] impulse NOT FLOWN: maneuvers\[0\] before it never started/,
    );
  });

  it('Monte Carlo counts not-flown as a violation kind of the trial', () => {
    const s = footballPlan({ when: 'rangeM < 100' });
    const o = runTrialDetailed(s, 1, 0).outcome.spacecraft[0]!;
    expect(o.violationMask & violationBit('not-flown')).not.toBe(0);
    const ok = runTrialDetailed(footballPlan({ tS: 0 }), 1, 0).outcome.spacecraft[0]!;
    expect(ok.violationMask & violationBit('not-flown')).toBe(0);
  });
});
