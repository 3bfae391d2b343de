/**
 * The run report (format "rpo-report", version 1): what `rpo-sim run --json` prints.
 *
 * The names here are a contract with the tools that read reports (see README, "Report format"):
 * add fields freely, rename or remove none without a new version.
 */

import type { BurnRecord, RunResult } from './run.ts';

/** Report format version. */
export const REPORT_FORMAT_VERSION = 1;

type Triple = [number, number, number];

/** A violation of a constraint over a time interval, s since the epoch. */
export interface ViolationReport {
  kind: 'keep-out';
  startS: number;
  endS: number;
}

/** The per-spacecraft part of a report. */
export interface SpacecraftReport {
  id: string;
  final: { tS: number; frame: 'RIC'; positionM: Triple; velocityMps: Triple };
  totalDvMps: number;
  burns: BurnRecord[];
  minRange: { rangeM: number; tS: number };
  violations: ViolationReport[];
  /** Mass at the end of the run, kg (when the scenario gives the spacecraft's mass). */
  finalMassKg?: number;
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
  spacecraft: SpacecraftReport[];
  pairs: { ids: [string, string]; minRange: { rangeM: number; tS: number } }[];
}

/** Builds the JSON report of a run. */
export function buildReport(run: RunResult): RunReport {
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
    spacecraft: run.spacecraft.map((c) => {
      const f = c.finalRic;
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
        minRange: { rangeM: c.minRangeM, tS: c.minRangeTS },
        violations: c.keepOut.map((v) => ({ kind: 'keep-out', startS: v.startS, endS: v.endS })),
      };
      if (c.finalMassKg !== null) out.finalMassKg = c.finalMassKg;
      return out;
    }),
    pairs: run.pairs.map((p) => ({
      ids: [p.a, p.b],
      minRange: { rangeM: p.minRangeM, tS: p.minRangeTS },
    })),
  };
}
