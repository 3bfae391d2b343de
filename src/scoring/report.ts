/**
 * The run report (format "rpo-report", version 1): what `rpo-sim run --json` prints.
 *
 * The names here are a contract with the tools that read reports (see README, "Report format"):
 * add fields freely, rename or remove none without a new version.
 */

import type { EclipseInterval } from '../core/lighting.ts';
import { objectSlots } from '../formats/scenarioElements.ts';
import type { ObjectSlot } from '../formats/slots.ts';
import type {
  BudgetOutcome,
  ConstraintOutcome,
  Evaluation,
  MissedBurnOutcome,
  Violation,
} from './evaluate.ts';
import type { ObjectiveResult } from './objectives.ts';
import type { AccuracyEstimate, BurnRecord, ManeuverRecord } from '../sim/run.ts';
import { ACCURACY_WARNING_M } from '../sim/run.ts';
import type { ModelGauge } from '../sim/gauge.ts';
import { scenarioCollision, type CollisionReport } from '../collision/scenarioPc.ts';
import type { WarningEvent } from '../events/warnings.ts';
import type { ProvenanceSpec } from '../scenario/schema.ts';
import { teamReports, type TeamReport, type TeamSeparation } from './teams.ts';

/** Report format version. */
export const REPORT_FORMAT_VERSION = 1;

type Triple = [number, number, number];

/** Numerical accuracy of a spacecraft's final position (see `AccuracyEstimate`). */
export interface AccuracyReport {
  /** Estimated error of the final RIC position from the numerical integration, m. */
  finalPositionErrorEstimateM: number;
  /** Start of the final arc the estimate covers, s since the epoch. */
  fromS: number;
  /** How it was estimated. */
  method: 'rk4-step-doubling-final-arc';
  /** Present when the estimate is above ACCURACY_WARNING_M: what a reader should know. */
  warning?: string;
}

/** The report's accuracy entry of a run's estimate, with its warning when it is above 1 m. */
export function accuracyReport(a: AccuracyEstimate): AccuracyReport {
  const out: AccuracyReport = {
    finalPositionErrorEstimateM: a.finalPositionErrorEstimateM,
    fromS: a.fromS,
    method: 'rk4-step-doubling-final-arc',
  };
  if (a.finalPositionErrorEstimateM > ACCURACY_WARNING_M) {
    out.warning = `the final position may be off by about ${a.finalPositionErrorEstimateM.toPrecision(2)} m (numerical integration error, estimated by step doubling of the arc from ${a.fromS.toFixed(0)} s)`;
  }
  return out;
}

/** The per-spacecraft part of a report. */
export interface SpacecraftReport {
  id: string;
  /** Present on a spacecraft that is not ours (it has no `score`, and no constraints apply). */
  role?: 'non-cooperative';
  final: { tS: number; frame: 'RIC'; positionM: Triple; velocityMps: Triple };
  totalDvMps: number;
  burns: BurnRecord[];
  maneuvers: ManeuverRecord[];
  minRange: { rangeM: number; tS: number };
  violations: Violation[];
  constraints: ConstraintOutcome[];
  passiveSafety: {
    worstRangeM: number;
    worstBurnIndex: number | null;
    worstStartS: number;
    worstAtS: number;
  };
  /** With `passiveSafety.missedBurns`: the plan rerun once per burn, that burn skipped. */
  missedBurns?: MissedBurnOutcome[];
  budget: BudgetOutcome;
  /** Our spacecraft's part of the score (absent on a non-cooperative one: it earns none). */
  score?: { safety: number; efficiency: number };
  /** Mass at the end of the run, kg (when the scenario gives the spacecraft's mass). */
  finalMassKg?: number;
  /** Smallest sun phase angle seen from inside an observe objective's range band, deg. */
  minPhaseInBandDeg?: number;
  /** Numerical accuracy of the final position (absent in Monte Carlo trials). */
  accuracy?: AccuracyReport;
  /**
   * How far the linear model (CW, or YA for an eccentric target) and two-body motion drift from
   * the perturbed truth with this run's burns flown open loop: final and worst RIC position
   * difference, m, with their times, s (dynamics perturbed, or `rpo-sim run --gauge`).
   */
  modelGauge?: ModelGauge;
}

/** The report of one run. */
export interface RunReport {
  format: 'rpo-report';
  version: number;
  scenario: string;
  epoch: string;
  dynamics: string;
  durationS: number;
  stepS: number;
  steps: number;
  score: {
    overall: number;
    safety: number;
    efficiency: number;
    objectives: number;
    /** A maneuver never started (see the `not-flown` violations): overall capped at 75. */
    incomplete: boolean;
  };
  spacecraft: SpacecraftReport[];
  pairs: { ids: [string, string]; minRange: { rangeM: number; tS: number } }[];
  objectives: ObjectiveResult[];
  lighting: { eclipses: EclipseInterval[] };
  /** Pc at the closest approaches of spacecraft with a covariance (scenario `collision`). */
  collision?: CollisionReport;
  /** Sub-satellite longitude and drift of every object at the epoch (target first). */
  geoSlots: ObjectSlot[];
  /** The target's own burns (scenario `target.maneuvers`), when it has any. */
  target?: { burns: BurnRecord[] };
  /** The scenario's provenance (author, sources, marking, license), as written. */
  provenance?: ProvenanceSpec;
  /** With spacecraft `team`s: the score of each team (see README, "Score"). */
  teams?: TeamReport[];
  /** With two or more teams: the closest approach between every two teams. */
  teamSeparations?: TeamSeparation[];
  /** With scenario `warnRangeM`: every entry into and exit from the warning range, by time. */
  warnings?: { warnRangeM: number; events: WarningEvent[] };
}

/** Builds the JSON report of an evaluated run. */
export function buildReport(e: Evaluation): RunReport {
  const run = e.run;
  const s = run.scenario;
  const collision = scenarioCollision(run);
  const teams = teamReports(e);
  return {
    ...(collision ? { collision } : {}),
    ...(s.provenance ? { provenance: s.provenance } : {}),
    ...(teams.teams.length > 0 ? { teams: teams.teams } : {}),
    ...(teams.separations.length > 0 ? { teamSeparations: teams.separations } : {}),
    ...(s.warnRangeM !== undefined
      ? { warnings: { warnRangeM: s.warnRangeM, events: e.warnings ?? [] } }
      : {}),
    format: 'rpo-report',
    version: REPORT_FORMAT_VERSION,
    scenario: s.name,
    epoch: s.epoch,
    dynamics: s.dynamics,
    durationS: s.durationS,
    stepS: s.stepS,
    steps: run.steps,
    score: {
      overall: e.score.overall,
      safety: e.score.safety,
      efficiency: e.score.efficiency,
      objectives: e.score.objectives,
      incomplete: e.score.incomplete,
    },
    spacecraft: run.spacecraft.map((c, i) => {
      const f = c.finalRic;
      const ev = e.spacecraft[i]!;
      const ps = ev.passiveSafety;
      const sc = e.score.spacecraft.find((x) => x.id === c.id);
      const out: SpacecraftReport = {
        id: c.id,
        ...(sc === undefined ? { role: 'non-cooperative' as const } : {}),
        final: {
          tS: s.durationS,
          frame: 'RIC',
          positionM: [f[0]!, f[1]!, f[2]!],
          velocityMps: [f[3]!, f[4]!, f[5]!],
        },
        totalDvMps: c.totalDvMps,
        burns: c.burns,
        maneuvers: c.maneuvers,
        minRange: { rangeM: c.minRangeM, tS: c.minRangeTS },
        violations: ev.violations,
        constraints: ev.constraints,
        passiveSafety: {
          worstRangeM: ps.worstRangeM,
          worstBurnIndex: ps.worstBurnIndex,
          worstStartS: ps.worstStartS,
          worstAtS: ps.worstAtS,
        },
        budget: ev.budget,
        ...(sc === undefined ? {} : { score: { safety: sc.safety, efficiency: sc.efficiency } }),
      };
      if (c.finalMassKg !== null) out.finalMassKg = c.finalMassKg;
      if (ev.minPhaseInBandDeg !== null) out.minPhaseInBandDeg = ev.minPhaseInBandDeg;
      if (ev.missedBurns !== null) out.missedBurns = ev.missedBurns;
      if (c.accuracy !== null) out.accuracy = accuracyReport(c.accuracy);
      const gauge = e.modelGauge?.[i];
      if (gauge) out.modelGauge = gauge;
      return out;
    }),
    pairs: run.pairs.map((p) => ({
      ids: [p.a, p.b],
      minRange: { rangeM: p.minRangeM, tS: p.minRangeTS },
    })),
    objectives: e.objectives,
    lighting: { eclipses: e.eclipses },
    geoSlots: objectSlots(s),
    ...(run.targetBurns.length > 0 ? { target: { burns: run.targetBurns } } : {}),
  };
}
