// What-if edits (src/editing/whatif.ts): a blank scenario that loads, another spacecraft, the
// initial state and an impulse's delta-v changed with every other byte of the text kept.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/editing/document.ts';
import {
  addSpacecraft,
  blankScenarioText,
  impulsesOf,
  initialRic,
  pushInitial,
  setImpulseDv,
  setInitial,
  sliderSpan,
} from '../../src/editing/whatif.ts';
import { runScenario } from '../../src/sim/run.ts';

const radialDrift = readFileSync('scenarios/radial-drift.json', 'utf8');

/** The scenario of a text that must load. */
function load(text: string) {
  const d = loadDocument(text);
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return d.scenario;
}

describe('a new scenario', () => {
  it('loads: one spacecraft at rest 1 km behind a GEO target, no maneuvers, one orbit of CW', () => {
    const s = load(blankScenarioText());
    expect(s.dynamics).toBe('cw');
    expect(s.target.orbit).toEqual({ type: 'geo', longitudeDeg: 0 });
    expect(s.spacecraft).toHaveLength(1);
    expect(s.spacecraft[0]!.initial).toEqual({
      frame: 'RIC',
      positionM: [0, -1000, 0],
      velocityMps: [0, 0, 0],
    });
    // At rest on V-bar stays at rest in CW.
    const run = runScenario(s, { recordEphemeris: true });
    const e = run.spacecraft[0]!.ephemeris!;
    const k = 6 * (e.count - 1);
    expect(e.stateRic[k + 1]).toBeCloseTo(-1000, 6);
  });

  it('a radial push of 0.1 m/s: the 2:1 ellipse, 4 dv / n behind after half an orbit', () => {
    const text = pushInitial(blankScenarioText(), 0, 0, 0.1);
    const s = load(text);
    expect(s.spacecraft[0]!.initial).toMatchObject({ velocityMps: [0.1, 0, 0] });
    const run = runScenario(s, { recordEphemeris: true });
    const e = run.spacecraft[0]!.ephemeris!;
    const n = (2 * Math.PI) / 86164.0905;
    const half = new Float64Array(6);
    e.stateAt(Math.PI / n, half);
    // CW closed form: y(t) = y0 + 2 (dv/n)(cos nt - 1); x(t) = (dv/n) sin nt. Sign: behind (-I).
    expect(half[1]! - -1000).toBeCloseTo((-4 * 0.1) / n, 0);
    expect(half[0]).toBeCloseTo(0, 0);
  });
});

describe('what-if edits', () => {
  it('adds spacecraft with free ids, each 1 km further behind', () => {
    const one = addSpacecraft(blankScenarioText());
    const two = addSpacecraft(one);
    const s = load(two);
    expect(s.spacecraft.map((c) => c.id)).toEqual(['chaser', 'craft-2', 'craft-3']);
    expect(s.spacecraft.map((c) => (c.initial as { positionM: number[] }).positionM[1])).toEqual([
      -1000, -2000, -3000,
    ]);
    expect(two.startsWith(blankScenarioText().slice(0, 200))).toBe(true);
  });

  it('sets and pushes the RIC initial state, changing nothing else in the text', () => {
    const t1 = setInitial(radialDrift, 0, 'positionM', 0, 250);
    expect(initialRic(t1, 0)!.positionM[0]).toBe(250);
    expect(t1.split('\n').length).toBe(radialDrift.split('\n').length);
    const t2 = pushInitial(pushInitial(t1, 0, 1, 0.1), 0, 1, 0.1);
    expect(initialRic(t2, 0)!.velocityMps[1]).toBe(
      Math.round((initialRic(radialDrift, 0)!.velocityMps[1]! + 0.2) * 1e6) / 1e6,
    );
    expect(setInitial(radialDrift, 0, 'positionM', 0, Number.NaN)).toBe(radialDrift);
  });

  it('moves an impulse delta-v component', () => {
    const text = withImpulse();
    const list = impulsesOf(text, 0);
    expect(list).toHaveLength(1);
    const moved = setImpulseDv(text, 0, list[0]!.maneuverIndex, 2, -0.05);
    expect(impulsesOf(moved, 0)[0]!.dvMps).toEqual([0.1, 0, -0.05]);
    load(moved);
  });

  it('gives sliders round ends at least twice the value', () => {
    expect(sliderSpan(0, 0.5)).toBe(0.5);
    expect(sliderSpan(0.3, 0.5)).toBe(1);
    expect(sliderSpan(-1000, 2000)).toBe(2000);
    expect(sliderSpan(-3000, 2000)).toBe(10000);
    expect(sliderSpan(Number.NaN, 2000)).toBe(2000);
  });
});

/** A new scenario with one impulse of [0.1, 0, 0] m/s at 600 s. */
function withImpulse(): string {
  const s = JSON.parse(blankScenarioText()) as {
    spacecraft: { maneuvers: unknown[] }[];
  };
  s.spacecraft[0]!.maneuvers.push({ type: 'impulse', tS: 600, frame: 'RIC', dvMps: [0.1, 0, 0] });
  return JSON.stringify(s, null, 2);
}
