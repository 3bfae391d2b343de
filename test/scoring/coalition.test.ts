// Coalitions, provenance and range warnings (issue 14 items 2 and 6): the scenario keys and their
// errors, team scores and separations, provenance in the report and summary, and warning-range
// crossings on hand-worked CW geometry.
//
// Warning geometry (CW, GEO target, n = sqrt(mu / a^3)): a spacecraft at rest on V-bar at
// y0 with a cross-track rate vz flies x = 0, y = y0, z = (vz / n) sin(n t) exactly (the
// cross-track motion is decoupled), so its range is sqrt(y0^2 + A^2 sin^2(n t)), A = vz / n.
// With warnRangeM = W the range equals W where sin^2(n t) = (W^2 - y0^2) / A^2.

import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import { closestApproaches, nextClosestApproach } from '../../src/events/warnings.ts';
import { targetMeanMotionRadPerS } from '../../src/scenario/derived.ts';
import type { Scenario, SpacecraftSpec } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { runScenario } from '../../src/sim/run.ts';
import { makeScenario, valid } from '../helpers.ts';

const N = targetMeanMotionRadPerS({ type: 'geo', longitudeDeg: 0 });
const PERIOD_S = (2 * Math.PI) / N;

function craft(
  id: string,
  positionM: [number, number, number],
  extra: Partial<SpacecraftSpec> = {},
) {
  const v: [number, number, number] = [0, 0, 0];
  return {
    id,
    initial: { frame: 'RIC' as const, positionM, velocityMps: v },
    maneuvers: [],
    ...extra,
  };
}

/** A spacecraft on V-bar at y0 with a cross-track oscillation of amplitude A, m. */
function crossTrack(id: string, y0: number, amplitudeM: number): SpacecraftSpec {
  return {
    id,
    initial: { frame: 'RIC', positionM: [0, y0, 0], velocityMps: [0, 0, amplitudeM * N] },
    maneuvers: [],
  };
}

function issuesOf(s: unknown) {
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

describe('scenario keys: team, provenance, warnRangeM', () => {
  it('are accepted, a source as text or a list', () => {
    const s = makeScenario({
      warnRangeM: 5000,
      provenance: {
        author: 'A. Planner',
        organization: 'Training wing',
        source: ['https://example.org/a', 'Book, p. 3'],
        marking: 'UNCLASSIFIED // TRAINING',
        license: 'CC-BY-4.0',
      },
    });
    s.spacecraft[0]!.team = 'US';
    expect(issuesOf(s)).toEqual([]);
    expect(issuesOf({ ...s, provenance: { source: 'one reference' } })).toEqual([]);
  });

  it.each([
    ['provenance.marking', (s: any) => (s.provenance = { marking: 5 }), /marking/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['provenance.autor', (s: any) => (s.provenance = { autor: 'x' }), /did you mean "author"/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['provenance.source', (s: any) => (s.provenance = { source: 3 }), /list of URLs/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['spacecraft[0].team', (s: any) => (s.spacecraft[0].team = ''), /team name/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['warnRangeM', (s: any) => (s.warnRangeM = -1), /warning range in m > 0/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('%s: a clear error naming the path', (path, edit, message) => {
    const s = JSON.parse(JSON.stringify(makeScenario()));
    edit(s);
    const issues = issuesOf(s);
    const hit = issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });
});

describe('teams', () => {
  // A and B (US) hold on V-bar outside the keep-out sphere; C (UK) holds inside it all run.
  const s: Scenario = valid(
    makeScenario({
      durationS: 3600,
      stepS: 60,
      target: {
        name: 'T',
        orbit: { type: 'geo', longitudeDeg: 0 },
        keepOut: { shape: 'sphere', radiusM: 3000 },
      },
      spacecraft: [
        craft('A', [0, -10000, 0], { team: 'US' }),
        craft('C', [0, 2000, 0], { team: 'UK' }),
        craft('B', [0, -12000, 0], { team: 'US' }),
      ],
    }),
  );
  const report = buildReport(evaluateScenario(s));

  it('one overall score per team, by the plan formula over its members', () => {
    expect(report.teams?.map((t) => [t.team, t.spacecraft])).toEqual([
      ['US', ['A', 'B']],
      ['UK', ['C']],
    ]);
    const [us, uk] = report.teams!;
    // US: no violation -> 65 + 15 + 20; UK: keep-out (its only stated constraint) fails -> 0 + 15 + 20
    expect(us!.score.overall).toBe(100);
    expect(uk!.score.safety).toBe(0);
    expect(uk!.score.overall).toBe(35);
    expect(report.score.overall).toBe(35);
  });

  it('the closest approach between the teams, with the two spacecraft', () => {
    // at rest: A-C 12 km, B-C 14 km
    expect(report.teamSeparations).toHaveLength(1);
    const sep = report.teamSeparations![0]!;
    expect(sep.teams).toEqual(['US', 'UK']);
    expect(sep.minRange.ids).toEqual(['A', 'C']);
    expect(sep.minRange.rangeM).toBeCloseTo(12000, 6);
  });

  it('an objective naming a member counts for its team only', () => {
    const withObjective = valid({
      ...s,
      objectives: [
        { type: 'observe', spacecraft: 'C', rangeBandM: [10, 20], maxPhaseDeg: 90, requiredS: 60 },
      ],
    });
    const r = buildReport(evaluateScenario(withObjective));
    // not met (C never within 20 m): UK loses the 20 objective points, US keeps them
    expect(r.teams!.find((t) => t.team === 'US')!.score.objectives).toBe(20);
    expect(r.teams!.find((t) => t.team === 'UK')!.score.objectives).toBe(0);
  });

  it('the summary groups by team', () => {
    const text = formatSummary(report);
    expect(text).toMatch(/Teams\n {2}US +SCORE 100\.0 \/ 100 .* A, B\n {2}UK +SCORE 35\.0/);
    expect(text).toMatch(/US \/ UK: min range 12000\.000 m at t\+.* \(A \/ C\)/);
    expect(text).toContain('\nC  (team UK)\n');
  });

  it('no teams: no team fields', () => {
    const r = buildReport(evaluateScenario(valid(makeScenario({ durationS: 600 }))));
    expect(r.teams).toBeUndefined();
    expect(r.teamSeparations).toBeUndefined();
  });
});

describe('provenance', () => {
  it('is copied into the report and summary', () => {
    const provenance = {
      author: 'A. Planner',
      source: ['https://example.org/a', 'Book, p. 3'],
      marking: 'UNCLASSIFIED // TRAINING',
      license: 'CC-BY-4.0',
    };
    const r = buildReport(evaluateScenario(valid(makeScenario({ durationS: 600, provenance }))));
    expect(r.provenance).toEqual(provenance);
    const text = formatSummary(r);
    expect(text).toContain('MARKING UNCLASSIFIED // TRAINING');
    expect(text).toContain('source  https://example.org/a\n  source  Book, p. 3');
    expect(text).toContain('license CC-BY-4.0');
  });
});

describe('range warnings', () => {
  const y0 = 1000;
  const A = 2000;

  it('entering and leaving the warning range of the target, at the hand-worked times', () => {
    const W = Math.SQRT2 * 1000; // sin^2(n t) = 1/4: n t = pi/6, 5 pi/6, 7 pi/6, 11 pi/6
    const s = valid(
      makeScenario({
        durationS: PERIOD_S,
        stepS: 10,
        warnRangeM: W,
        spacecraft: [crossTrack('A', y0, A)],
      }),
    );
    const r = buildReport(evaluateScenario(s));
    const ev = r.warnings!.events;
    expect(r.warnings!.warnRangeM).toBe(W);
    expect(ev.map((e) => e.event)).toEqual(['enter', 'leave', 'enter', 'leave', 'enter']);
    const expected = [0, 1, 5, 7, 11].map((k) => (k * Math.PI) / 6 / N);
    ev.forEach((e, i) => {
      expect(e.id).toBe('A');
      expect(e.other).toBe('T');
      expect(e.otherKind).toBe('target');
      expect(Math.abs(e.tS - expected[i]!)).toBeLessThan(0.05);
    });
    expect(ev[0]!.rangeM).toBeCloseTo(y0, 6);
    for (const e of ev.slice(1)) expect(Math.abs(e.rangeM - W)).toBeLessThan(1e-3);
    expect(formatSummary(r)).toMatch(/A leaves the warning range of target T \(range 1414\.2 m\)/);
  });

  it('a pass in and out between two nodes is seen', () => {
    // range min y0 at n t = pi; W = y0 + 0.1 m: inside for about +-97 s around t = pi / n
    // (43082 s), which falls between the nodes 42600 s and 43200 s at 600 s steps
    const W = y0 + 0.1;
    const tMin = Math.PI / N;
    const half = Math.asin(Math.sqrt((W * W - y0 * y0) / (A * A))) / N;
    expect(Math.floor((tMin - half) / 600)).toBe(Math.floor((tMin + half) / 600));
    const s = valid(
      makeScenario({
        durationS: 50_000,
        stepS: 600,
        warnRangeM: W,
        spacecraft: [crossTrack('A', y0, A)],
      }),
    );
    const ev = evaluateScenario(s).warnings!;
    // starts inside (range y0 < W at t = 0), leaves at `half`, then the pass around pi / n
    expect(ev.map((e) => e.event)).toEqual(['enter', 'leave', 'enter', 'leave']);
    expect(Math.abs(ev[1]!.tS - half)).toBeLessThan(0.5);
    expect(Math.abs(ev[2]!.tS - (tMin - half))).toBeLessThan(0.5);
    expect(Math.abs(ev[3]!.tS - (tMin + half))).toBeLessThan(0.5);
  });

  it('between two spacecraft, not only against the target', () => {
    // A at rest 5 km along V-bar; B oscillates across track around A: pair range 2000 |sin(n t)|
    const s = valid(
      makeScenario({
        durationS: PERIOD_S / 2,
        stepS: 10,
        warnRangeM: 1000,
        spacecraft: [craft('A', [0, 5000, 0]), crossTrack('B', 5000, A)],
      }),
    );
    const ev = evaluateScenario(s).warnings!;
    expect(ev.map((e) => [e.id, e.other, e.otherKind, e.event])).toEqual([
      ['A', 'B', 'spacecraft', 'enter'],
      ['A', 'B', 'spacecraft', 'leave'],
      ['A', 'B', 'spacecraft', 'enter'],
    ]);
    expect(Math.abs(ev[1]!.tS - Math.PI / 6 / N)).toBeLessThan(0.05);
    expect(Math.abs(ev[2]!.tS - (5 * Math.PI) / 6 / N)).toBeLessThan(0.05);
  });

  it('no warnRangeM: no warnings field', () => {
    const r = buildReport(evaluateScenario(valid(makeScenario({ durationS: 600 }))));
    expect(r.warnings).toBeUndefined();
  });
});

describe('closest approaches ahead (the HUD warning)', () => {
  const s = valid(
    makeScenario({
      durationS: 1.6 * PERIOD_S,
      stepS: 30,
      spacecraft: [crossTrack('A', 1000, 2000)],
    }),
  );
  const eph = runScenario(s, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
  const cas = closestApproaches(eph.tS, eph.stateRic, eph.count);

  it('every range minimum: n t = pi, 2 pi, 3 pi at the V-bar offset', () => {
    expect(cas).toHaveLength(3);
    cas.forEach((c, i) => {
      expect(Math.abs(c.tS - ((i + 1) * Math.PI) / N)).toBeLessThan(0.05);
      expect(c.rangeM).toBeCloseTo(1000, 3);
    });
  });

  it('the next one after now: time to go and miss distance', () => {
    const now = 0.6 * PERIOD_S; // n t = 1.2 pi: next minimum at 2 pi
    const next = nextClosestApproach(cas, now)!;
    expect(Math.abs(next.tS - now - 0.8 * (Math.PI / N))).toBeLessThan(0.05);
    expect(next.rangeM).toBeCloseTo(1000, 3);
    expect(nextClosestApproach(cas, cas[2]!.tS)).toBeNull();
  });

  it('a range still closing at the end has no closest approach', () => {
    const closing = valid(
      makeScenario(
        { durationS: 600, stepS: 10 },
        { initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0.1, 0] } },
      ),
    );
    const e = runScenario(closing, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
    expect(closestApproaches(e.tS, e.stateRic, e.count)).toEqual([]);
  });
});
