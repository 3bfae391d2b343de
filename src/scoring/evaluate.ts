/**
 * Run and score a scenario: the score card a planner signs off.
 *
 * One call runs the scenario with its objective tracker attached, propagates the passive-safety
 * drifts, checks the budgets and turns everything into violations per spacecraft and a score
 * (see score.ts for the formula).
 */

import { constraintModules } from '../constraints/registry.ts';
import { maneuverModule } from '../maneuvers/registry.ts';
import { G0_MPS2 } from '../core/constants.ts';
import { eclipseIntervals } from '../core/lighting.ts';
import type { EclipseInterval, SunTable } from '../core/lighting.ts';
import type { PairNames, ViolationKind } from '../events/detectors.ts';
import { WarningTracker, type WarningEvent } from '../events/warnings.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RunPerturbation, RunResult, SpacecraftRun } from '../sim/run.ts';
import { createSunTable, runScenario } from '../sim/run.ts';
import { modelGauge, type ModelGauge } from '../sim/gauge.ts';
import type { ObjectiveResult } from './objectives.ts';
import { ObjectiveTracker } from './objectives.ts';
import type { PassiveSafetyResult } from './passive.ts';
import { passiveSafety } from './passive.ts';
import type { Score } from './score.ts';
import { scoreEvaluation } from './score.ts';
import { DEFAULT_PASSIVE_ORBITS, targetMeanMotionRadPerS } from '../scenario/derived.ts';

export { DEFAULT_PASSIVE_ORBITS } from '../scenario/derived.ts';
/** Coast samples per orbit for the passive-safety drifts. */
export const PASSIVE_SAMPLES_PER_ORBIT = 48;

/** Why a maneuver never started (a `not-flown` violation). */
export type NotFlownReason =
  /** its `when` condition never held after the previous maneuver ended */
  | 'trigger-never-true'
  /** its start time (`tS`, `after`, or a dispersed start) fell after the end of the run */
  | 'starts-after-end'
  /** the maneuver before it never started */
  | 'previous-not-flown'
  /** the maneuver before it was still running when the run ended */
  | 'previous-not-finished';

/**
 * A constraint violated over an interval, s since the epoch. For `not-flown`: from when the
 * maneuver could have started (the previous one's end; durationS when that never came) to
 * durationS, with the maneuver's JSON path and why it never started.
 */
export interface Violation {
  kind: ViolationKind;
  startS: number;
  endS: number;
  /** `not-flown`: the maneuver's JSON path, e.g. `spacecraft[0].maneuvers[3]`. */
  path?: string;
  /** `not-flown`: why it never started. */
  reason?: NotFlownReason;
  /** Against another object (a non-cooperative spacecraft, or another's keep-out zone): its id. */
  with?: string;
  /** A keep-out zone of another spacecraft: whose zone (its id). */
  zoneOf?: string;
}

/** One constraint's outcome for one spacecraft. */
export interface ConstraintOutcome {
  kind: ViolationKind;
  pass: boolean;
  /** Smallest margin seen (negative: violated by that much). */
  worstMargin: number;
  unit: 'm' | 'deg' | 'm/s';
  /** When the worst margin occurred, s. */
  worstTS: number;
  timeInViolationS: number;
  /** Against another object (as in `Violation`): its id. */
  with?: string;
  /** A keep-out zone of another spacecraft: whose zone. */
  zoneOf?: string;
}

/** Delta-v and propellant against the budget. */
export interface BudgetOutcome {
  dvBudgetMps: number | null;
  dvUsedMps: number;
  /** Propellant used, kg, when massKg and (for impulses) ispS are given. */
  propellantKg: number | null;
  massKg: number | null;
}

/** The plan rerun with one burn skipped (passive safety's missed-burn mode). */
export interface MissedBurnOutcome {
  /** Index in `burns` of the skipped burn, and its time, s. */
  burnIndex: number;
  tS: number;
  /** Closest approach to the target in that run, m, and when, s. */
  minRangeM: number;
  minRangeTS: number;
  /** Constraint kinds violated in that run. */
  violated: ViolationKind[];
}

/** Everything scored for one spacecraft. */
export interface SpacecraftEvaluation {
  id: string;
  violations: Violation[];
  constraints: ConstraintOutcome[];
  passiveSafety: PassiveSafetyResult;
  /** With `passiveSafety.missedBurns`: the plan rerun once per burn, that burn skipped. */
  missedBurns: MissedBurnOutcome[] | null;
  budget: BudgetOutcome;
  /** Smallest sun phase angle seen from inside an observe objective's band, deg (null: never). */
  minPhaseInBandDeg: number | null;
}

/** The outcome of running and scoring a scenario. */
export interface Evaluation {
  run: RunResult;
  spacecraft: SpacecraftEvaluation[];
  objectives: ObjectiveResult[];
  /** The target's Earth-shadow passages during the run (geo and circular targets). */
  eclipses: EclipseInterval[];
  /** Entries into and exits from the warning range (scenario `warnRangeM`), by time; null without it. */
  warnings: WarningEvent[] | null;
  score: Score;
  /** Per spacecraft, the linear and two-body models' drift from the perturbed truth (when asked). */
  modelGauge?: ModelGauge[];
}

/** Options of `evaluateScenario`. */
export interface EvaluateOptions {
  recordEphemeris?: boolean;
  perturbation?: RunPerturbation;
  /** Skip the passive-safety drifts (Monte Carlo trials without that constraint). */
  skipPassiveSafety?: boolean;
  /**
   * A sun table to reuse (it is read-only): Monte Carlo workers build it once for all trials.
   * null: the scenario has no lighting (elliptical target).
   */
  sunTable?: SunTable | null;
  /** Skip the eclipse list of the report (still computed when objectives need it). */
  skipEclipses?: boolean;
  /**
   * Compute the model gauge (src/sim/gauge.ts: three more propagations of each spacecraft).
   * Default: for `"dynamics": "perturbed"` outside Monte Carlo trials.
   */
  modelGauge?: boolean;
}

function budgetOf(s: Scenario, index: number, craft: SpacecraftRun): BudgetOutcome {
  const spec = s.spacecraft[index]!;
  const massKg = spec.massKg ?? null;
  let propellantKg: number | null = null;
  if (massKg !== null) {
    // finite burns: exact mass flow; impulses: rocket equation at the spacecraft's Isp
    let m = massKg;
    let known = true;
    for (const b of craft.burns) {
      const dv = Math.hypot(...b.dvMps);
      if (b.maneuver === 'finite') {
        const m1 = m * Math.exp(-dv / (finiteIsp(s, index, b.maneuverIndex) * G0_MPS2));
        m = m1;
      } else if (spec.ispS !== undefined) {
        m *= Math.exp(-dv / (spec.ispS * G0_MPS2));
      } else if (dv > 0) {
        known = false;
      }
    }
    propellantKg = known ? massKg - m : null;
  }
  return {
    dvBudgetMps: spec.budget?.dvMps ?? null,
    dvUsedMps: craft.totalDvMps,
    propellantKg,
    massKg,
  };
}

function finiteIsp(s: Scenario, craftIndex: number, maneuverIndex: number): number {
  const m = s.spacecraft[craftIndex]!.maneuvers[maneuverIndex]!;
  return maneuverModule(m.type).ispS?.(m) ?? Number.NaN;
}

/**
 * The maneuvers of spacecraft `index` that never started, as `not-flown` violations (in list
 * order: once one is not flown, none after it is).
 */
export function notFlownViolations(s: Scenario, index: number, craft: SpacecraftRun): Violation[] {
  const out: Violation[] = [];
  craft.maneuvers.forEach((m, j) => {
    if (m.startS !== null) return;
    const prev = j > 0 ? craft.maneuvers[j - 1]! : null;
    let reason: NotFlownReason;
    if (prev !== null && prev.startS === null) reason = 'previous-not-flown';
    else if (prev !== null && prev.endS === null) reason = 'previous-not-finished';
    else if (s.spacecraft[index]!.maneuvers[j]!.when !== undefined) reason = 'trigger-never-true';
    else reason = 'starts-after-end';
    out.push({
      kind: 'not-flown',
      startS: reason === 'trigger-never-true' ? (prev?.endS ?? 0) : s.durationS,
      endS: s.durationS,
      path: `spacecraft[${index}].maneuvers[${j}]`,
      reason,
    });
  });
  return out;
}

/**
 * The outcome of each pair constraint kind for spacecraft `id`, over every pair it is in (in
 * registry order): the worst margin of all its tracks of that kind, their time in violation.
 */
function pairOutcomes(run: RunResult, id: string): ConstraintOutcome[] {
  const tracks = run.pairs
    .filter((p) => p.a === id || p.b === id)
    .flatMap((p) => p.monitor.tracks)
    .filter((t) => t.detector.names === undefined || t.detector.names.chargedId === id);
  const out: ConstraintOutcome[] = [];
  for (const m of constraintModules()) {
    const ofKind = tracks.filter((t) => t.detector.kind === m.kind);
    // the unnamed tracks (between inspectors) as one outcome; each named one on its own
    const groups = [
      ofKind.filter((t) => t.detector.names === undefined),
      ...ofKind.filter((t) => t.detector.names !== undefined).map((t) => [t]),
    ];
    for (const same of groups) {
      if (same.length === 0) continue;
      const worst = same.reduce((a, b) => (b.worstMargin < a.worstMargin ? b : a));
      out.push({
        kind: m.kind,
        pass: same.every((t) => t.intervals.length === 0),
        worstMargin: worst.worstMargin,
        unit: worst.detector.marginUnit,
        worstTS: worst.worstMarginTS,
        timeInViolationS: same.reduce((sum, t) => sum + t.timeInViolationS(), 0),
        ...namesOf(worst.detector.names),
      });
    }
  }
  return out;
}

/** The `with` and `zoneOf` keys of a violation or outcome of a named pair detector. */
function namesOf(names: PairNames | undefined): { with?: string; zoneOf?: string } {
  if (names === undefined) return {};
  return names.zoneOf === undefined
    ? { with: names.withId }
    : { with: names.withId, zoneOf: names.zoneOf };
}

/** Reruns the plan once per executed burn of spacecraft `index`, that burn skipped. */
function missedBurnRuns(s: Scenario, index: number, craft: SpacecraftRun): MissedBurnOutcome[] {
  return craft.burns.map((b, burnIndex) => {
    const run = runScenario(s, {
      perturbation: {
        initialState: () => undefined,
        startDelayS: () => 0,
        burn: (craftIndex, ordinal) => !(craftIndex === index && ordinal === burnIndex),
      },
    });
    const c = run.spacecraft[index]!;
    const violated = new Set<ViolationKind>();
    for (const t of c.monitor.tracks) if (t.intervals.length > 0) violated.add(t.detector.kind);
    if (c.maneuvers.some((m) => m.startS === null)) violated.add('not-flown');
    for (const p of run.pairs) {
      if (p.a !== c.id && p.b !== c.id) continue;
      for (const t of p.monitor.tracks) {
        const charged = t.detector.names === undefined || t.detector.names.chargedId === c.id;
        if (charged && t.intervals.length > 0) violated.add(t.detector.kind);
      }
    }
    return {
      burnIndex,
      tS: b.tS,
      minRangeM: c.minRangeM,
      minRangeTS: c.minRangeTS,
      violated: [...violated],
    };
  });
}

/** Runs a validated scenario and scores it. @throws ScenarioRunError as runScenario does. */
export function evaluateScenario(s: Scenario, options: EvaluateOptions = {}): Evaluation {
  const sun = options.sunTable !== undefined ? options.sunTable : createSunTable(s);
  const needEclipses = !options.skipEclipses || (s.objectives?.length ?? 0) > 0;
  const eclipses =
    sun && needEclipses ? eclipseIntervals(sun.geom, 0, s.durationS, 300, 1e-3, sun) : [];
  const umbra = eclipses.filter((e) => e.kind === 'umbra');
  const tracker = sun && s.objectives?.length ? new ObjectiveTracker(s, sun, umbra) : null;
  const passive = s.constraints?.passiveSafety;
  const doPassive = !options.skipPassiveSafety;
  const n = targetMeanMotionRadPerS(s.target.orbit, s.epoch);
  const periodS = (2 * Math.PI) / n;
  const warner =
    s.warnRangeM !== undefined
      ? new WarningTracker(
          s.spacecraft.map((c) => c.id),
          s.target.name,
          s.warnRangeM,
        )
      : null;
  const observers = [tracker, warner].filter((o) => o !== null);
  const run = runScenario(s, {
    ...(options.recordEphemeris ? { recordEphemeris: true } : {}),
    ...(options.perturbation ? { perturbation: options.perturbation } : {}),
    ...(sun ? { sunTable: sun } : {}),
    ...(observers.length > 0 ? { observers } : {}),
    ...(doPassive ? { snapshotEveryS: periodS / PASSIVE_SAMPLES_PER_ORBIT } : {}),
  });

  const spacecraft = run.spacecraft.map((craft, i): SpacecraftEvaluation => {
    const violations: Violation[] = [];
    const constraints: ConstraintOutcome[] = craft.monitor.tracks.map((track) => {
      for (const v of track.intervals)
        violations.push({ kind: track.detector.kind, startS: v.startS, endS: v.endS });
      return {
        kind: track.detector.kind,
        pass: track.intervals.length === 0,
        worstMargin: track.worstMargin,
        unit: track.detector.marginUnit,
        worstTS: track.worstMarginTS,
        timeInViolationS: track.timeInViolationS(),
      };
    });
    for (const pair of run.pairs) {
      if (pair.a !== craft.id && pair.b !== craft.id) continue;
      for (const track of pair.monitor.tracks) {
        const names = track.detector.names;
        if (names !== undefined && names.chargedId !== craft.id) continue;
        for (const v of track.intervals)
          violations.push({
            kind: track.detector.kind,
            startS: v.startS,
            endS: v.endS,
            ...namesOf(names),
          });
      }
    }
    constraints.push(...pairOutcomes(run, craft.id));

    const ours = !isNonCooperative(s.spacecraft[i]!);
    const limitM = passive?.minRangeM ?? 0;
    const ps =
      doPassive && ours
        ? passiveSafety(s, i, craft, n, passive?.orbits ?? DEFAULT_PASSIVE_ORBITS, limitM)
        : {
            worstRangeM: Number.NaN,
            worstBurnIndex: null,
            worstStartS: 0,
            worstAtS: 0,
            unsafeSpan: null,
            drifts: 0,
          };
    if (passive && doPassive && ours) {
      if (ps.unsafeSpan) violations.push({ kind: 'passive-safety', ...ps.unsafeSpan });
      constraints.push({
        kind: 'passive-safety',
        pass: ps.unsafeSpan === null,
        worstMargin: ps.worstRangeM - limitM,
        unit: 'm',
        worstTS: ps.worstStartS,
        timeInViolationS: ps.unsafeSpan ? ps.unsafeSpan.endS - ps.unsafeSpan.startS : 0,
      });
    }

    const budget = budgetOf(s, i, craft);
    if (budget.dvBudgetMps !== null && ours) {
      let used = 0;
      const over = craft.burns.find((b) => (used += Math.hypot(...b.dvMps)) > budget.dvBudgetMps!);
      if (over) violations.push({ kind: 'budget', startS: over.tS, endS: s.durationS });
      constraints.push({
        kind: 'budget',
        pass: over === undefined,
        worstMargin: budget.dvBudgetMps - budget.dvUsedMps,
        unit: 'm/s',
        worstTS: over?.tS ?? s.durationS,
        timeInViolationS: over ? s.durationS - over.tS : 0,
      });
    }
    if (ours) violations.push(...notFlownViolations(s, i, craft));
    violations.sort((a, b) => a.startS - b.startS);
    const minPhase = tracker?.minPhaseInBandDeg[i] ?? Infinity;
    return {
      id: craft.id,
      violations,
      constraints,
      passiveSafety: ps,
      missedBurns:
        passive?.missedBurns && !options.perturbation && ours ? missedBurnRuns(s, i, craft) : null,
      budget,
      minPhaseInBandDeg: Number.isFinite(minPhase) ? minPhase : null,
    };
  });

  const objectives = tracker?.results() ?? [];
  const evaluation = {
    run,
    spacecraft,
    objectives,
    eclipses,
    warnings: warner?.events() ?? null,
  };
  const gauge = options.modelGauge ?? (s.dynamics === 'perturbed' && !options.perturbation);
  return {
    ...evaluation,
    score: scoreEvaluation(s, evaluation),
    ...(gauge ? { modelGauge: modelGauge(run) } : {}),
  };
}
