/**
 * What a run gives and takes (./run.ts): its records of burns and maneuvers, its result per
 * spacecraft and pair, its options, observers and perturbations, and its error.
 */

import type { ArrayAllocator } from '../core/arrays.ts';
import type { SunTable } from '../core/lighting.ts';
import type { Interval, StreamMonitor } from '../events/monitor.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Ephemeris } from './ephemeris.ts';

/** A problem found while running a valid scenario (a plan that cannot be flown as written). */
export class ScenarioRunError extends Error {
  /** @param path JSON path of the item at fault @param message what went wrong */
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ScenarioRunError';
  }
}

/** A burn as executed, delta-v in RIC. */
export interface BurnRecord {
  /** Impulse time or finite-burn start, s since the epoch. */
  tS: number;
  frame: 'RIC';
  /** Delta-v, RIC, m/s (a finite burn: its integral, along its fixed RIC direction). */
  dvMps: [number, number, number];
  /** The maneuver type that produced it. */
  maneuver: string;
  /** Index of that maneuver in the spacecraft's `maneuvers`. */
  maneuverIndex: number;
  /** Finite burns: burn length, s. */
  durationS?: number;
  /** Transfer arrival burns: distance from the wanted arrival point when it fired, m. */
  missM?: number;
}

/** What became of one maneuver of the program. */
export interface ManeuverRecord {
  index: number;
  type: string;
  label?: string;
  /** Start time, s; null if it never started (its trigger never fired, or the run ended first). */
  startS: number | null;
  /** End time, s; null if it never ended within the run. */
  endS: number | null;
  /** The trigger condition, for a maneuver started by `when`. */
  trigger?: string;
}

/** A state kept for the passive-safety analysis: after each burn, and along the coasts. */
export interface Snapshot {
  tS: number;
  /** The model's integrated state (RIC or ECI, see the model). */
  y: Float64Array;
  /** Index into `burns` of the burn just executed, or null for a coast sample. */
  burnIndex: number | null;
}

/**
 * How far the final position may be from the exact solution of the model's equations, from
 * RK4 step doubling: the final arc (from the last burn, or the start of a finite burn still
 * running, to the end; the whole run for a free drift) is flown again at twice the step, and
 * since RK4's error grows as h^4, the run's error is about |r(h) - r(2h)| / 15. Errors carried
 * into that arc from earlier arcs are not included (targeted legs re-target from the state
 * reached, so those do not pile up).
 */
export interface AccuracyEstimate {
  /** Estimated error of the final RIC position, m. */
  finalPositionErrorEstimateM: number;
  /** Start of the arc the estimate covers, s since the epoch. */
  fromS: number;
}

/** What a run gives for one spacecraft. */
export interface SpacecraftRun {
  id: string;
  /** Final RIC state at durationS, m and m/s. */
  finalRic: Float64Array;
  burns: BurnRecord[];
  maneuvers: ManeuverRecord[];
  totalDvMps: number;
  /** Closest approach to the target, m, and when, s. */
  minRangeM: number;
  minRangeTS: number;
  /** Keep-out zone violations (also in the monitor's 'keep-out' track). */
  keepOut: Interval[];
  /** Closest approach and constraint tracks against the target. */
  monitor: StreamMonitor;
  /** Mass at the end, kg, when the spacecraft's mass is given. */
  finalMassKg: number | null;
  /** Numerical accuracy of the final position; null in runs with a perturbation (Monte Carlo). */
  accuracy: AccuracyEstimate | null;
  ephemeris: Ephemeris | null;
  /**
   * Range at each ephemeris sample, m, when the run found the closest approach from the samples
   * (`checkConstraints: false` with the ephemeris); null otherwise.
   */
  rangeM: Float64Array | null;
  snapshots: Snapshot[];
}

/** Closest approach of two spacecraft, and their separation constraint. */
export interface PairRun {
  a: string;
  b: string;
  minRangeM: number;
  minRangeTS: number;
  monitor: StreamMonitor;
}

/** The outcome of a run. */
export interface RunResult {
  scenario: Scenario;
  meanMotionRadPerS: number;
  spacecraft: SpacecraftRun[];
  pairs: PairRun[];
  /** Integration steps taken, summed over spacecraft (redone trigger steps count twice). */
  steps: number;
  /** The target's own burns (`target.maneuvers`), RIC of the target at each, in time order. */
  targetBurns: BurnRecord[];
}

/** Sees every node of a run (objective scoring, live views). */
export interface RunObserver {
  /**
   * Called at the start and after every node, with every spacecraft's RIC state.
   * @param tS node time, s
   * @param ric RIC states in spacecraft order (do not keep the arrays)
   */
  node(tS: number, ric: readonly Float64Array[]): void;
}

/**
 * Execution errors a run applies (Monte Carlo dispersions); a nominal run has none. The run
 * asks in a fixed order (spacecraft order, then time), so a seeded implementation is
 * reproducible.
 */
export interface RunPerturbation {
  /** Adjusts a spacecraft's initial RIC state [x, y, z, xd, yd, zd] in place (navigation error). */
  initialState(craftIndex: number, ric: Float64Array): void;
  /** Offset added to the start of a timed (`tS` or `after`) maneuver, s (execution-time error). */
  startDelayS(craftIndex: number, maneuverIndex: number): number;
  /**
   * Adjusts a commanded burn in place: a delta-v (RIC, m/s) or, for a finite burn, the thrust
   * vector (RIC, N). Returns false when the burn is missed (not executed).
   * @param burnOrdinal count of burns commanded so far by this spacecraft
   */
  burn(craftIndex: number, burnOrdinal: number, vector: [number, number, number]): boolean;
}

/** Options of `runScenario`. */
export interface RunOptions {
  /** Execution errors to apply (Monte Carlo). */
  perturbation?: RunPerturbation;
  /** Keep every node's state (for the view and CSV export); off for Monte Carlo. */
  recordEphemeris?: boolean;
  /** Keep a state every this many seconds along coasts, and after every burn (passive safety). */
  snapshotEveryS?: number;
  observers?: readonly RunObserver[];
  /** Sun direction table for lighting (built by the run when a trigger needs it). */
  sunTable?: SunTable;
  /**
   * Whether to evaluate the constraint detectors (keep-out, approach ellipsoid, corridor,
   * closing speed, separation); default true. Closest approaches are always found: without
   * constraints and with the ephemeris, from the recorded samples after the run (the same
   * Hermite refinement, without a monitor call per step). A run that only draws the trajectory
   * (the editor's worker) leaves the constraints to the scoring run.
   */
  checkConstraints?: boolean;
  /** Where the ephemeris (and sample range) arrays come from (default: new arrays). */
  arrays?: ArrayAllocator;
  /**
   * Longest time between two tests of an armed trigger's condition, s (default TRIGGER_SCAN_S).
   * Infinity tests at the integration nodes only, which misses a condition that holds only
   * between two nodes: the benchmark uses it to measure what the tests between nodes cost.
   */
  triggerScanS?: number;
}
