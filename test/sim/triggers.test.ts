// Maneuver programs: `after` sequencing and `when` triggers located between steps. Reference: the
// closed-form CW trajectory (a circular drift is a straight line at constant speed), so the
// first instant a condition holds has a closed form.

import { describe, expect, it } from 'vitest';
import {
  geoTargetGeometry,
  sunPhaseAngleDeg,
  sunPositionEciM,
  targetPositionEci,
  targetRaRad,
} from '../../src/core/lighting.ts';
import { cwPropagate } from '../../src/dynamics/cw.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { ManeuverSpec } from '../../src/scenario/schema.ts';
import { createSunTable, runScenario, TRIGGER_TIME_TOLERANCE_S } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

const n = REF.nRadPerS;

/** A circular drift 500 m below the target orbit, 6 km behind: I(t) = -6000 + 1.5 n 500 t. */
const drift = {
  frame: 'RIC' as const,
  positionM: [-500, -6000, 0] as [number, number, number],
  velocityMps: [0, 1.5 * n * 500, 0] as [number, number, number],
};
const vI = 1.5 * n * 500;

describe('when: triggers', () => {
  it.each([1, 60, 300])(
    'fires at the analytic crossing of rangeM < 2000 (step %i s) to 1e-2 s',
    (stepS) => {
      const s = valid(
        makeScenario(
          { durationS: 100000, stepS },
          {
            initial: drift,
            maneuvers: [
              {
                type: 'impulse',
                when: 'rangeM < 2000 and rangeRateMps < 0',
                frame: 'RIC',
                dvMps: [0, -0.01, 0],
              },
            ],
          },
        ),
      );
      const run = runScenario(s).spacecraft[0]!;
      // range^2 = 500^2 + I^2 = 2000^2  ->  I = -sqrt(2000^2 - 500^2)
      const tCross = (6000 - Math.sqrt(2000 ** 2 - 500 ** 2)) / vI;
      expect(run.maneuvers[0]!.startS).not.toBeNull();
      expect(Math.abs(run.maneuvers[0]!.startS! - tCross)).toBeLessThan(0.01);
      expect(run.maneuvers[0]!.trigger).toBe('rangeM < 2000 and rangeRateMps < 0');
      expect(run.burns[0]!.tS).toBe(run.maneuvers[0]!.startS);
      // the burn acted at that instant: compare with the closed form through the same burn
      const at = cwPropagate(
        n,
        [...drift.positionM, ...drift.velocityMps],
        run.burns[0]!.tS,
        new Float64Array(6),
      );
      at[4] = at[4]! - 0.01;
      const want = cwPropagate(n, at, 100000 - run.burns[0]!.tS, new Float64Array(6));
      expect(Math.abs(run.finalRic[1]! - want[1]!)).toBeLessThan(stepS <= 60 ? 1e-3 : 0.1);
    },
  );

  it('fires once only, even if the condition holds again', () => {
    const s = valid(
      makeScenario(
        { durationS: 100000, stepS: 10 },
        {
          initial: drift,
          maneuvers: [{ type: 'impulse', when: 'tS > 100', frame: 'RIC', dvMps: [0, 0, 0.001] }],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.burns).toHaveLength(1);
    expect(Math.abs(run.burns[0]!.tS - 100)).toBeLessThan(0.01);
  });

  it('a condition that never holds leaves the maneuver unstarted', () => {
    const s = valid(
      makeScenario(
        {},
        { maneuvers: [{ type: 'impulse', when: 'rangeM < 1', frame: 'RIC', dvMps: [0, 0, 0.1] }] },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.burns).toEqual([]);
    expect(run.maneuvers[0]).toMatchObject({ startS: null, endS: null });
  });

  it('a trigger is armed when the previous maneuver ends, and fires at once if it already holds', () => {
    const s = valid(
      makeScenario(
        { durationS: 100000, stepS: 10 },
        {
          initial: drift,
          maneuvers: [
            { type: 'transfer', tS: 500, durationS: 20000, toPositionM: [0, -3000, 0] },
            { type: 'impulse', when: 'rangeM < 5000', frame: 'RIC', dvMps: [0, 0, 0.001] },
          ],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.maneuvers[1]!.startS).toBe(20500);
  });

  it('sunPhaseDeg: fires where the sun-target-spacecraft angle from the ephemeris package crosses the limit', () => {
    const epoch = '2026-03-25T00:00:00Z';
    const s = valid(
      makeScenario(
        { durationS: 86400, stepS: 30, epoch },
        {
          // at rest on V-bar, 2 km behind: the sun sweeps round it once a day
          initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0, 0] },
          maneuvers: [
            { type: 'impulse', when: 'sunPhaseDeg < 30', frame: 'RIC', dvMps: [0, 0, 0] },
          ],
        },
      ),
    );
    const run = runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
    const t = run.maneuvers[0]!.startS!;
    expect(t).toBeGreaterThan(0);
    // The README's definition, from astronomy-engine directly (no sun table): the angle at the
    // target between the target->Sun vector (Earth->Sun minus the target's position, ECI) and
    // the target->spacecraft vector (RIC mapped to ECI).
    const epochMs = Date.parse(epoch);
    const geom = geoTargetGeometry(epochMs, 0);
    const phaseAt = (tS: number) => {
      const sun = new Float64Array(3);
      const tgt = new Float64Array(3);
      sunPositionEciM(epochMs, tS, sun);
      targetPositionEci(geom, tS, tgt);
      const st = run.ephemeris!.stateAt(tS, new Float64Array(6));
      const u = targetRaRad(geom, tS);
      const [c, sn] = [Math.cos(u), Math.sin(u)];
      const rel = [c * st[0]! - sn * st[1]!, sn * st[0]! + c * st[1]!, st[2]!];
      return sunPhaseAngleDeg([sun[0]! - tgt[0]!, sun[1]! - tgt[1]!, sun[2]! - tgt[2]!], rel);
    };
    // the phase falls by ~0.004 deg/s; the Earth->Sun direction would move this by seconds
    expect(phaseAt(t - 0.01)).toBeGreaterThan(30);
    expect(phaseAt(t + 0.01)).toBeLessThan(30);
  });
});

/**
 * First instant in [fromS, toS] at which `holds` is true, by brute force: tests every 0.05 s
 * (so any excursion of 0.05 s or more is seen), then bisects to 1e-6 s. Also the length of that
 * excursion, s. Null when it never holds.
 */
function bruteFirstInstant(
  holds: (tS: number) => boolean,
  fromS: number,
  toS: number,
): { tS: number; lengthS: number } | null {
  const h = 0.05;
  const count = Math.ceil((toS - fromS) / h);
  for (let k = 1; k <= count; k++) {
    const tk = Math.min(fromS + k * h, toS);
    if (!holds(tk)) continue;
    let lo = fromS + (k - 1) * h;
    let hi = tk;
    while (hi - lo > 1e-6) {
      const mid = 0.5 * (lo + hi);
      if (holds(mid)) hi = mid;
      else lo = mid;
    }
    let end = tk;
    while (holds(end + h)) end += h;
    return { tS: hi, lengthS: end - hi };
  }
  return null;
}

/** The located instant is never before the first true instant, and at most 1e-3 s after it. */
function expectLocated(firedS: number | null, truthS: number): void {
  expect(firedS).not.toBeNull();
  expect(firedS! - truthS).toBeGreaterThan(-1e-5);
  expect(firedS! - truthS).toBeLessThan(TRIGGER_TIME_TOLERANCE_S + 1e-5);
}

describe('when: chained triggers', () => {
  it.each([1, 10, 60])(
    'each waits for its own condition: tS > 1000, then tS > 5000 (step %i s)',
    (stepS) => {
      const s = valid(
        makeScenario(
          { durationS: 20000, stepS },
          {
            maneuvers: [
              { type: 'impulse', when: 'tS > 1000', frame: 'RIC', dvMps: [0, 0, 0.001] },
              { type: 'impulse', when: 'tS > 5000', frame: 'RIC', dvMps: [0, 0, -0.001] },
              // true within the step in which the previous one fired
              { type: 'impulse', when: 'tS > 5000.5', frame: 'RIC', dvMps: [0, 0, 0.001] },
            ],
          },
        ),
      );
      const lone = runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
      const starts = lone.maneuvers.map((m) => m.startS);
      expectLocated(starts[0]!, 1000);
      expectLocated(starts[1]!, 5000);
      expectLocated(starts[2]!, 5000.5);
      // the lone-spacecraft loop (which replays steps from a checkpoint to go back to a
      // trigger's step) and the main loop (which keeps every step's start) fly the same numbers
      const main = runScenario(s, { recordEphemeris: true, observers: [{ node: () => {} }] });
      const other = main.spacecraft[0]!;
      expect(other.maneuvers.map((m) => m.startS)).toEqual(starts);
      expect(other.ephemeris!.count).toBe(lone.ephemeris!.count);
      expect(other.ephemeris!.stateRic).toEqual(lone.ephemeris!.stateRic);
      expect(Array.from(other.finalRic)).toEqual(Array.from(lone.finalRic));
    },
  );

  it.each([1, 30])(
    'two-body model (elliptical target): the lone loop and the main loop fly identical numbers (step %i s)',
    (stepS) => {
      const s = valid(
        makeScenario(
          {
            durationS: 20000,
            stepS,
            dynamics: 'nonlinear',
            target: {
              name: 'T',
              orbit: {
                type: 'elliptical',
                semiMajorAxisM: 26_600_000,
                eccentricity: 0.3,
                trueAnomalyDeg: 10,
              },
            },
          },
          {
            initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0, 0] },
            maneuvers: [
              { type: 'impulse', when: 'tS > 1000.5', frame: 'RIC', dvMps: [0, 0, 0.01] },
              {
                type: 'impulse',
                when: 'cM > 20',
                frame: 'RIC',
                dvMps: [0.01, 0, 0],
              },
            ],
          },
        ),
      );
      const lone = runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
      const main = runScenario(s, { recordEphemeris: true, observers: [{ node: () => {} }] });
      expect(lone.burns).toHaveLength(2);
      expect(main.spacecraft[0]!.burns).toEqual(lone.burns);
      expect(main.spacecraft[0]!.ephemeris!.stateRic).toEqual(lone.ephemeris!.stateRic);
    },
  );

  it('sunPhaseDeg < 60, then sunPhaseDeg < 30: the second waits for the phase to reach 30 deg', () => {
    const s = valid(
      makeScenario(
        { durationS: 86400, stepS: 30, epoch: '2026-03-25T00:00:00Z' },
        {
          initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0, 0] },
          maneuvers: [
            { type: 'impulse', when: 'sunPhaseDeg < 60', frame: 'RIC', dvMps: [0, 0, 0] },
            { type: 'impulse', when: 'sunPhaseDeg < 30', frame: 'RIC', dvMps: [0, 0, 0] },
          ],
        },
      ),
    );
    const starts = runScenario(s).spacecraft[0]!.maneuvers.map((m) => m.startS);
    const sun = createSunTable(s)!;
    const u = new Float64Array(3);
    const phase = (tS: number) => {
      sun.targetSunRic(tS, u);
      return sunPhaseAngleDeg(u, [0, -2000, 0]);
    };
    const first = bruteFirstInstant((t) => phase(t) < 60, 0, 86400)!;
    const second = bruteFirstInstant((t) => phase(t) < 30, first.tS, 86400)!;
    expect(second.tS - first.tS).toBeGreaterThan(3600);
    expectLocated(starts[0]!, first.tS);
    expectLocated(starts[1]!, second.tS);
  });
});

describe('when: conditions that hold only between two steps', () => {
  // At rest 2 km behind the target, 66 m out of plane at the start (so a few metres at the
  // dip): on 2026-03-20 the sun passes within 0.023 deg of the line of sight, and the phase
  // angle stays under 0.1 deg for ~46.7 s, between two nodes at 60 s and at 300 s steps.
  const dip = (stepS: number) =>
    valid(
      makeScenario(
        { durationS: 86400, stepS, epoch: '2026-03-20T00:00:48Z' },
        {
          initial: { frame: 'RIC', positionM: [0, -2000, 66], velocityMps: [0, 0, 0] },
          maneuvers: [
            { type: 'impulse', when: 'sunPhaseDeg < 0.1', frame: 'RIC', dvMps: [0, 0, 0] },
          ],
        },
      ),
    );

  it.each([10, 60, 300])(
    'sunPhaseDeg < 0.1 over a 47 s dip fires at the brute-force first instant (step %i s)',
    (stepS) => {
      const s = dip(stepS);
      const sun = createSunTable(s)!;
      const u = new Float64Array(3);
      const st = new Float64Array(6);
      const x0 = [0, -2000, 66, 0, 0, 0];
      const truth = bruteFirstInstant(
        (tS) => {
          sun.targetSunRic(tS, u);
          return sunPhaseAngleDeg(u, cwPropagate(n, x0, tS, st)) < 0.1;
        },
        0,
        86400,
      )!;
      expect(truth.lengthS).toBeGreaterThan(40);
      expect(truth.lengthS).toBeLessThan(50);
      // no node inside the dip at 60 and 300 s steps
      expect(Math.ceil(truth.tS / 60) * 60).toBeGreaterThan(truth.tS + truth.lengthS);
      expectLocated(runScenario(s).spacecraft[0]!.maneuvers[0]!.startS, truth.tS);
    },
  );

  it('tested at the nodes only (triggerScanS: Infinity), the dip is missed at 60 s steps', () => {
    expect(runScenario(dip(60), { triggerScanS: Infinity }).spacecraft[0]!.burns).toEqual([]);
  });

  // Excursions of ~1.5 s centred on t = 3005 s, between nodes at 10, 60 and 300 s steps. The
  // trajectories come from the closed form through a chosen state at 3005 s.
  const atCentre = (state: number[]) =>
    Array.from(cwPropagate(n, state, -3005, new Float64Array(6)));
  const cases: {
    name: string;
    x0: number[];
    when: string;
    holds: (st: Float64Array) => boolean;
  }[] = [
    {
      // passing the target at 1 m/s, 30 m away at the closest
      name: 'rangeM < 30.01',
      x0: atCentre([30, 0, 0, 0, 1, 0]),
      when: 'rangeM < 30.01',
      holds: (st) => Math.hypot(st[0]!, st[1]!, st[2]!) < 30.01,
    },
    {
      // crossing the orbit plane at n * 1000 m = 0.073 m/s
      name: 'abs(cM) < 0.055',
      x0: atCentre([0, -5000, 0, 0, 0, n * 1000]),
      when: 'abs(cM) < 0.055',
      holds: (st) => Math.abs(st[2]!) < 0.055,
    },
  ];
  it.each(cases.flatMap((c) => [10, 60, 300].map((stepS) => ({ ...c, stepS }))))(
    '$name, holding ~1.5 s between two nodes, fires at the brute-force first instant (step $stepS s)',
    ({ x0, when, holds, stepS }) => {
      const st = new Float64Array(6);
      const truth = bruteFirstInstant((tS) => holds(cwPropagate(n, x0, tS, st)), 0, 6000)!;
      expect(truth.lengthS).toBeGreaterThan(1.2);
      expect(truth.lengthS).toBeLessThan(2);
      const maneuvers: ManeuverSpec[] = [{ type: 'impulse', when, frame: 'RIC', dvMps: [0, 0, 0] }];
      const s = valid(
        makeScenario(
          { durationS: 6000, stepS },
          {
            initial: {
              frame: 'RIC',
              positionM: [x0[0]!, x0[1]!, x0[2]!],
              velocityMps: [x0[3]!, x0[4]!, x0[5]!],
            },
            maneuvers,
          },
        ),
      );
      expectLocated(runScenario(s).spacecraft[0]!.maneuvers[0]!.startS, truth.tS);
      // the same through the main loop (an observer keeps the run off the lone-spacecraft path)
      const observed = runScenario(s, { observers: [{ node: () => {} }] });
      expectLocated(observed.spacecraft[0]!.maneuvers[0]!.startS, truth.tS);
    },
  );
});

describe('after: sequences', () => {
  it('starts a maneuver the given time after the previous one ends', () => {
    const s = valid(
      makeScenario(
        { durationS: 80000 },
        {
          maneuvers: [
            { type: 'impulse', tS: 1000, frame: 'RIC', dvMps: [0.01, 0, 0] },
            { type: 'impulse', after: 500, frame: 'RIC', dvMps: [-0.01, 0, 0] },
            { type: 'transfer', after: 100, durationS: 30000, toPositionM: [0, -5000, 0] },
            { type: 'impulse', after: 250, frame: 'RIC', dvMps: [0, 0, 0.001] },
          ],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.maneuvers.map((m) => [m.startS, m.endS])).toEqual([
      [1000, 1000],
      [1500, 1500],
      [1600, 31600],
      [31850, 31850],
    ]);
  });

  it('shifting the first maneuver shifts the whole chain', () => {
    const plan = (t0: number) =>
      runScenario(
        valid(
          makeScenario(
            { durationS: 80000 },
            {
              maneuvers: [
                { type: 'impulse', tS: t0, frame: 'RIC', dvMps: [0.01, 0, 0] },
                { type: 'impulse', after: 500, frame: 'RIC', dvMps: [-0.01, 0, 0] },
              ],
            },
          ),
        ),
      ).spacecraft[0]!.burns.map((b) => b.tS);
    expect(plan(1000)).toEqual([1000, 1500]);
    expect(plan(4000)).toEqual([4000, 4500]);
  });
});

describe('program validation', () => {
  const issues = (maneuvers: unknown[]) => {
    const s = makeScenario() as unknown as { spacecraft: { maneuvers: unknown[] }[] };
    s.spacecraft[0]!.maneuvers = maneuvers;
    const r = validateScenario(s);
    return r.ok ? [] : r.issues;
  };

  it('needs exactly one of tS, after, when', () => {
    expect(issues([{ type: 'impulse', frame: 'RIC', dvMps: [0, 0, 0] }])[0]).toMatchObject({
      path: 'spacecraft[0].maneuvers[0]',
      message: expect.stringMatching(/needs a start/),
    });
    expect(
      issues([{ type: 'impulse', tS: 1, after: 2, frame: 'RIC', dvMps: [0, 0, 0] }])[0]!.message,
    ).toMatch(/only one of "tS", "after"/);
  });

  it('bad trigger expressions are invalid input with the JSON path and the position', () => {
    const [issue] = issues([
      { type: 'impulse', when: 'rangeM < 500 an rangeRateMps < 0', frame: 'RIC', dvMps: [0, 0, 0] },
    ]);
    expect(issue!.path).toBe('spacecraft[0].maneuvers[0].when');
    expect(issue!.message).toMatch(/rangeM < 500 an rangeRateMps < 0/);
    expect(issue!.message).toMatch(/\^/);
    const [unknown] = issues([
      { type: 'impulse', when: 'rangem < 500', frame: 'RIC', dvMps: [0, 0, 0] },
    ]);
    expect(unknown!.message).toMatch(/rangeM/);
    const [forbidden] = issues([
      { type: 'impulse', when: 'evaluate("1") > 0', frame: 'RIC', dvMps: [0, 0, 0] },
    ]);
    expect(forbidden!.path).toBe('spacecraft[0].maneuvers[0].when');
  });
});
