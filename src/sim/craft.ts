/**
 * The per-spacecraft state of a run (./run.ts): its integrated state, its program of maneuvers
 * and what is pending, its records, monitor and ephemeris.
 */

import { createThrustState, type DynamicsModel, type ThrustState } from '../dynamics/model.ts';
import type { StreamMonitor } from '../events/monitor.ts';
import type { ManeuverModule } from '../maneuvers/module.ts';
import { TRIGGER_VARIABLES } from '../scenario/derived.ts';
import type { ManeuverSpec } from '../scenario/schema.ts';
import type { Ephemeris } from './ephemeris.ts';
import type { Trigger } from './triggers.ts';
import type { BurnRecord, ManeuverRecord, Snapshot } from './types.ts';

/** Something a maneuver scheduled for a later instant (a burn, a leg's departure, its end). */
export interface PendingAction {
  tS: number;
  run: () => void;
}

/** One maneuver of a spacecraft's program, with its module and trigger. */
export interface ProgramItem extends Trigger {
  spec: ManeuverSpec;
  /** The module that flies it (looked up once, when the run is set up). */
  module: ManeuverModule;
  index: number;
}

/** Per-spacecraft mutable state of a run. */
export class Craft {
  /** The RIC state; for the relative models the integrated state itself (no copy per step). */
  readonly ric: Float64Array;
  readonly prevRic = new Float64Array(6);
  readonly saved: Float64Array;
  readonly burns: BurnRecord[] = [];
  readonly records: ManeuverRecord[];
  readonly snapshots: Snapshot[] = [];
  readonly pending: PendingAction[] = [];
  readonly vars = new Float64Array(TRIGGER_VARIABLES.length);
  next = 0;
  /** Start time of program[next] when it is timed; Infinity otherwise. */
  dueS = Infinity;
  /** The condition of program[next] when it waits on one. */
  armed: ProgramItem | null = null;
  busy = false;
  dirty = false;
  /**
   * Instant at which the armed trigger's condition was found to become true in the current step
   * (on the interpolant); NaN once that maneuver has started, so the next one finds its own.
   */
  locatedS = Number.NaN;
  /** Burns commanded so far (executed or missed). */
  burnOrdinal = 0;
  massKg: number;
  /** Start of the current arc (the last change of state or thrust), s, and its state. */
  arcStartS = 0;
  readonly arcStartY: Float64Array;
  readonly arcThrust: ThrustState = createThrustState();

  constructor(
    readonly index: number,
    readonly id: string,
    readonly model: DynamicsModel,
    readonly y: Float64Array,
    readonly program: ProgramItem[],
    readonly monitor: StreamMonitor,
    massKg: number | undefined,
    readonly ephemeris: Ephemeris | null,
  ) {
    this.saved = new Float64Array(model.stateSize);
    this.arcStartY = Float64Array.from(y);
    this.ric = model.stateSize === 6 ? y : new Float64Array(6);
    this.massKg = massKg ?? Number.NaN;
    this.records = program.map((p) => ({
      index: p.index,
      type: p.spec.type,
      ...(p.spec.label !== undefined ? { label: p.spec.label } : {}),
      startS: null,
      endS: null,
      ...(p.spec.when !== undefined ? { trigger: p.spec.when } : {}),
    }));
  }
}
