// Safety constraints on the one event mechanism (signed distance g, roots between steps), each
// against a case worked by hand: straight-line relative motion, where the cubic Hermite
// interpolant is exact, so every entry time has a closed form. Sources: Fehse, Automated
// Rendezvous and Docking of Spacecraft, sec. 4.2 (keep-out zones, corridors, braking profiles).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClosingSpeedDetector } from '../../src/constraints/closingSpeed.ts';
import { CorridorDetector } from '../../src/constraints/corridor.ts';
import { EllipsoidDetector, type Detector } from '../../src/events/detectors.ts';
import { StreamMonitor } from '../../src/events/monitor.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

/** Feeds a straight line p0 + v t (RIC) sampled every stepS into a monitor. */
function straightLine(detector: Detector, p0: number[], v: number[], endS: number, stepS: number) {
  const m = new StreamMonitor([detector]);
  const at = (t: number) => [p0[0]! + v[0]! * t, p0[1]! + v[1]! * t, p0[2]! + v[2]! * t, ...v];
  m.begin(0, at(0));
  for (let k = 1; k * stepS <= endS; k++) m.advance(k * stepS, at(k * stepS));
  m.finish(endS);
  return m.tracks[0]!;
}

describe('approach corridor (cone about -I, half-angle 10 deg, within 1000 m)', () => {
  const corridor = () => new CorridorDetector([0, -1, 0], 10, 1000);

  it('a straight V-bar approach on the axis stays inside', () => {
    const track = straightLine(corridor(), [0, -2000, 0], [0, 0.1, 0], 19000, 30);
    expect(track.intervals).toEqual([]);
    expect(track.worstMargin).toBeCloseTo(10, 9);
  });

  it('the same approach 50 m off the axis leaves the cone at |I| = 50 / tan(10 deg)', () => {
    const b = 50;
    const v = 0.1;
    const track = straightLine(corridor(), [b, -2000, 0], [0, v, 0], 18900, 30);
    const yLeave = b / Math.tan((10 * Math.PI) / 180);
    const tLeave = (2000 - yLeave) / v;
    expect(track.intervals).toHaveLength(1);
    expect(Math.abs(track.intervals[0]!.startS - tLeave)).toBeLessThan(0.01);
    expect(track.intervals[0]!.endS).toBe(18900);
    // the line ends at I = -110 m: 24.4 deg off the axis
    expect(track.worstMargin).toBeCloseTo(10 - (Math.atan2(50, 110) * 180) / Math.PI, 6);
  });

  it('off the axis but outside withinM: no violation until 1000 m', () => {
    const track = straightLine(corridor(), [300, -2000, 0], [0, 0.1, 0], 12000, 60);
    // at 1000 m range the angle is asin(300 / 1000) = 17.46 deg > 10: violated from the 1000 m sphere
    const tEnter = (2000 - Math.sqrt(1000 ** 2 - 300 ** 2)) / 0.1;
    expect(Math.abs(track.intervals[0]!.startS - tEnter)).toBeLessThan(0.01);
  });
});

describe('closing-speed gates (braking profile)', () => {
  it('0.1 m/s straight in against max = 0.2 m/s per km: violated below 500 m', () => {
    const gates = [
      { rangeM: 0, maxMps: 0 },
      { rangeM: 1000, maxMps: 0.2 },
    ];
    const track = straightLine(
      new ClosingSpeedDetector(gates),
      [0, -2000, 0],
      [0, 0.1, 0],
      18000,
      60,
    );
    const tGate = (2000 - 500) / 0.1;
    expect(track.intervals).toHaveLength(1);
    expect(Math.abs(track.intervals[0]!.startS - tGate)).toBeLessThan(0.01);
  });

  it('interpolates between gates and holds the end values beyond them', () => {
    const d = new ClosingSpeedDetector([
      { rangeM: 1000, maxMps: 0.2 },
      { rangeM: 100, maxMps: 0.02 },
    ]);
    expect(d.allowedMps(550)).toBeCloseTo(0.11, 12);
    expect(d.allowedMps(50)).toBe(0.02);
    expect(d.allowedMps(5000)).toBe(0.2);
    // receding: closing speed negative, never a violation
    expect(d.g([0, -500, 0, 0, -0.5, 0])).toBeGreaterThan(0);
  });

  it('an impulse that starts a fast approach violates at the burn instant', () => {
    const m = new StreamMonitor([new ClosingSpeedDetector([{ rangeM: 1000, maxMps: 0.05 }])]);
    m.begin(0, [0, -800, 0, 0, 0, 0]);
    m.advance(10, [0, -800, 0, 0, 0, 0]);
    m.jump(10, [0, -800, 0, 0, 0.2, 0]);
    m.advance(20, [0, -798, 0, 0, 0.2, 0]);
    m.jump(20, [0, -798, 0, 0, 0, 0]);
    m.finish(30);
    expect(m.tracks[0]!.intervals).toEqual([{ startS: 10, endS: 20 }]);
  });
});

describe('keep-out ellipsoid and approach ellipsoid', () => {
  it('a pass along I at R = 0 enters a [100, 400, 100] m ellipsoid at |I| = 400', () => {
    const track = straightLine(
      new EllipsoidDetector('keep-out', [100, 400, 100]),
      [0, -1000, 0],
      [0, 0.5, 0],
      4000,
      100,
    );
    expect(track.intervals).toHaveLength(1);
    expect(Math.abs(track.intervals[0]!.startS - 600 / 0.5)).toBeLessThan(0.01);
    expect(Math.abs(track.intervals[0]!.endS - 1400 / 0.5)).toBeLessThan(0.01);
  });

  it('a pass at R = 80 m grazes it where (80/100)^2 + (y/400)^2 = 1', () => {
    const track = straightLine(
      new EllipsoidDetector('keep-out', [100, 400, 100]),
      [80, -1000, 0],
      [0, 0.5, 0],
      4000,
      100,
    );
    const y = 400 * Math.sqrt(1 - 0.64);
    expect(Math.abs(track.intervals[0]!.startS - (1000 - y) / 0.5)).toBeLessThan(0.01);
    expect(Math.abs(track.intervals[0]!.endS - (1000 + y) / 0.5)).toBeLessThan(0.01);
  });

  it('in a run: unapproved spacecraft violate the approach ellipsoid, approved ones do not', () => {
    const base = makeScenario(
      {
        durationS: 43200,
        constraints: { approachEllipsoid: { semiAxesM: [1000, 2000, 1000] } },
      },
      {
        maneuvers: [{ type: 'transfer', tS: 0, durationS: 30000, toPositionM: [0, -1500, 0] }],
      },
    );
    const unapproved = evaluateScenario(valid(base), { skipPassiveSafety: true });
    const kinds = unapproved.spacecraft[0]!.violations.map((v) => v.kind);
    expect(kinds).toEqual(['approach-ellipsoid']);
    base.spacecraft[0]!.approachApproved = true;
    expect(
      evaluateScenario(valid(base), { skipPassiveSafety: true }).spacecraft[0]!.violations,
    ).toEqual([]);
  });
});

describe('separation between spacecraft', () => {
  it('B drifting 100 m below A violates a 150 m separation for 2 sqrt(150^2 - 100^2) / v', () => {
    const n = REF.nRadPerS;
    const v = 1.5 * n * 100;
    const s = makeScenario({ durationS: 100000, stepS: 300, constraints: { separationM: 150 } });
    s.spacecraft = [
      {
        id: 'A',
        initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [],
      },
      {
        id: 'B',
        initial: { frame: 'RIC', positionM: [-100, -1800, 0], velocityMps: [0, v, 0] },
        maneuvers: [],
      },
    ];
    const e = evaluateScenario(valid(s), { skipPassiveSafety: true });
    const tca = 800 / v;
    const half = Math.sqrt(150 ** 2 - 100 ** 2) / v;
    for (const c of e.spacecraft) {
      const sep = c.violations.filter((x) => x.kind === 'separation');
      expect(sep).toHaveLength(1);
      expect(Math.abs(sep[0]!.startS - (tca - half))).toBeLessThan(0.01);
      expect(Math.abs(sep[0]!.endS - (tca + half))).toBeLessThan(0.01);
      const k = c.constraints.find((x) => x.kind === 'separation')!;
      expect(k.pass).toBe(false);
      expect(k.worstMargin).toBeCloseTo(-50, 4);
    }
  });
});

describe('passive safety (free drift for N orbits if a burn fails)', () => {
  const n = REF.nRadPerS;

  it('an R-bar hold point at rest, 100 m below: the drift falls away, worst range is the hold range', () => {
    const s = valid(
      makeScenario(
        { durationS: 3600, constraints: { passiveSafety: { orbits: 1, minRangeM: 50 } } },
        { initial: { frame: 'RIC', positionM: [-100, 0, 0], velocityMps: [0, 0, 0] } },
      ),
    );
    const e = evaluateScenario(s);
    // CW: x(t) = -100 (4 - 3 cos nt) <= -100, so the range never drops below 100 m
    expect(e.spacecraft[0]!.passiveSafety.worstRangeM).toBeCloseTo(100, 6);
    expect(e.spacecraft[0]!.violations).toEqual([]);
  });

  it('a drift aimed through the target collides if the braking burn fails; that burn is named', () => {
    // Built backwards from a pass through the target at 0.05 m/s: 3 h before it, the inspector
    // brakes to rest in RIC. If that burn fails, the free drift hits the target.
    const atHit = [0, 0, 0, 0.01, 0.05, 0];
    const x0 = Array.from(cwPropagateBack(atHit, 6 * 3600));
    const s = makeScenario(
      {
        durationS: 20000,
        stepS: 10,
        constraints: { passiveSafety: { orbits: 1, minRangeM: 100 } },
      },
      {
        initial: {
          frame: 'RIC',
          positionM: [x0[0]!, x0[1]!, x0[2]!],
          velocityMps: [x0[3]!, x0[4]!, x0[5]!],
        },
        maneuvers: [{ type: 'impulse', tS: 3 * 3600, frame: 'RIC', dvMps: [0, 0, 0] }],
      },
    );
    // the braking burn cancels the velocity at 3 h (computed from the closed form)
    const at3h = cwPropagateBack(atHit, 3 * 3600);
    s.spacecraft[0]!.maneuvers = [
      { type: 'impulse', tS: 3 * 3600, frame: 'RIC', dvMps: [-at3h[3]!, -at3h[4]!, -at3h[5]!] },
    ];
    const e = evaluateScenario(valid(s));
    const ps = e.spacecraft[0]!.passiveSafety;
    expect(ps.worstRangeM).toBeLessThan(1);
    expect(ps.worstBurnIndex).toBe(0);
    expect(e.spacecraft[0]!.violations.map((v) => v.kind)).toContain('passive-safety');
    // the plan as flown is safe: it stops short
    expect(e.run.spacecraft[0]!.minRangeM).toBeGreaterThan(100);
  });

  it.each([1000, 3000])(
    'a %i m football: passive-safety worst range is the football amplitude',
    (A) => {
      const s = valid(
        makeScenario(
          {
            durationS: 50000,
            stepS: 20,
            constraints: { passiveSafety: { orbits: 1, minRangeM: 200 } },
          },
          {
            initial: { frame: 'RIC', positionM: [0, 2 * A, 0], velocityMps: [0, 0, 0] },
            maneuvers: [{ type: 'football', tS: 1000, amplitudeM: A }],
          },
        ),
      );
      const ps = evaluateScenario(s).spacecraft[0]!.passiveSafety;
      // before the entry burn the drift is the V-bar point at rest (range 2A); after it, the football
      expect(ps.worstRangeM).toBeCloseTo(A, 3);
      expect(ps.worstBurnIndex).toBeNull();
    },
  );

  function cwPropagateBack(state: number[], dtS: number): Float64Array {
    // closed-form CW backwards in time (negative elapsed time)
    const nt = -n * dtS;
    const sn = Math.sin(nt);
    const c = Math.cos(nt);
    const [x, y, z, xd, yd, zd] = state as [number, number, number, number, number, number];
    return Float64Array.from([
      (4 - 3 * c) * x + (sn / n) * xd + (2 / n) * (1 - c) * yd,
      6 * (sn - nt) * x + y + (2 / n) * (c - 1) * xd + ((4 * sn) / n - 3 * -dtS) * yd,
      c * z + (sn / n) * zd,
      3 * n * sn * x + c * xd + 2 * sn * yd,
      6 * n * (c - 1) * x - 2 * sn * xd + (4 * c - 3) * yd,
      -n * sn * z + c * zd,
    ]);
  }
});

describe('budget and score', () => {
  it('spending past the delta-v budget is a budget violation from the burn that crossed it', () => {
    const s = valid(
      makeScenario(
        { durationS: 20000 },
        {
          budget: { dvMps: 0.25 },
          massKg: 500,
          ispS: 220,
          maneuvers: [
            { type: 'impulse', tS: 100, frame: 'RIC', dvMps: [0.2, 0, 0] },
            { type: 'impulse', tS: 5000, frame: 'RIC', dvMps: [0, 0.1, 0] },
          ],
        },
      ),
    );
    const e = evaluateScenario(s, { skipPassiveSafety: true });
    const c = e.spacecraft[0]!;
    expect(c.violations).toEqual([{ kind: 'budget', startS: 5000, endS: 20000 }]);
    // rocket equation: m0 (1 - exp(-dv / (Isp g0)))
    expect(c.budget.propellantKg).toBeCloseTo(500 * (1 - Math.exp(-0.3 / (220 * 9.80665))), 9);
    expect(e.score.efficiency).toBe(0);
  });

  it('the score follows the documented formula', () => {
    // keep-out violated (25 of 25 keep-out points lost), no other safety constraint stated,
    // within a 1 m/s budget after spending 0.2 m/s, no objectives:
    // safety 0, efficiency 15 (1 - 0.5 * 0.2 / 1) = 13.5, objectives 20 -> 33.5
    const s = valid(
      makeScenario(
        {
          durationS: 20000,
          target: {
            name: 'T',
            orbit: { type: 'geo', longitudeDeg: 0 },
            keepOut: { shape: 'sphere', radiusM: 20000 },
          },
        },
        {
          budget: { dvMps: 1 },
          maneuvers: [{ type: 'impulse', tS: 100, frame: 'RIC', dvMps: [0.2, 0, 0] }],
        },
      ),
    );
    const e = evaluateScenario(s, { skipPassiveSafety: true });
    expect(e.score).toMatchObject({ safety: 0, efficiency: 13.5, objectives: 20, overall: 33.5 });
  });
});

describe('the examples in scenarios/', () => {
  const evaluate = (f: string) => {
    const r = loadScenario(readFileSync(`scenarios/${f}`, 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return evaluateScenario(r.scenario);
  };

  it("the default SKYNET-5A inspection states a planner's constraints and objectives, and passes them", () => {
    const e = evaluate('skynet5a-inspection.json');
    const c = e.spacecraft[0]!;
    expect(c.violations).toEqual([]);
    expect(c.constraints.map((k) => k.kind).sort()).toEqual([
      'budget',
      'closing-speed',
      'keep-out',
      'passive-safety',
    ]);
    expect(c.constraints.every((k) => k.pass)).toBe(true);
    expect(e.objectives.length).toBeGreaterThanOrEqual(2);
    expect(e.objectives.every((o) => o.met)).toBe(true);
    expect(e.score.overall).toBeGreaterThan(90);
  });

  it.each([
    ['close-flyby.json', 'keep-out'],
    ['violation-corridor.json', 'corridor'],
    ['violation-closing-speed.json', 'closing-speed'],
    ['violation-passive-safety.json', 'passive-safety'],
    ['violation-separation.json', 'separation'],
    ['violation-budget.json', 'budget'],
    ['violation-approach-ellipsoid.json', 'approach-ellipsoid'],
  ])('%s fails for %s and nothing else', (file, kind) => {
    const e = evaluate(file);
    const kinds = new Set(e.spacecraft.flatMap((c) => c.violations.map((v) => v.kind)));
    expect([...kinds]).toEqual([kind]);
    expect(e.score.overall).toBeLessThan(100);
  });
});
