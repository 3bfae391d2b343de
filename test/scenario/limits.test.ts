// Work limits counted before a run (src/scenario/limits.ts) and the bounded problem lists: the
// red-team cases of issue 12, each refused with its JSON path and the limit, or flown within the
// burn cap. Counts are checked against brute force: the burns a run really fires never exceed the
// count made up front.

import { describe, expect, it, vi } from 'vitest';
import { TwoBodyDynamics } from '../../src/dynamics/twobody.ts';
import { scenarioMaxSubStepS } from '../../src/scenario/derived.ts';
import {
  countRunWork,
  MAX_PAIR_STEPS,
  MAX_RUN_BURNS,
  MAX_RUN_STEPS,
} from '../../src/scenario/limits.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { closestName } from '../../src/scenario/suggest.ts';
import {
  loadScenario,
  MAX_LISTED_ISSUES,
  parseJson,
  validateScenario,
} from '../../src/scenario/validate.ts';
import type { ScenarioIssue } from '../../src/scenario/validate.ts';
import { runScenario, ScenarioRunError } from '../../src/sim/run.ts';
import { makeScenario, valid } from '../helpers.ts';

function issuesOf(value: unknown): ScenarioIssue[] {
  const r = validateScenario(value);
  return r.ok ? [] : r.issues;
}

const fleet = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    initial: {
      frame: 'RIC' as const,
      positionM: [0, -10000 - 10 * i, 0] as [number, number, number],
      velocityMps: [0, 0, 0] as [number, number, number],
    },
    maneuvers: [],
  }));

const rbarHold = (over: Partial<Scenario['spacecraft'][number]['maneuvers'][number]>) =>
  ({
    type: 'hold',
    durationS: 1e12,
    deadbandM: 1e-6,
    ...over,
  }) as Scenario['spacecraft'][number]['maneuvers'][number];

describe('work counted before a run', () => {
  it('refuses 2e7 steps at stepS 4000: the samples along the run scale with the duration', () => {
    const issues = issuesOf(
      makeScenario({
        stepS: 4000,
        durationS: 4000 * 2e7,
        dynamics: 'cw',
        target: { name: 'T', orbit: { type: 'circular', radiusM: 1e9 } },
      }),
    );
    expect(issues.map((i) => i.path)).toContain('durationS');
    expect(issues.find((i) => i.path === 'durationS')!.message).toMatch(/limit is 2,000,000/);
  });

  it('says 20,000,001 steps for one step over the limit of 20,000,000', () => {
    const s = makeScenario({ stepS: 1, durationS: MAX_RUN_STEPS + 1 });
    const steps = issuesOf(s).find((i) => i.path === 'stepS');
    expect(steps?.message).toMatch(/20,000,001 integration steps.*the limit is 20,000,000/);
  });

  it.each([300, 1000])(
    'refuses %i spacecraft at the pairs they make, n (n - 1) / 2 each step',
    (n) => {
      const s = makeScenario({ spacecraft: fleet(n) });
      expect(countRunWork(s).pairSteps).toBe(((n * (n - 1)) / 2) * 8640);
      const pairs = issuesOf(s).find((i) => i.path === 'spacecraft');
      expect(pairs?.message).toMatch(/pair range evaluations.*the limit is 20,000,000/);
    },
  );

  it('accepts 40 spacecraft (780 pairs) over a day at 10 s', () => {
    expect(countRunWork(makeScenario({ spacecraft: fleet(40) })).pairSteps).toBeLessThan(
      MAX_PAIR_STEPS,
    );
    expect(issuesOf(makeScenario({ spacecraft: fleet(40) }))).toEqual([]);
  });

  it('refuses 10^4 impulses with missedBurns at the missedBurns key (one rerun per burn)', () => {
    const s = makeScenario(
      {
        durationS: 2 * 86400,
        constraints: { passiveSafety: { orbits: 1, minRangeM: 100, missedBurns: true } },
      },
      {
        maneuvers: Array.from({ length: 1e4 }, (_, k) => ({
          type: 'impulse' as const,
          tS: 10 + 10 * k,
          frame: 'RIC' as const,
          dvMps: [0, 0, 0] as [number, number, number],
        })),
      },
    );
    const rerun = issuesOf(s).find((i) => i.path === 'constraints.passiveSafety.missedBurns');
    expect(rerun?.message).toMatch(/172,800,000 integration steps over the missed-burn reruns/);
  });

  it('refuses a triggered hold longer than the whole scenario (1e12 s, 1e-6 m deadband)', () => {
    const s = makeScenario(
      {},
      {
        initial: { frame: 'RIC', positionM: [1000, 0, 0], velocityMps: [0, 0, 0] },
        maneuvers: [rbarHold({ when: 'tS > 100' })],
      },
    );
    const hold = issuesOf(s).find((i) => i.path === 'spacecraft[0].maneuvers[0].durationS');
    expect(hold?.message).toMatch(
      /lasts 1000000000000 s, longer than the whole scenario \(86400 s\)/,
    );
  });

  it('counts a triggered hold up to the scenario end and flies it within that count', () => {
    // R-bar, 1e-6 m deadband: the cycle is the 10 s floor, so a burn every 10 s until the end
    const s = valid(
      makeScenario(
        {},
        {
          initial: { frame: 'RIC', positionM: [1000, 0, 0], velocityMps: [0, 0, 0] },
          maneuvers: [rbarHold({ when: 'tS > 100', durationS: 86400 })],
        },
      ),
    );
    const counted = countRunWork(s).burns;
    expect(counted).toBe(8641);
    const run = runScenario(s);
    expect(run.spacecraft[0]!.burns.length).toBeGreaterThan(8000);
    expect(run.spacecraft[0]!.burns.length).toBeLessThanOrEqual(counted);
  });

  it('refuses a timed hold that may burn more than the limit, at its durationS', () => {
    const s = makeScenario(
      { durationS: 3e6, stepS: 100 },
      { maneuvers: [rbarHold({ tS: 0, durationS: 2e6 })] },
    );
    const hold = issuesOf(s).find((i) => i.path === 'spacecraft[0].maneuvers[0].durationS');
    expect(hold?.message).toMatch(/200,001 burns.*the limit is 100,000/);
  });

  it('stops a run that would go past the burn cap with an error, without allocating the plan', () => {
    // not validated (the count up front would refuse it): the hard cap inside the run
    const s = makeScenario(
      { durationS: 2e6, stepS: 1000 },
      {
        initial: { frame: 'RIC', positionM: [1000, 0, 0], velocityMps: [0, 0, 0] },
        maneuvers: [rbarHold({ tS: 0 })],
      },
    );
    let error: unknown;
    try {
      runScenario(s);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioRunError);
    expect((error as ScenarioRunError).path).toBe('spacecraft[0].maneuvers[0].durationS');
    expect((error as Error).message).toMatch(/more than 100,000 burns/);
    expect(MAX_RUN_BURNS).toBe(1e5);
  });
});

describe('bounded problem lists', () => {
  it('lists the first 50 problems and counts the rest', () => {
    const s = makeScenario() as unknown as Record<string, unknown>;
    for (let k = 0; k < 200_000; k++) s[`extra${k}`] = k;
    const issues = issuesOf(s);
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[MAX_LISTED_ISSUES]).toEqual({
      path: '',
      message: 'and 199950 more problems (fix these first)',
    });
  });

  it('rejects a 4.9 MB unknown key at once, echoing 80 characters of it and suggesting nothing', () => {
    const key = 'radiusM'.repeat(700_000);
    const text = JSON.stringify({ ...makeScenario(), [key]: 1 });
    const r = loadScenario(text);
    expect(r.ok).toBe(false);
    const issue = (r as { issues: ScenarioIssue[] }).issues[0]!;
    expect(issue.path).toBe(`${key.slice(0, 80)}…`);
    expect(issue.message).toMatch(/^unknown key; allowed here/);
    expect(closestName('radiusm'.repeat(20), ['radiusM'])).toBeNull();
    expect(closestName('radiusm', ['radiusM'])).toBe('radiusM');
  });

  it('reports an empty key at "" rather than at the whole file', () => {
    const issues = issuesOf({ ...makeScenario(), '': 1 });
    expect(issues.map((i) => i.path)).toEqual(['""']);
  });

  it('shows trigger and id problems while the file has structural errors', () => {
    const s = JSON.parse(JSON.stringify(makeScenario({ spacecraft: fleet(2) }))) as {
      stepS: unknown;
      spacecraft: { id: string; maneuvers: unknown[] }[];
    };
    s.stepS = -1;
    s.spacecraft[1]!.id = 's0';
    s.spacecraft[0]!.maneuvers.push({
      type: 'impulse',
      when: 'rangeM <',
      frame: 'RIC',
      dvMps: [0, 0, 0],
    });
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['stepS', 'spacecraft[1].id', 'spacecraft[0].maneuvers[0].when']),
    );
  });
});

describe('JSON text', () => {
  it('accepts a UTF-8 byte-order mark', () => {
    expect(loadScenario(`\uFEFF${JSON.stringify(makeScenario())}`).ok).toBe(true);
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1],
    ['{\n  "a":', 2, 7],
    ['{\n  "a": x\n}', 2, 8],
  ])('gives line and column of a syntax error in %j', (text, line, column) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    expect((r as { issues: ScenarioIssue[] }).issues[0]!.message).toContain(
      `(line ${line}, column ${column})`,
    );
  });

  it('does not echo the text of a syntax error', () => {
    const r = parseJson('x'.repeat(1000));
    expect((r as { issues: ScenarioIssue[] }).issues[0]!.message.length).toBeLessThan(120);
  });
});

describe('found by the fuzz test', () => {
  it('a hold of 5e-324 s is one leg: a run error at its path, not a TypeError', () => {
    const s = valid(
      makeScenario({}, { maneuvers: [rbarHold({ tS: 100, durationS: 5e-324, deadbandM: 5 })] }),
    );
    expect(() => runScenario(s)).toThrow(ScenarioRunError);
  });
});

describe('100,000 problems', () => {
  it('are listed (the first 50) instead of overflowing the stack', () => {
    const s = JSON.parse(JSON.stringify(makeScenario())) as {
      spacecraft: { maneuvers: unknown[] }[];
    };
    s.spacecraft[0]!.maneuvers = Array.from({ length: 100_000 }, () => ({ type: 'impulse' }));
    const issues = issuesOf(s);
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[0]!.message).toMatch(/^too many problems to count them all/);
    expect(issues[1]!.path).toMatch(/^spacecraft\[0\]\.maneuvers\[0\]/);
    expect(issues[MAX_LISTED_ISSUES]!.message).toMatch(/^and \d+ more problems/);
  });
});

describe('RK4 sub-steps are counted', () => {
  // An eccentric target (e = 0.7): the two-body model splits each 600 s step into sub-steps of
  // a few seconds near perigee (`scenarioMaxSubStepS`), and the count made up front must cover
  // every single RK4 step the run really takes (counted by a spy on the model).
  const eccentric = () =>
    valid(
      makeScenario({
        dynamics: 'nonlinear',
        durationS: 43200,
        stepS: 600,
        target: {
          name: 'T',
          orbit: {
            type: 'elliptical',
            semiMajorAxisM: 26.6e6,
            eccentricity: 0.7,
            trueAnomalyDeg: 0,
          },
        },
      }),
    );

  it('counts the single steps of an eccentric run, not its nodes', () => {
    const s = eccentric();
    const single = vi.spyOn(
      TwoBodyDynamics.prototype as unknown as { rk4Single: () => void },
      'rk4Single',
    );
    const noEstimate = { initialState: () => {}, startDelayS: () => 0, burn: () => true };
    runScenario(s, { perturbation: noEstimate });
    const taken = single.mock.calls.length;
    single.mockRestore();
    const counted = countRunWork(s).steps;
    expect(taken).toBeGreaterThan(10 * Math.ceil(s.durationS / s.stepS));
    expect(counted).toBeGreaterThanOrEqual(taken);
    expect(counted).toBeLessThanOrEqual(taken + Math.ceil(s.stepS / scenarioMaxSubStepS(s)));
  });

  it('refuses a run whose sub-steps exceed the step limit though its nodes do not', () => {
    const s = eccentric();
    const long = { ...s, durationS: 4e7, stepS: 2000 };
    expect(Math.ceil(long.durationS / long.stepS)).toBeLessThan(MAX_RUN_STEPS);
    expect(countRunWork(long).steps).toBeGreaterThan(MAX_RUN_STEPS);
    const stepIssue = issuesOf(long).find((i) => i.path === 'stepS');
    expect(stepIssue?.message).toMatch(/limit is 20,000,000/);
  });

  it('a GEO run at its usual steps takes each step whole', () => {
    const s = valid(makeScenario({ durationS: 172800, stepS: 1 }));
    expect(countRunWork(s).steps).toBe(172800);
  });
});
