/**
 * The ghost of the truth (src/sim/ghost.ts, src/worker/compute.ts): the same plan in the other
 * dynamics model. Checked against a run of the same scenario with the other `dynamics` (the ghost
 * is that run, sample for sample), and its difference from the run against a closed form.
 *
 * Closed form: a spacecraft at rest at in-track offset d on a straight V-bar (RIC is rectilinear)
 * sits delta = d^2 / (2 a) above the target's circular orbit, with no rotating-frame velocity.
 * Linearized about that orbit, a radial offset delta with zero rates drifts in-track by
 * 6 delta (sin nt - nt): -12 pi delta per orbit. CW keeps it at rest (an equilibrium), so after
 * one sidereal day the CW ghost minus the nonlinear run is +12 pi delta in-track (44.705 m for
 * d = 10 km at GEO, a = 42,164,169.6 m): a sign or frame error moves it by 89 m or puts it in R.
 */

import { describe, expect, it } from 'vitest';
import { GEO_RADIUS_M } from '../../src/core/constants.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { cwModule } from '../../src/sim/dynamics/cw.ts';
import { nonlinearCircularModule } from '../../src/sim/dynamics/nonlinearCircular.ts';
import { BUILTIN_DYNAMICS } from '../../src/sim/dynamics/registry.ts';
import { twoBodyModule } from '../../src/sim/dynamics/twoBody.ts';
import { yaModule } from '../../src/sim/dynamics/ya.ts';
import { ghostModule, ghostScenario, noGhostReason } from '../../src/sim/ghost.ts';
import { ghostDifference, ghostDifferenceAt } from '../../src/sim/ghostDifference.ts';
import { runScenario } from '../../src/sim/run.ts';
import { computeResponse } from '../../src/worker/compute.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';
import { transferList, type GhostResponse } from '../../src/worker/protocol.ts';
import { makeScenario, valid } from '../helpers.ts';

const SIDEREAL_DAY_S = 86164.0905;

/** The ghost response of `s` (fails the test when there is none). */
function ghostOf(s: Scenario): GhostResponse {
  const res = computeResponse({ id: 1, kind: 'ghost', text: JSON.stringify(s) });
  if (!res.ok || res.kind !== 'ghost') throw new Error(`no ghost: ${JSON.stringify(res)}`);
  return res;
}

/** A plan with a burn: 1 km football entered by a radial burn, plus a later in-track burn. */
function plan(dynamics: 'cw' | 'nonlinear'): Scenario {
  return valid(
    makeScenario(
      { dynamics, durationS: 2 * SIDEREAL_DAY_S },
      {
        initial: { frame: 'RIC', positionM: [0, 2000, 300], velocityMps: [0, 0, 0] },
        maneuvers: [
          { type: 'football', tS: 0, amplitudeM: 1000 },
          { type: 'impulse', tS: 100_000, frame: 'RIC', dvMps: [0, 0.05, 0] },
        ],
      },
    ),
  );
}

/** An eccentric target flown in two-body motion. */
function eccentric(): Scenario {
  return valid(
    makeScenario({
      dynamics: 'nonlinear',
      target: {
        name: 'E',
        orbit: {
          type: 'elliptical',
          semiMajorAxisM: 26_600_000,
          eccentricity: 0.1,
          trueAnomalyDeg: 0,
        },
      },
    }),
  );
}

describe('which model the ghost flies', () => {
  it('CW and the nonlinear model are each the other one about a circular target', () => {
    expect(ghostModule(plan('cw'))).toBe(nonlinearCircularModule);
    expect(ghostModule(plan('nonlinear'))).toBe(cwModule);
    expect(ghostScenario(plan('cw'))?.dynamics).toBe('nonlinear');
  });

  it('an eccentric target flown in two-body motion: its ghost is the Yamanaka-Ankersen model, and back', () => {
    const s = eccentric();
    expect(ghostModule(s)).toBe(yaModule);
    expect(ghostModule({ ...s, dynamics: 'ya' })).toBe(twoBodyModule);
    // Without a linear model for eccentric orbits there is none, and the toggle says why.
    const withoutYa = BUILTIN_DYNAMICS.filter((d) => d !== yaModule);
    expect(ghostModule(s, withoutYa)).toBeNull();
    expect(noGhostReason(s)).toBe(
      'no other model flies "dynamics": "nonlinear" about a elliptical target',
    );
  });

  it('the perturbed truth: its ghost is the unperturbed motion', () => {
    expect(ghostModule({ ...plan('cw'), dynamics: 'perturbed' })).toBe(nonlinearCircularModule);
    expect(ghostModule({ ...eccentric(), dynamics: 'perturbed' })).toBe(twoBodyModule);
  });
});

describe('the ghost of a plan', () => {
  it.each(['cw', 'nonlinear'] as const)(
    'flown in %s: equals a run of the same scenario with the other dynamics, sample for sample',
    (dynamics) => {
      const s = plan(dynamics);
      const g = ghostOf(s);
      const other = dynamics === 'cw' ? 'nonlinear' : 'cw';
      expect(g.dynamics).toBe(other);
      const truth = runScenario({ ...s, dynamics: other }, { recordEphemeris: true });
      const run = runScenario(s, { recordEphemeris: true });
      const gc = g.trajectory.crafts[0]!;
      const te = truth.spacecraft[0]!.ephemeris!;
      expect(gc.count).toBe(te.count);
      expect(gc.tS.slice(0, gc.count)).toEqual(te.tS.slice(0, te.count));
      expect(gc.stateRic.slice(0, 6 * gc.count)).toEqual(te.stateRic.slice(0, 6 * te.count));
      expect(gc.totalDvMps).toBeCloseTo(truth.spacecraft[0]!.totalDvMps, 12);
      // The difference: ghost minus run, at the run's sample times.
      const d = g.differences[0]!;
      expect(d).toEqual(ghostDifference(run.spacecraft[0]!.ephemeris!, te));
      expect(d.count).toBe(run.spacecraft[0]!.ephemeris!.count);
      // The two models part (a real second-order difference, not zero, not a blow-up).
      const last = d.distanceM[d.count - 1]!;
      expect(last).toBeGreaterThan(0.05);
      expect(last).toBeLessThan(100);
    },
  );

  it('at rest on V-bar 10 km behind: CW ghost minus nonlinear run is +12 pi d^2/(2a) in-track after a sidereal day', () => {
    const dM = 10_000;
    const s = valid(makeScenario({ dynamics: 'nonlinear', durationS: SIDEREAL_DAY_S }));
    const g = ghostOf(s);
    const d = g.differences[0]!;
    const end = ghostDifferenceAt(d, SIDEREAL_DAY_S, new Float64Array(3));
    const expectedM = (12 * Math.PI * dM * dM) / (2 * GEO_RADIUS_M);
    expect(expectedM).toBeCloseTo(44.705, 2);
    expect(end[1]).toBeCloseTo(expectedM, 1); // in-track, within 0.05 m
    expect(Math.abs(end[0]!)).toBeLessThan(0.05); // radial: back where it started
    expect(end[2]).toBe(0);
    // Half way: half the drift, 6 pi delta in-track.
    const half = ghostDifferenceAt(d, SIDEREAL_DAY_S / 2, new Float64Array(3));
    const delta = (dM * dM) / (2 * GEO_RADIUS_M);
    expect(half[1]).toBeCloseTo(6 * Math.PI * delta, 1);
  });

  it('grows as the square of the size of the motion (a linearization error)', () => {
    const end = (xM: number) => {
      const n = (2 * Math.PI) / SIDEREAL_DAY_S;
      const s = valid(
        makeScenario(
          { dynamics: 'cw', durationS: SIDEREAL_DAY_S },
          {
            initial: { frame: 'RIC', positionM: [xM, 0, 0], velocityMps: [0, -2 * n * xM, 0] },
          },
        ),
      );
      const d = ghostOf(s).differences[0]!;
      return d.distanceM[d.count - 1]!;
    };
    const ratio = end(1000) / end(100);
    expect(ratio).toBeGreaterThan(99);
    expect(ratio).toBeLessThan(101);
  });

  it('of an eccentric target equals a run with the Yamanaka-Ankersen model', () => {
    const s = eccentric();
    const g = ghostOf(s);
    expect(g.dynamics).toBe('ya');
    const truth = runScenario({ ...s, dynamics: 'ya' }, { recordEphemeris: true });
    const gc = g.trajectory.crafts[0]!;
    const te = truth.spacecraft[0]!.ephemeris!;
    expect(gc.stateRic.slice(0, 6 * gc.count)).toEqual(te.stateRic.slice(0, 6 * te.count));
  });

  it('comes from the ghost worker of the simulation client, its arrays transferred', async () => {
    const client = createInProcessClient();
    const text = JSON.stringify(plan('cw'));
    const res = await client.ghost(text).result;
    client.dispose();
    expect(res?.ok && res.kind === 'ghost' ? res.dynamics : res).toBe('nonlinear');
    const g = res as GhostResponse;
    const buffers = transferList(g);
    expect(buffers).toContain(g.differences[0]!.dRicM.buffer);
    expect(buffers).toContain(g.trajectory.crafts[0]!.stateRic.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
  });
});
