/**
 * Every lesson in scenarios/lessons/: its answer measured on the simulator's own run agrees with
 * the closed form computed here independently (in physical units, tight enough to catch a sign
 * or factor error), with the closed form the lesson file states, and the verdict takes a right
 * answer and refuses a wrong one.
 *
 * References: Clohessy & Wiltshire (1960); Curtis, Orbital Mechanics for Engineering Students,
 * ch. 7; Fehse, Automated Rendezvous and Docking of Spacecraft, ch. 3 (hops, holds, passive
 * safety); the GEO check values and the 6 pi d^2 / R V-bar drift of /work/shared/REFERENCE.md
 * (copied here as numbers); IAU 2015 nominal solar radius for the umbra cone.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { sunPhaseAngleDeg } from '../../src/core/lighting.ts';
import { createSunTable } from '../../src/sim/run.ts';
import { judgeLessonAnswer, LessonError, measureLesson } from '../../src/scoring/lesson.ts';

const DIR = 'scenarios/lessons/';
/** GEO mean motion, rad/s, and radius, m (REFERENCE.md). */
const N = 7.292115864164384e-5;
const R_GEO = 42164169.6;
const EARTH_RADIUS_M = 6378137;

function lessonScenario(name: string): Scenario {
  const r = loadScenario(readFileSync(`${DIR}${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

/**
 * The umbra of a GEO target at the March 2026 equinox, s: the Earth's disk less the Sun's (both
 * seen from GEO) swept at the rate the anti-sun point moves relative to the target (n less the
 * Sun's mean motion along the ecliptic); the Sun at 0.99596 au (20 March), radius 695,700 km.
 */
function equinoxUmbraS(): number {
  const sunDistanceM = 0.99596 * 1.495978707e11;
  const sunAngularRadius = Math.asin(695_700e3 / sunDistanceM);
  const earthAngularRadius = Math.asin(EARTH_RADIUS_M / R_GEO);
  const sunRate = (2 * Math.PI) / (365.2422 * 86400);
  return (2 * (earthAngularRadius - sunAngularRadius)) / (N - sunRate);
}

/** Each lesson's answer, SI, from its closed form here, and how close the run must be. */
const EXPECTED: Record<string, { valueSi: number; toleranceSi: number }> = {
  // at rest 1 km above: y(T/2) = 6 x0 (sin pi - pi)
  'ric-frame': { valueSi: -6 * Math.PI * 1000, toleranceSi: 1e-3 },
  // circular orbit 1 km above: -3 pi x0 per orbit
  'radial-offset-drift': { valueSi: -3 * Math.PI * 1000, toleranceSi: 1e-3 },
  // 0.1 m/s prograde: -6 pi dv / n per orbit
  'prograde-burn': { valueSi: (-6 * Math.PI * 0.1) / N, toleranceSi: 1e-3 },
  // 0.1 m/s radial: -4 dv / n after half an orbit
  'radial-burn': { valueSi: (-4 * 0.1) / N, toleranceSi: 1e-3 },
  // closure at x0 = 1 km: -2 n x0, m/s
  'football-closure': { valueSi: -2 * N * 1000, toleranceSi: 1e-9 },
  // z0 = 500 m, half an orbit later
  'cross-track': { valueSi: -500, toleranceSi: 1e-6 },
  // R-bar hold at 1 km for 24 h: 3 n^2 x t (1.378 m/s), flown within a 10 m deadband
  'hops-and-holds': { valueSi: 3 * N * N * 1000 * 86400, toleranceSi: 0.01 * 1.378 },
  // REFERENCE.md: 10 km -> 1 km along V-bar in 43200 s, total 0.3264872391 m/s
  'two-impulse-targeting': { valueSi: 0.3264872391, toleranceSi: 1e-6 },
  // radial hop from -3 km by 1.5 km, stop burn missed: the loop's nearest point, 1.5 km
  'passive-safety': { valueSi: 1500, toleranceSi: 1e-3 },
  // REFERENCE.md: at rest on V-bar at d drifts 6 pi d^2 / R per orbit in two-body motion
  'cw-vs-nonlinear': { valueSi: (-6 * Math.PI * 1e8) / R_GEO, toleranceSi: 0.01 },
  lighting: { valueSi: equinoxUmbraS(), toleranceSi: 5 },
};

type Answer = NonNullable<Scenario['lesson']>['answer'];

/** The scenario with its lesson's answer changed. */
function withAnswer(s: Scenario, change: (a: Answer) => Answer): Scenario {
  return { ...s, lesson: { ...s.lesson!, answer: change(s.lesson!.answer) } };
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();

describe('lessons', () => {
  it('are the eleven of issue 15, each with an expected value here', () => {
    expect(names).toHaveLength(11);
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(names)("%s: the run, the closed form here and the file's closed form agree", (name) => {
    const m = measureLesson(lessonScenario(name));
    const want = EXPECTED[name]!;
    expect(Math.abs(m.measuredSi - want.valueSi)).toBeLessThanOrEqual(want.toleranceSi);
    // the file's closed form, evaluated with the run's numbers, within the lesson's tolerance
    expect(Math.abs(m.closedFormSi - m.measuredSi)).toBeLessThanOrEqual(m.toleranceSi);
    // the lesson's tolerance catches a sign error
    expect(m.toleranceSi).toBeLessThan(Math.abs(want.valueSi));
  });

  it.each(names)('%s: the verdict takes the right answer and refuses a sign error', (name) => {
    const s = lessonScenario(name);
    const m = measureLesson(s);
    const q = s.lesson!.question;
    if (q.kind === 'choice') {
      expect(m.correctChoice).not.toBeNull();
      expect(judgeLessonAnswer(m, m.correctChoice!).correct).toBe(true);
      expect(judgeLessonAnswer(m, (m.correctChoice! + 1) % q.choices.length).correct).toBe(false);
      return;
    }
    const unitSi = { m: 1, km: 1000, 'm/s': 1, 'mm/s': 1e-3, s: 1, min: 60, h: 3600 }[q.unit];
    // the student's answer: the closed form here, to three significant figures
    const answer = Number((EXPECTED[name]!.valueSi / unitSi).toPrecision(3));
    const right = judgeLessonAnswer(m, answer);
    expect(right.correct).toBe(true);
    expect(right.closedFormAgrees).toBe(true);
    expect(judgeLessonAnswer(m, -answer).correct).toBe(false);
    expect(judgeLessonAnswer(m, Number.NaN).correct).toBe(false);
  });

  it('ric-frame: the right choice is "behind" (-I)', () => {
    const s = lessonScenario('ric-frame');
    const m = measureLesson(s);
    const q = s.lesson!.question;
    expect(q.kind === 'choice' && q.choices[m.correctChoice!]!.text).toContain('Behind');
  });

  it('hops-and-holds: the V-bar hold costs nothing in CW', () => {
    const s = withAnswer(lessonScenario('hops-and-holds'), (a) => ({
      ...a,
      measure: { ...a.measure, spacecraft: 'vbar' },
    }));
    expect(measureLesson(s).measuredSi).toBeLessThan(1e-6);
  });

  it('passive-safety: the tangential hop with its stop burn missed reaches the target', () => {
    const s = withAnswer(lessonScenario('passive-safety'), (a) => ({
      ...a,
      measure: { ...a.measure, spacecraft: 'tangential' },
    }));
    // two orbits of 1.5 km drift from 3 km behind: at the target (CW), to the RK4 error
    expect(measureLesson(s).measuredSi).toBeLessThan(1e-3);
  });

  it('lighting: the dusk step puts the sun behind the inspector (phase angle below 1 deg)', () => {
    const s = lessonScenario('lighting');
    const duskS = s.lesson!.steps[1]!.set!.tS!;
    const sun = createSunTable(s)!;
    const dir = new Float64Array(3);
    sun.targetSunRic(duskS, dir);
    expect(sunPhaseAngleDeg(dir, [0, -1000, 0])).toBeLessThan(1);
    // and half a day later, local dawn, the inspector looks into the sun
    sun.targetSunRic(duskS + 43082, dir);
    expect(sunPhaseAngleDeg(dir, [0, -1000, 0])).toBeGreaterThan(179);
  });

  it('cw-vs-nonlinear: the CW run stays put, the nonlinear one drifts behind', () => {
    const m = measureLesson(lessonScenario('cw-vs-nonlinear'));
    expect(m.byModel.map((b) => b.model)).toEqual(['nonlinear', 'cw']);
    expect(Math.abs(m.byModel[1]!.valueSi + 10000)).toBeLessThan(1e-6);
    expect(m.paths).toHaveLength(2);
  });

  it('a closed form that does not compile is an error at its JSON path', () => {
    const bad = withAnswer(lessonScenario('radial-burn'), (a) => ({
      ...a,
      closedForm: { ...a.closedForm, expression: '-4 * dv / n' },
    }));
    expect(() => measureLesson(bad)).toThrow(LessonError);
    expect(() => measureLesson(bad)).toThrow(
      /^lesson\.answer\.closedForm\.expression: .*unknown name 'dv'/,
    );
  });
});
