/**
 * The run report (format "rpo-report", version 1): what `rpo-sim run --json` prints.
 *
 * The names here are a contract with the tools that read reports (see README, "Report format"):
 * add fields freely, rename or remove none without a new version.
 */

import type { EclipseInterval } from '../core/lighting.ts';
import { objectSlots, type ObjectSlot } from '../formats/scenarioElements.ts';
import type {
  BudgetOutcome,
  ConstraintOutcome,
  Evaluation,
  MissedBurnOutcome,
  Violation,
} from './evaluate.ts';
import type { ObjectiveResult } from './objectives.ts';
import type { BurnRecord, ManeuverRecord } from '../sim/run.ts';

/** Report format version. */
export const REPORT_FORMAT_VERSION = 1;

type Triple = [number, number, number];

/** The per-spacecraft part of a report. */
export interface SpacecraftReport {
  id: string;
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
  score: { safety: number; efficiency: number };
  /** Mass at the end of the run, kg (when the scenario gives the spacecraft's mass). */
  finalMassKg?: number;
  /** Smallest sun phase angle seen from inside an observe objective's range band, deg. */
  minPhaseInBandDeg?: number;
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
  score: { overall: number; safety: number; efficiency: number; objectives: number };
  spacecraft: SpacecraftReport[];
  pairs: { ids: [string, string]; minRange: { rangeM: number; tS: number } }[];
  objectives: ObjectiveResult[];
  lighting: { eclipses: EclipseInterval[] };
  /** Sub-satellite longitude and drift of every object at the epoch (target first). */
  geoSlots: ObjectSlot[];
}

/** Builds the JSON report of an evaluated run. */
export function buildReport(e: Evaluation): RunReport {
  const run = e.run;
  const s = run.scenario;
  return {
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
    },
    spacecraft: run.spacecraft.map((c, i) => {
      const f = c.finalRic;
      const ev = e.spacecraft[i]!;
      const ps = ev.passiveSafety;
      const sc = e.score.spacecraft[i]!;
      const out: SpacecraftReport = {
        id: c.id,
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
        score: { safety: sc.safety, efficiency: sc.efficiency },
      };
      if (c.finalMassKg !== null) out.finalMassKg = c.finalMassKg;
      if (ev.minPhaseInBandDeg !== null) out.minPhaseInBandDeg = ev.minPhaseInBandDeg;
      if (ev.missedBurns !== null) out.missedBurns = ev.missedBurns;
      return out;
    }),
    pairs: run.pairs.map((p) => ({
      ids: [p.a, p.b],
      minRange: { rangeM: p.minRangeM, tS: p.minRangeTS },
    })),
    objectives: e.objectives,
    lighting: { eclipses: e.eclipses },
    geoSlots: objectSlots(s),
  };
}
