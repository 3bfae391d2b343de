/**
 * A lesson's answer measured on the simulator's own run, its closed form evaluated with the
 * run's numbers, and the verdict on a student's answer (the `lesson` block: src/scenario/lesson.ts).
 *
 * The scenario is flown as written (and, with `relativeTo`, once more in the other model); the
 * quantity is read from the recorded ephemeris by cubic Hermite interpolation (the same dense
 * output the event detectors use), a least range is refined between samples by golden-section
 * search, a delta-v is summed from the burns flown, and umbra time comes from the target's
 * shadow passages. The closed form is compiled from the lesson's expression and evaluated with
 * the run's initial state, first burn and target orbit, so that neither number is a constant
 * written in the file.
 *
 * References: [1] Clohessy & Wiltshire (1960); [2] Curtis, Orbital Mechanics for Engineering
 * Students, ch. 7; [3] Fehse, Automated Rendezvous and Docking of Spacecraft, ch. 3.
 */

import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { eclipseIntervals } from '../core/lighting.ts';
import { compileExpression, ExpressionError } from '../events/expression.ts';
import { targetMeanMotionRadPerS } from '../scenario/derived.ts';
import {
  LESSON_QUANTITIES,
  LESSON_UNITS,
  SI_UNIT_OF,
  type LessonSpec,
  type LessonUnit,
} from '../scenario/lesson.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createSunTable, runScenario, type SpacecraftRun } from '../sim/run.ts';

/** Names a closed-form expression may use, in the order of its variable array. */
export const CLOSED_FORM_NAMES = [
  'n',
  'T',
  'R',
  't',
  'x0',
  'y0',
  'z0',
  'xd0',
  'yd0',
  'zd0',
  'x1',
  'y1',
  'z1',
  'dv1R',
  'dv1I',
  'dv1C',
] as const;

/** Most points of each path kept for the lesson's figure. */
const FIGURE_POINTS = 600;

/** An in-plane path for the figure: radial and in-track positions, m. */
export interface LessonPath {
  /** The model flown: "cw" or "nonlinear". */
  model: string;
  rM: number[];
  iM: number[];
  /** Where the spacecraft is at the key moment: [R, I], m. */
  keyRicM: [number, number];
}

/** A lesson's answer as measured on the run. */
export interface LessonMeasurement {
  /** The run's value, SI unit `siUnit` (scenario model minus `relativeTo` when given). */
  measuredSi: number;
  /** Each model's value when the lesson compares two, SI. */
  byModel: { model: string; valueSi: number }[];
  /** The closed form evaluated with the run's numbers, SI. */
  closedFormSi: number;
  /** The SI unit of the quantity: "m", "m/s" or "s". */
  siUnit: LessonUnit;
  /** The unit the student answers in (number questions; the SI unit for choices). */
  unit: LessonUnit;
  /** Allowed distance of an answer from the measured value, SI. */
  toleranceSi: number;
  /** Index of the right choice (choice questions): the one whose range holds the value. */
  correctChoice: number | null;
  /** The in-plane path of the measured spacecraft in each model flown, for the figure. */
  paths: LessonPath[];
  /** The figure's moment, s since the epoch. */
  keyMomentTS: number;
}

/** A lesson that cannot be measured: the JSON path at fault and why. */
export class LessonError extends Error {
  /** @param path JSON path @param message what is wrong */
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'LessonError';
  }
}

/**
 * Flies the lesson's scenario and measures its answer.
 *
 * @param s a validated scenario with a `lesson` block
 * @throws LessonError when the closed form does not compile or the run gives no finite value;
 *   ScenarioRunError when the plan cannot be flown
 */
export function measureLesson(s: Scenario): LessonMeasurement {
  const lesson = s.lesson;
  if (lesson === undefined) throw new LessonError('lesson', 'the scenario has no lesson block');
  const m = lesson.answer.measure;
  const base = 'lesson.answer';
  let closed: ReturnType<typeof compileExpression>;
  try {
    closed = compileExpression(lesson.answer.closedForm.expression, CLOSED_FORM_NAMES);
  } catch (err) {
    if (err instanceof ExpressionError) {
      throw new LessonError(`${base}.closedForm.expression`, err.message);
    }
    throw err;
  }
  const models = [s.dynamics, ...(m.relativeTo ? [m.relativeTo] : [])];
  const runs = models.map((dynamics) => {
    const flown = runScenario({ ...s, dynamics }, { recordEphemeris: true });
    const craft = flown.spacecraft.find((c) => c.id === m.spacecraft);
    if (!craft?.ephemeris) {
      throw new LessonError(`${base}.measure.spacecraft`, `no spacecraft "${m.spacecraft}"`);
    }
    return { dynamics, craft, valueSi: measureQuantity(s, lesson, craft) };
  });
  const byModel = runs.map((r) => ({ model: r.dynamics, valueSi: r.valueSi }));
  const measuredSi = runs.length === 2 ? runs[0]!.valueSi - runs[1]!.valueSi : runs[0]!.valueSi;
  const closedFormSi = closed.evaluate(closedFormVariables(s, lesson, runs[0]!.craft));
  if (!Number.isFinite(measuredSi)) {
    throw new LessonError(`${base}.measure`, 'the run gives no finite value for this quantity');
  }
  if (!Number.isFinite(closedFormSi)) {
    throw new LessonError(
      `${base}.closedForm.expression`,
      'the closed form is not a finite number',
    );
  }
  const siUnit = SI_UNIT_OF[LESSON_QUANTITIES[m.quantity]];
  const q = lesson.question;
  const unit = q.kind === 'number' ? q.unit : siUnit;
  const tol = lesson.answer.tolerance;
  const toleranceSi = Math.max(
    tol.abs !== undefined ? tol.abs * LESSON_UNITS[unit].si : 0,
    tol.relPct !== undefined ? (tol.relPct / 100) * Math.abs(measuredSi) : 0,
  );
  const keyMomentTS = lesson.keyMomentTS ?? m.atTS;
  let correctChoice: number | null = null;
  if (q.kind === 'choice') {
    const i = q.choices.findIndex(
      (c) =>
        (c.min === undefined || measuredSi >= c.min) &&
        (c.max === undefined || measuredSi <= c.max),
    );
    if (i < 0) {
      throw new LessonError(
        'lesson.question.choices',
        `no choice holds the run's value ${measuredSi.toPrecision(6)} ${siUnit}`,
      );
    }
    correctChoice = i;
  }
  return {
    measuredSi,
    byModel,
    closedFormSi,
    siUnit,
    unit,
    toleranceSi,
    correctChoice,
    paths: runs.map((r) => figurePath(r.dynamics, r.craft, keyMomentTS)),
    keyMomentTS,
  };
}

/** The verdict on a student's answer. */
export interface LessonVerdict {
  correct: boolean;
  /** The answer minus the run's value, SI (number questions; null for choices). */
  errorSi: number | null;
  /** Whether the run and the closed form agree within the tolerance. */
  closedFormAgrees: boolean;
}

/**
 * Judges an answer: a number in the question's unit, or the index of the choice picked.
 *
 * @param m the measurement
 * @param answer the number (question's unit) or the choice index
 */
export function judgeLessonAnswer(m: LessonMeasurement, answer: number): LessonVerdict {
  const closedFormAgrees = Math.abs(m.closedFormSi - m.measuredSi) <= m.toleranceSi;
  if (m.correctChoice !== null) {
    return { correct: answer === m.correctChoice, errorSi: null, closedFormAgrees };
  }
  const errorSi = answer * LESSON_UNITS[m.unit].si - m.measuredSi;
  return {
    correct: Number.isFinite(errorSi) && Math.abs(errorSi) <= m.toleranceSi,
    errorSi,
    closedFormAgrees,
  };
}

const scratch = new Float64Array(6);

/** The lesson's quantity on one spacecraft's run, SI. */
function measureQuantity(s: Scenario, lesson: LessonSpec, craft: SpacecraftRun): number {
  const m = lesson.answer.measure;
  const eph = craft.ephemeris!;
  const fromS = m.fromTS ?? 0;
  switch (m.quantity) {
    case 'dvMps': {
      let sum = 0;
      for (const b of craft.burns) {
        if (b.tS >= fromS && b.tS <= m.atTS) sum += Math.hypot(...b.dvMps);
      }
      return sum;
    }
    case 'minRangeM':
      return leastRange(eph, fromS, m.atTS);
    case 'umbraS': {
      const sun = createSunTable(s);
      if (sun === null) {
        throw new LessonError(
          'lesson.answer.measure.quantity',
          'umbraS needs a geo or circular target',
        );
      }
      let sum = 0;
      for (const e of eclipseIntervals(sun.geom, fromS, m.atTS, 60, 1e-3, sun)) {
        if (e.kind === 'umbra') sum += e.endS - e.startS;
      }
      return sum;
    }
    default: {
      const at = stateValue(eph, m.quantity, m.atTS);
      return m.fromTS === undefined ? at : at - stateValue(eph, m.quantity, m.fromTS);
    }
  }
}

const STATE_INDEX = { rM: 0, iM: 1, cM: 2, vrMps: 3, viMps: 4, vcMps: 5 } as const;

function stateValue(
  eph: NonNullable<SpacecraftRun['ephemeris']>,
  quantity: keyof typeof STATE_INDEX | 'rangeM',
  tS: number,
): number {
  eph.stateAt(tS, scratch);
  if (quantity === 'rangeM') return Math.hypot(scratch[0]!, scratch[1]!, scratch[2]!);
  return scratch[STATE_INDEX[quantity]]!;
}

/**
 * Least range in [fromS, toS]: the least of the samples (and the two ends), refined between its
 * neighbours by golden-section search of the Hermite interpolant to 1e-3 s.
 */
function leastRange(
  eph: NonNullable<SpacecraftRun['ephemeris']>,
  fromS: number,
  toS: number,
): number {
  const range = (tS: number) => stateValue(eph, 'rangeM', tS);
  const times = [fromS];
  for (let k = 0; k < eph.count; k++) {
    const t = eph.tS[k]!;
    if (t > fromS && t < toS) times.push(t);
  }
  times.push(toS);
  let kBest = 0;
  let best = Infinity;
  times.forEach((t, k) => {
    const r = range(t);
    if (r < best) {
      best = r;
      kBest = k;
    }
  });
  let a = times[Math.max(0, kBest - 1)]!;
  let b = times[Math.min(times.length - 1, kBest + 1)]!;
  const g = (Math.sqrt(5) - 1) / 2;
  while (b - a > 1e-3) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (range(c) < range(d)) b = d;
    else a = c;
  }
  return Math.min(best, range(0.5 * (a + b)));
}

/** The closed form's variables from the run (see {@link CLOSED_FORM_NAMES}). */
function closedFormVariables(s: Scenario, lesson: LessonSpec, craft: SpacecraftRun): Float64Array {
  const m = lesson.answer.measure;
  const eph = craft.ephemeris!;
  const n = targetMeanMotionRadPerS(s.target.orbit, s.epoch);
  const vars = new Float64Array(CLOSED_FORM_NAMES.length);
  vars[0] = n;
  vars[1] = (2 * Math.PI) / n;
  vars[2] = Math.cbrt(MU_EARTH_M3_S2 / (n * n));
  vars[3] = m.atTS - (m.fromTS ?? 0);
  for (let i = 0; i < 6; i++) vars[4 + i] = eph.stateRic[i]!;
  eph.stateAt(m.atTS, scratch);
  vars[10] = scratch[0]!;
  vars[11] = scratch[1]!;
  vars[12] = scratch[2]!;
  const first = craft.burns[0];
  if (first) {
    vars[13] = first.dvMps[0];
    vars[14] = first.dvMps[1];
    vars[15] = first.dvMps[2];
  }
  return vars;
}

/** The in-plane path of a run, thinned to at most {@link FIGURE_POINTS} points. */
function figurePath(model: string, craft: SpacecraftRun, keyMomentTS: number): LessonPath {
  const eph = craft.ephemeris!;
  const stride = Math.max(1, Math.ceil(eph.count / FIGURE_POINTS));
  const rM: number[] = [];
  const iM: number[] = [];
  for (let k = 0; k < eph.count; k += stride) {
    rM.push(eph.stateRic[6 * k]!);
    iM.push(eph.stateRic[6 * k + 1]!);
  }
  const last = eph.count - 1;
  if (last % stride !== 0) {
    rM.push(eph.stateRic[6 * last]!);
    iM.push(eph.stateRic[6 * last + 1]!);
  }
  eph.stateAt(keyMomentTS, scratch);
  return { model, rM, iM, keyRicM: [scratch[0]!, scratch[1]!] };
}
