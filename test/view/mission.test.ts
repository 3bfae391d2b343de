// The view model of a run (src/view/model/mission.ts): burns with labels and positions, events by
// time (burns, violations, closest approaches, eclipses) that match the run and its score,
// delta-v used so far, the next burn, and the stops of event stepping.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import {
  adjacentStop,
  CRAFT_PALETTE,
  dvUsedMps,
  eventStops,
  missionFromTrajectory,
  nextBurn,
  withScore,
} from '../../src/view/model/mission.ts';
import { buildMission } from '../../src/view/model/payload.ts';
import { computeResponse } from '../../src/worker/compute.ts';
import { makeScenario, valid } from '../helpers.ts';

/** Inside a 200 m keep-out sphere from the start (at rest on V-bar, CW), two labelled impulses. */
function smallMission() {
  const s = valid(
    makeScenario(
      {
        durationS: 20_000,
        stepS: 10,
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 0 },
          keepOut: { shape: 'sphere', radiusM: 200 },
        },
      },
      {
        maneuvers: [
          { type: 'impulse', label: 'Pop up', tS: 1000, frame: 'RIC', dvMps: [0.03, 0, 0] },
          { type: 'impulse', tS: 5000, frame: 'RIC', dvMps: [0, -0.01, 0.02] },
        ],
        initial: { frame: 'RIC', positionM: [0, -150, 0], velocityMps: [0, 0, 0] },
      },
    ),
  );
  return buildMission(evaluateScenario(s, { recordEphemeris: true }), 'small.json');
}

describe('mission view model', () => {
  it('labels burns, places them on the trajectory, and gives a colour', () => {
    const m = smallMission();
    const c = m.crafts[0]!;
    expect(c.color).toBe(CRAFT_PALETTE[0]);
    expect(c.burns.map((b) => b.label)).toEqual(['Pop up', 'Impulse']);
    expect(c.burns[0]!.tS).toBe(1000);
    expect(c.burns[0]!.dvMps).toBeCloseTo(0.03, 12);
    // At rest on V-bar until the first burn.
    expect(c.burns[0]!.positionRicM[1]).toBeCloseTo(-150, 6);
    expect(c.burns[1]!.dvMps).toBeCloseTo(Math.hypot(0.01, 0.02), 12);
    expect(c.rangeM.length).toBe(c.ephemeris.count);
    expect(c.importance.length).toBe(c.ephemeris.count);
    expect(m.keepOut).toEqual({ shape: 'sphere', semiAxesM: [200, 200, 200] });
  });

  it('lists events by time, matching the run and its violations', () => {
    const m = smallMission();
    const times = m.events.map((e) => e.tS);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const burns = m.events.filter((e) => e.kind === 'burn');
    expect(burns.map((e) => e.tS)).toEqual([1000, 5000]);
    const ca = m.events.find((e) => e.kind === 'closest-approach')!;
    expect(ca.tS).toBe(m.crafts[0]!.minRangeTS);
    const violation = m.events.find((e) => e.kind === 'violation' && e.constraint === 'keep-out');
    expect(violation?.tS).toBe(0);
    // the constraint module's title, sent by the worker with the score (src/view/model/payload.ts)
    expect(violation?.title).toBe('Keep-out violation');
    expect(m.violations[0]![0]!.constraint).toBe('keep-out');
    expect(m.violations[0]![0]!.title).toBe('Keep-out violation');
    expect(new Set(m.events.map((e) => e.id)).size).toBe(m.events.length);
    expect(m.report!.spacecraft[0]!.totalDvMps).toBeCloseTo(0.03 + Math.hypot(0.01, 0.02), 12);
  });

  it('counts delta-v used up to a time and finds the next burn', () => {
    const c = smallMission().crafts[0]!;
    expect(dvUsedMps(c, 999)).toBe(0);
    expect(dvUsedMps(c, 1000)).toBeCloseTo(0.03, 12);
    expect(dvUsedMps(c, 20_000)).toBeCloseTo(c.totalDvMps, 12);
    expect(nextBurn(c, 0)?.tS).toBe(1000);
    expect(nextBurn(c, 1000)?.tS).toBe(5000);
    expect(nextBurn(c, 5000)).toBeNull();
  });

  it('steps between event times', () => {
    const stops = [0, 1000, 5000, 20_000];
    expect(adjacentStop(stops, 0, 1)).toBe(1000);
    expect(adjacentStop(stops, 1000, 1)).toBe(5000);
    expect(adjacentStop(stops, 1000, -1)).toBe(0);
    expect(adjacentStop(stops, 20_000, 1)).toBeNull();
    expect(adjacentStop(stops, 0, -1)).toBeNull();
    const m = smallMission();
    const s = eventStops(m);
    expect(s).toContain(1000);
    expect(s).toContain(5000);
    expect(new Set(s).size).toBe(s.length);
  });

  it('the default scenario: the markers a person sees on the timeline', () => {
    const text = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');
    const t = computeResponse({ id: 1, kind: 'trajectory', text });
    const sc = computeResponse({ id: 2, kind: 'score', text });
    if (!t.ok || t.kind !== 'trajectory') throw new Error('trajectory failed');
    if (!sc.ok || sc.kind !== 'score') throw new Error('score failed');
    const m = withScore(
      missionFromTrajectory(t.trajectory, 'skynet5a-inspection.json'),
      sc.report,
      sc.violationTitles,
    );
    const c = m.crafts[0]!;
    expect(c.ephemeris.count).toBeGreaterThanOrEqual(172_800);
    expect(m.events.filter((e) => e.kind === 'burn').length).toBe(
      sc.report.spacecraft[0]!.burns.length,
    );
    expect(m.events.find((e) => e.kind === 'closest-approach')?.tS).toBe(c.minRangeTS);
    // V-bar stand-off 10 km behind: the farthest point of the mission.
    expect(m.extentM).toBeGreaterThan(9_900);
    expect(m.extentM).toBeLessThan(10_500);
    expect(m.epochMs).toBe(Date.parse(m.scenario.epoch));
  });
});

describe('triggered maneuvers on the timeline', () => {
  it('the burn that a trigger started is marked with its condition; other burns are not', () => {
    const s = valid(
      makeScenario(
        { durationS: 40000, stepS: 10 },
        {
          maneuvers: [
            { type: 'impulse', label: 'Nudge', tS: 100, frame: 'RIC', dvMps: [0, 0.01, 0] },
            {
              type: 'impulse',
              label: 'Brake',
              when: 'tS > 5000',
              frame: 'RIC',
              dvMps: [0, -0.01, 0],
            },
          ],
        },
      ),
    );
    const m = buildMission(evaluateScenario(s, { recordEphemeris: true }), 'trigger.json');
    const burns = m.events.filter((e) => e.kind === 'burn');
    expect(burns.map((e) => e.title)).toEqual(['Nudge', 'Brake — triggered']);
    expect(burns[1]!.detail).toMatch(/^when tS > 5000 · /);
    expect(Math.abs(burns[1]!.tS - 5000)).toBeLessThan(0.01);
  });
});

describe('mission view model: a non-cooperative spacecraft', () => {
  it('is marked, and our violation of its keep-out zone names it', () => {
    const s = valid(
      makeScenario(
        { durationS: 3600 },
        { initial: { frame: 'RIC', positionM: [0, -5300, 0], velocityMps: [0, 0, 0] } },
      ),
    );
    s.spacecraft.push({
      id: 'X',
      role: 'non-cooperative',
      keepOut: { shape: 'ellipsoid', semiAxesM: [100, 400, 100] },
      initial: { frame: 'RIC', positionM: [0, -5000, 0], velocityMps: [0, 0, 0] },
      maneuvers: [],
    });
    const m = buildMission(evaluateScenario(valid(s), { recordEphemeris: true }), 'x.json');
    expect(m.crafts.map((c) => c.nonCooperative)).toEqual([false, true]);
    const v = m.events.find((e) => e.kind === 'violation')!;
    expect(v).toMatchObject({ craftId: 'A', title: 'Keep-out violation' });
    expect(v.detail).toContain("in X's keep-out zone");
  });
});
