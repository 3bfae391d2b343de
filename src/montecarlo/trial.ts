/**
 * One Monte Carlo trial: the scenario run and scored under the dispersions drawn for (seed,
 * trial index), reduced to a few numbers per spacecraft; and the table that collects trials by
 * index, so that what is computed from it does not depend on which worker ran which trial when.
 *
 * A trial is scored as `rpo-sim run` scores (evaluateScenario), except that the passive-safety
 * drifts, by far the costliest part, are propagated only when the scenario states
 * `constraints.passiveSafety` (otherwise nothing in a trial's outcome depends on them).
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.3 (trajectory safety under
 *     dispersions).
 */

import { constraintModules } from '../constraints/registry.ts';
import type { ViolationKind } from '../events/detectors.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Evaluation } from '../scoring/evaluate.ts';
import { evaluateScenario } from '../scoring/evaluate.ts';
import type { SunTable } from '../core/lighting.ts';
import { createSunTable, ScenarioRunError } from '../sim/run.ts';
import { DispersionSampler } from './sampler.ts';

/**
 * The bit of a violation kind in `CraftOutcome.violationMask`: its position in the constraint
 * registry (src/constraints/registry.ts); 0 for a kind no module declares.
 */
export function violationBit(kind: ViolationKind): number {
  const i = constraintModules().findIndex((m) => m.kind === kind);
  return i < 0 ? 0 : 1 << i;
}

/**
 * The violation kinds that spacecraft `craftIndex` can incur in a scenario (the constraint
 * modules that apply to it), in bit order.
 */
export function possibleViolationKinds(s: Scenario, craftIndex: number): ViolationKind[] {
  return constraintModules()
    .filter((m) => m.applies(s, craftIndex))
    .map((m) => m.kind);
}

/** What one trial gives for one spacecraft. */
export interface CraftOutcome {
  /** Violated kinds, one bit each (`violationBit`). */
  violationMask: number;
  /** Closest approach to the target, m. */
  minRangeM: number;
  /** Delta-v flown (executed burns), m/s. */
  totalDvMps: number;
  /** Closest approach of any passive-safety free drift, m; NaN when not computed. */
  passiveWorstRangeM: number;
}

/** The outcome of one trial. */
export interface TrialOutcome {
  trialIndex: number;
  /** Why the trial could not be flown (e.g. a transfer that did not converge); null if it was. */
  error: string | null;
  /** Per spacecraft in scenario order; empty when `error` is set. */
  spacecraft: CraftOutcome[];
}

/** A trial's evaluation and its recording sampler (for the worst-trial scenario). */
export interface TrialDetail {
  outcome: TrialOutcome;
  evaluation: Evaluation | null;
  sampler: DispersionSampler;
}

/** Sun tables by scenario: read-only and the same for every trial, so built once per thread. */
const sunTables = new WeakMap<Scenario, SunTable | null>();

function sunTableFor(s: Scenario): SunTable | null {
  let table = sunTables.get(s);
  if (table === undefined) {
    table = createSunTable(s);
    sunTables.set(s, table);
  }
  return table;
}

/** Runs and scores one trial, keeping the evaluation and every draw. */
export function runTrialDetailed(
  s: Scenario,
  seed: number,
  trialIndex: number,
  record = true,
): TrialDetail {
  const sampler = new DispersionSampler(s.dispersions, seed, trialIndex, record);
  let evaluation: Evaluation;
  try {
    evaluation = evaluateScenario(s, {
      perturbation: sampler,
      skipPassiveSafety: !s.constraints?.passiveSafety,
      sunTable: sunTableFor(s),
      skipEclipses: true,
    });
  } catch (err) {
    if (!(err instanceof ScenarioRunError)) throw err;
    return {
      outcome: { trialIndex, error: err.message, spacecraft: [] },
      evaluation: null,
      sampler,
    };
  }
  const spacecraft = evaluation.spacecraft.map((ev, i): CraftOutcome => {
    let mask = 0;
    for (const v of ev.violations) mask |= violationBit(v.kind);
    const run = evaluation.run.spacecraft[i]!;
    return {
      violationMask: mask,
      minRangeM: run.minRangeM,
      totalDvMps: run.totalDvMps,
      passiveWorstRangeM: ev.passiveSafety.worstRangeM,
    };
  });
  return { outcome: { trialIndex, error: null, spacecraft }, evaluation, sampler };
}

/**
 * Runs and scores trial `trialIndex` of a Monte Carlo run seeded with `seed`. The result depends
 * only on (scenario, seed, trialIndex).
 * @param seed integer in [0, MAX_SEED]
 * @throws what evaluateScenario throws except ScenarioRunError (a bug, not a dispersed plan that
 *   cannot be flown: that is reported in `error`)
 */
export function runTrial(s: Scenario, seed: number, trialIndex: number): TrialOutcome {
  return runTrialDetailed(s, seed, trialIndex, false).outcome;
}

/** Numbers per spacecraft in a packed outcome. */
const CRAFT_STRIDE = 4;

/** Length of one packed trial for `craftCount` spacecraft. */
export function packedTrialLength(craftCount: number): number {
  return 2 + CRAFT_STRIDE * craftCount;
}

/**
 * Writes a trial into `out` at `offset` (for transfer between threads): [trialIndex, ok (1) or
 * failed (0), then per spacecraft mask, minRangeM, totalDvMps, passiveWorstRangeM].
 */
export function packOutcome(
  o: TrialOutcome,
  craftCount: number,
  out: Float64Array,
  offset: number,
) {
  out[offset] = o.trialIndex;
  out[offset + 1] = o.error === null ? 1 : 0;
  for (let i = 0; i < craftCount; i++) {
    const c = o.spacecraft[i];
    const at = offset + 2 + CRAFT_STRIDE * i;
    out[at] = c?.violationMask ?? 0;
    out[at + 1] = c?.minRangeM ?? Number.NaN;
    out[at + 2] = c?.totalDvMps ?? Number.NaN;
    out[at + 3] = c?.passiveWorstRangeM ?? Number.NaN;
  }
}

/** Reads a trial written by `packOutcome` (the error text travels apart). */
export function unpackOutcome(
  data: Float64Array,
  craftCount: number,
  offset: number,
  error: string | null,
): TrialOutcome {
  const ok = data[offset + 1] === 1;
  const spacecraft: CraftOutcome[] = [];
  if (ok) {
    for (let i = 0; i < craftCount; i++) {
      const at = offset + 2 + CRAFT_STRIDE * i;
      spacecraft.push({
        violationMask: data[at]!,
        minRangeM: data[at + 1]!,
        totalDvMps: data[at + 2]!,
        passiveWorstRangeM: data[at + 3]!,
      });
    }
  }
  return {
    trialIndex: data[offset]!,
    error: ok ? null : (error ?? 'the trial could not be flown'),
    spacecraft,
  };
}

/** `TrialTable.status` of a trial not done yet. */
export const TRIAL_PENDING = 0;
/** `TrialTable.status` of a trial flown and scored. */
export const TRIAL_OK = 1;
/** `TrialTable.status` of a trial that could not be flown (see `TrialTable.errors`). */
export const TRIAL_FAILED = 2;

/** What a pool of workers made of a run of trials (the CLI's worker threads, the page's workers). */
export interface TrialRunResult {
  table: TrialTable;
  /** Trials done from index 0 on without a gap (all of them unless interrupted). */
  prefix: number;
  /** Trials done in all. */
  done: number;
  interrupted: boolean;
  /** Wall time from the start to the last result (or the interruption), s. */
  elapsedS: number;
  /** Workers used. */
  workers: number;
}

/**
 * Trial outcomes stored by trial index (columns of typed arrays, spacecraft-major within a
 * trial). Whatever order outcomes arrive in, the table is the same, and everything computed from
 * it reads it in index order.
 */
export class TrialTable {
  /** TRIAL_PENDING, TRIAL_OK or TRIAL_FAILED by trial index. */
  readonly status: Uint8Array;
  /** By trial * craftCount + craft. */
  readonly violationMask: Uint16Array;
  readonly minRangeM: Float64Array;
  readonly totalDvMps: Float64Array;
  readonly passiveWorstRangeM: Float64Array;
  /** Why failed trials failed, by trial index. */
  readonly errors = new Map<number, string>();

  constructor(
    readonly trials: number,
    readonly craftCount: number,
  ) {
    this.status = new Uint8Array(trials);
    const size = trials * craftCount;
    this.violationMask = new Uint16Array(size);
    this.minRangeM = new Float64Array(size).fill(Number.NaN);
    this.totalDvMps = new Float64Array(size).fill(Number.NaN);
    this.passiveWorstRangeM = new Float64Array(size).fill(Number.NaN);
  }

  /** Stores a trial (again: the same trial gives the same numbers, so a repeat is harmless). */
  set(o: TrialOutcome): void {
    const t = o.trialIndex;
    if (!Number.isInteger(t) || t < 0 || t >= this.trials)
      throw new RangeError(`trial index ${t} outside 0..${this.trials - 1}`);
    if (o.error !== null) {
      this.status[t] = TRIAL_FAILED;
      this.errors.set(t, o.error);
      return;
    }
    this.status[t] = TRIAL_OK;
    for (let i = 0; i < this.craftCount; i++) {
      const c = o.spacecraft[i]!;
      const at = t * this.craftCount + i;
      this.violationMask[at] = c.violationMask;
      this.minRangeM[at] = c.minRangeM;
      this.totalDvMps[at] = c.totalDvMps;
      this.passiveWorstRangeM[at] = c.passiveWorstRangeM;
    }
  }

  /** Number of trials from index 0 on that are all done (ok or failed). */
  donePrefix(): number {
    let k = 0;
    while (k < this.trials && this.status[k] !== TRIAL_PENDING) k++;
    return k;
  }
}
