/**
 * The simulation worker's side of the view model (./mission.ts): the trajectory payload it sends
 * after a run, with the names the page would otherwise need the physics modules for (each burn's
 * name from the maneuver registry, each spacecraft's role, each violated constraint's title from
 * the constraint registry), and the whole view model of an evaluated run in one go (tests).
 *
 * Kept apart from ./mission.ts so that the page's first load carries no maneuver, constraint,
 * scenario or scoring module: they run in the worker (issue 18, item 4).
 */

import { constraintModule } from '../../constraints/registry.ts';
import { freshArrays, type ArrayAllocator } from '../../core/arrays.ts';
import type { BurnName } from '../../maneuvers/module.ts';
import { maneuverModule } from '../../maneuvers/registry.ts';
import { isNonCooperative } from '../../scenario/derived.ts';
import type { Evaluation } from '../../scoring/evaluate.ts';
import { buildReport, type RunReport } from '../../scoring/report.ts';
import type { BurnRecord, RunResult } from '../../sim/run.ts';
import {
  missionFromTrajectory,
  TRAIL_FLOOR_M,
  TRAIL_PREFILTER_M,
  withScore,
  type CraftTrajectory,
  type Mission,
  type TrajectoryPayload,
} from './mission.ts';
import { prefilteredImportance } from './simplify.ts';

/** How the maneuver module of a burn names it (src/maneuvers/registry.ts). */
function burnName(b: BurnRecord): BurnName {
  const module = maneuverModule(b.maneuver);
  return module.burnName?.(b) ?? { kind: module.type, label: module.title };
}

/**
 * The trajectory part of a run's view model (run with `recordEphemeris: true`): what the worker
 * sends after `runScenario`. Computes each spacecraft's range and Douglas-Peucker importance.
 *
 * @param run the run
 * @param arrays where the range and simplification arrays come from
 */
export function trajectoryPayload(
  run: RunResult,
  arrays: ArrayAllocator = freshArrays,
): TrajectoryPayload {
  let extentM = 0;
  const crafts = run.spacecraft.map((c, index): CraftTrajectory => {
    const spec = run.scenario.spacecraft[index];
    const eph = c.ephemeris;
    if (eph === null) throw new Error('the view needs a run with recordEphemeris: true');
    const n = eph.count;
    const st = eph.stateRic;
    let rangeM = c.rangeM;
    if (rangeM === null) {
      rangeM = arrays.float64(n);
      for (let k = 0, o = 0; k < n; k++, o += 6) {
        const x = st[o]!;
        const y = st[o + 1]!;
        const z = st[o + 2]!;
        rangeM[k] = Math.sqrt(x * x + y * y + z * z);
      }
    }
    const simplified = prefilteredImportance(
      { coords: st, stride: 6, dims: 3, count: n },
      TRAIL_FLOOR_M,
      TRAIL_PREFILTER_M,
      arrays,
    );
    // Over the strip filter's samples only (within a millimetre of every other one): a view
    // scale does not need the rest, and a pass over every sample costs a millisecond.
    const kept = simplified.candidates;
    let maxM = 0;
    for (let j = 0; j < kept.length; j++) maxM = Math.max(maxM, rangeM[kept[j]!]!);
    extentM = Math.max(extentM, maxM);
    return {
      id: c.id,
      count: n,
      tS: eph.tS,
      stateRic: st,
      importance: simplified.importance,
      candidates: simplified.candidates,
      rangeM,
      burns: c.burns,
      burnNames: c.burns.map(burnName),
      nonCooperative: spec !== undefined && isNonCooperative(spec),
      maneuvers: c.maneuvers,
      totalDvMps: c.totalDvMps,
      minRangeM: c.minRangeM,
      minRangeTS: c.minRangeTS,
    };
  });
  return {
    scenario: run.scenario,
    crafts,
    pairs: run.pairs.map((p) => ({
      a: p.a,
      b: p.b,
      minRangeM: p.minRangeM,
      minRangeTS: p.minRangeTS,
    })),
    extentM,
  };
}

/**
 * The title of each constraint violated in a report (its constraint module's, e.g. "Keep-out
 * zone entered"), by constraint kind.
 *
 * @param report the report of a run
 */
export function violationTitles(report: RunReport): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const c of report.spacecraft)
    for (const v of c.violations) {
      const kind = v.kind as string;
      titles[kind] = constraintModule(kind)?.title ?? `${kind} violated`;
    }
  return titles;
}

/**
 * Builds the view model of an evaluated run (run with `recordEphemeris: true`) in one go, as the
 * worker's two messages would.
 *
 * @param evaluation the run and its score (`evaluateScenario`)
 * @param sourceName file or example name, for the title bar
 */
export function buildMission(evaluation: Evaluation, sourceName: string): Mission {
  const report = buildReport(evaluation);
  return withScore(
    missionFromTrajectory(trajectoryPayload(evaluation.run), sourceName),
    report,
    violationTitles(report),
  );
}
