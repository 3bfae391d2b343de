// The view model of coalitions and warnings: team colours (stable, in order of first
// appearance; a spacecraft's own colour wins), warning-range events on the timeline, and the
// closest approaches ahead between two spacecraft on hand-worked CW geometry: A at rest on V-bar
// at 5 km, B at 6 km with a cross-track oscillation of amplitude 2 km, so that their range is
// sqrt(1000^2 + 2000^2 sin^2(n t)), least (1 km) at n t = pi, 2 pi, ...

import { describe, expect, it } from 'vitest';
import { targetMeanMotionRadPerS } from '../../src/scenario/derived.ts';
import type { SpacecraftSpec } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { approachAhead, approachStreams } from '../../src/view/model/approaches.ts';
import { buildMission } from '../../src/view/model/payload.ts';
import { NO_TEAM_COLOR, TEAM_PALETTE, teamColors } from '../../src/view/model/teams.ts';
import { makeScenario, valid } from '../helpers.ts';

const N = targetMeanMotionRadPerS({ type: 'geo', longitudeDeg: 0 });

function craft(id: string, y: number, vz: number, extra: Partial<SpacecraftSpec> = {}) {
  return {
    id,
    initial: {
      frame: 'RIC' as const,
      positionM: [0, y, 0] as [number, number, number],
      velocityMps: [0, 0, vz] as [number, number, number],
    },
    maneuvers: [],
    ...extra,
  };
}

const s = valid(
  makeScenario({
    durationS: (2.5 * Math.PI) / N,
    stepS: 30,
    warnRangeM: 1500,
    spacecraft: [
      craft('A', 5000, 0, { team: 'US' }),
      craft('B', 6000, 2000 * N, { team: 'FR' }),
      craft('C', -8000, 0, { team: 'US', color: '#123456' }),
      craft('D', -9000, 0),
    ],
  }),
);
const mission = buildMission(evaluateScenario(s, { recordEphemeris: true }), 'test');

describe('team colours', () => {
  it('one per team in order of first appearance; no team grey; own colour wins', () => {
    expect(teamColors(s)).toEqual([
      { team: 'US', color: TEAM_PALETTE[0] },
      { team: 'FR', color: TEAM_PALETTE[1] },
      { team: null, color: NO_TEAM_COLOR },
    ]);
    expect(mission.crafts.map((c) => c.color)).toEqual([
      TEAM_PALETTE[0],
      TEAM_PALETTE[1],
      '#123456',
      NO_TEAM_COLOR,
    ]);
  });
});

describe('warnings in the view', () => {
  it('warning-range crossings are timeline events', () => {
    const w = mission.events.filter((e) => e.kind === 'warning' && e.craftId === 'A');
    // A-B range starts at 1 km (inside 1.5 km), leaves where 2000 sin(n t) = sqrt(1500^2 - 1000^2)
    expect(w.length).toBeGreaterThanOrEqual(2);
    expect(w[0]!.title).toBe('Within 1.50 km of B');
    expect(w[1]!.title).toBe('Beyond 1.50 km of B');
    const tLeave = Math.asin(Math.sqrt(1500 ** 2 - 1000 ** 2) / 2000) / N;
    expect(Math.abs(w[1]!.tS - tLeave)).toBeLessThan(0.05);
  });

  it('the next closest approach between two spacecraft, time to go and miss distance', () => {
    const streams = approachStreams(mission.crafts, 'T');
    const ab = streams.find((x) => x.id === 'A' && x.other === 'B')!;
    expect(ab.otherKind).toBe('spacecraft');
    expect(ab.approaches.map((a) => a.tS / (Math.PI / N))).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(2, 6),
    ]);
    const now = 0.25 * (Math.PI / N);
    const ahead = approachAhead(ab, now, 1500);
    expect(Math.abs(ahead.timeToGoS! - 0.75 * (Math.PI / N))).toBeLessThan(0.05);
    expect(ahead.missM).toBeCloseTo(1000, 2);
    expect(ahead.warn).toBe(true);
    expect(approachAhead(ab, now, 900).warn).toBe(false);
    // A at rest against the target: its range never has a minimum
    const at = streams.find((x) => x.id === 'A' && x.otherKind === 'target')!;
    expect(approachAhead(at, now, 1500)).toEqual({ timeToGoS: null, missM: null, warn: false });
  });
});
