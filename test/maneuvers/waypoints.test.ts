// Multi-waypoint transfer: each waypoint reached (metres), and checked against a brute-force
// equivalent: the same legs flown as separate `transfer` maneuvers (each arriving at rest, the
// next departing at once), whose arrival and departure burns at a waypoint add up to the one
// burn the waypoints maneuver fires there.

import { describe, expect, it } from 'vitest';
import type { ManeuverSpec } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

const POINTS = [
  { positionM: [500, -6000, 200], durationS: 5400 },
  { positionM: [-300, -3000, 0], durationS: 3600 },
  { positionM: [0, -1000, 0], durationS: 7200 },
] as const;

function fly(maneuvers: ManeuverSpec[], dynamics: 'cw' | 'nonlinear') {
  const s = valid(
    makeScenario(
      { durationS: 20_000, stepS: 10, dynamics },
      {
        initial: { frame: 'RIC', positionM: [0, -10_000, 0], velocityMps: [0, 0, 0] },
        maneuvers,
      },
    ),
  );
  return runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
}

const waypoints = {
  type: 'waypoints',
  tS: 600,
  points: POINTS.map((p) => ({ positionM: [...p.positionM], durationS: p.durationS })),
} as unknown as ManeuverSpec;

describe.each(['cw', 'nonlinear'] as const)('waypoints (%s)', (dynamics) => {
  const run = fly([waypoints], dynamics);
  const tol = dynamics === 'cw' ? 1e-6 : 1e-3;

  it('one burn per waypoint, each reached within the targeting tolerance, at rest at the last', () => {
    expect(run.burns).toHaveLength(POINTS.length + 1);
    let tS = 600;
    POINTS.forEach((p, k) => {
      tS += p.durationS;
      const b = run.burns[k + 1]!;
      expect(b.tS).toBeCloseTo(tS, 6);
      expect(b.missM!).toBeLessThan(tol);
    });
    expect(run.maneuvers[0]!.endS).toBeCloseTo(tS, 6);
    // the final position is the last waypoint (the run ends 3,800 s after it, at rest there
    // in CW; nonlinear: held by nothing, it drifts by millimetres)
    const e = run.ephemeris!;
    let j = 0;
    while (e.tS[j]! < tS - 1e-6) j++;
    j++;
    const last = POINTS.at(-1)!.positionM;
    expect(
      Math.hypot(
        e.stateRic[6 * j]! - last[0],
        e.stateRic[6 * j + 1]! - last[1],
        e.stateRic[6 * j + 2]! - last[2],
      ),
    ).toBeLessThan(2 * tol);
    expect(
      Math.hypot(e.stateRic[6 * j + 3]!, e.stateRic[6 * j + 4]!, e.stateRic[6 * j + 5]!),
    ).toBeLessThan(1e-9);
  });

  it('each burn is the sum of the arrival and departure burns of chained transfers', () => {
    const chain = fly(
      POINTS.map(
        (p, k) =>
          ({
            type: 'transfer',
            ...(k === 0 ? { tS: 600 } : { after: 0 }),
            durationS: p.durationS,
            toPositionM: [...p.positionM],
          }) as unknown as ManeuverSpec,
      ),
      dynamics,
    );
    expect(chain.burns).toHaveLength(2 * POINTS.length);
    const expected = [chain.burns[0]!.dvMps];
    for (let k = 1; k < POINTS.length; k++) {
      const arrive = chain.burns[2 * k - 1]!.dvMps;
      const depart = chain.burns[2 * k]!.dvMps;
      expected.push([arrive[0] + depart[0], arrive[1] + depart[1], arrive[2] + depart[2]]);
    }
    expected.push(chain.burns.at(-1)!.dvMps);
    run.burns.forEach((b, k) => {
      for (let c = 0; c < 3; c++) expect(b.dvMps[c]).toBeCloseTo(expected[k]![c]!, 6);
    });
    expect(run.totalDvMps).toBeLessThanOrEqual(chain.totalDvMps + 1e-12);
  });
});

describe('waypoints: clear errors', () => {
  const check = (m: Record<string, unknown>) => {
    const r = validateScenario(
      makeScenario({ durationS: 3 * REF.orbitS }, { maneuvers: [m as unknown as ManeuverSpec] }),
    );
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('names the JSON path of an empty list and of a wrong point', () => {
    expect(check({ type: 'waypoints', tS: 0, points: [] })).toContain(
      'spacecraft[0].maneuvers[0].points: expected at least one waypoint',
    );
    expect(
      check({ type: 'waypoints', tS: 0, points: [{ positionM: [0, 1], durationS: -5 }] }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^spacecraft\[0\]\.maneuvers\[0\]\.points\[0\]\.positionM: expected \[R, I, C\]/,
        ),
        'spacecraft[0].maneuvers[0].points[0].durationS: expected leg time in s (from the previous waypoint) > 0',
      ]),
    );
  });

  it('refuses a leg of a whole orbit, naming that leg', () => {
    const msgs = check({
      type: 'waypoints',
      tS: 0,
      points: [
        { positionM: [0, -5000, 0], durationS: 3600 },
        { positionM: [0, -2000, 0], durationS: REF.orbitS },
      ],
    });
    expect(
      msgs.some((m) =>
        m.startsWith('spacecraft[0].maneuvers[0].points[1].durationS: a transfer leg'),
      ),
    ).toBe(true);
  });
});
