/**
 * The batch run: propagates every spacecraft of a scenario over its duration, flies each one's
 * maneuver program, and streams the states into the event monitors and any observers.
 *
 * Time nodes are the step grid `k * stepS` (never accumulated), cut at every instant a maneuver
 * of any spacecraft starts or acts, at every burn of the target (`target.maneuvers`: every
 * spacecraft's state is then re-expressed relative to the target), and at `durationS` (a last, shorter step if the duration is
 * not a whole number of steps). All spacecraft advance in lockstep on these nodes, so pair ranges
 * come from states at the same times. Things due at `durationS` happen before the final state.
 *
 * Maneuver programs run in list order per spacecraft. A maneuver starts at its `tS`, `after`
 * seconds after the previous one ends, or (`when`) at the first instant its condition holds once
 * the previous one has ended. The condition is tested at that instant, then along every step on
 * the Hermite interpolant of the spacecraft's state at most TRIGGER_SCAN_S apart (and at the
 * node), so a condition that holds for TRIGGER_SCAN_S or longer is seen whatever the step; its
 * first true instant is located by bisection back to the previous check, to
 * TRIGGER_TIME_TOLERANCE_S (./triggers.ts). The step is then redone up to that instant, so the
 * burn happens at it, and the next maneuver's condition is tested from there on.
 *
 * What a maneuver does when it starts is its module's business (src/maneuvers/registry.ts): the
 * run looks the module up once per maneuver and gives its flight program a FlightContext (burn,
 * targeted legs through ./legs.ts, a stop, a thrust arc). Setup is in ./setup.ts, the
 * per-spacecraft state in ./craft.ts, the result types in ./types.ts.
 *
 * Why this file is over 500 lines (about 730): it is the time loop and the program runner, which
 * share the private per-step state of one class (step grid, breakpoints, the armed flag, the
 * burn count, the lone-spacecraft fast path). Splitting them would put the hot loop's fields
 * behind an interface read every step; the JIT keeps this class monomorphic and the bench
 * (`npm run bench`) checks it.
 */

import { freshArrays, type ArrayAllocator } from '../core/arrays.ts';
import { G0_MPS2 } from '../core/constants.ts';
import { copyThrustState } from '../dynamics/model.ts';
import { compileTriggerCondition } from '../events/conditions.ts';
import { closestApproachOfSamples, StreamMonitor } from '../events/monitor.ts';
import type { FlightContext, Leg, Triple } from '../maneuvers/module.ts';
import { maneuverModule } from '../maneuvers/registry.ts';
import type { Scenario } from '../scenario/schema.ts';
import {
  formatPath,
  targetMeanMotionRadPerS,
  targetPlan,
  TRIGGER_VARIABLES,
} from '../scenario/derived.ts';
import { formatCount, MAX_RUN_BURNS } from '../scenario/limits.ts';
import { initialRicOf } from '../formats/scenarioElements.ts';
import { Craft, type ProgramItem } from './craft.ts';
import { canCoastCw, coastCw, type CoastStop } from './cwCoast.ts';
import { Ephemeris } from './ephemeris.ts';
import { legDeparture } from './legs.ts';
import {
  createModel,
  createSunTable,
  initialModelState,
  pairDetectors,
  targetDetectors,
} from './setup.ts';
import { TRIGGER_SCAN_S, TriggerTester } from './triggers.ts';
import {
  ScenarioRunError,
  type AccuracyEstimate,
  type BurnRecord,
  type PairRun,
  type RunObserver,
  type RunOptions,
  type RunPerturbation,
  type RunResult,
  type SpacecraftRun,
} from './types.ts';

export { createModel, createSunTable, initialModelState, targetDetectors } from './setup.ts';
export { TRANSFER_TOLERANCE_M } from './legs.ts';
export { TRIGGER_SCAN_S, TRIGGER_TIME_TOLERANCE_S } from './triggers.ts';
export * from './types.ts';

/** Final position error estimate above which a report warns, m. */
export const ACCURACY_WARNING_M = 1;

/** Nodes between two checkpoints of a lone spacecraft's state while a trigger is armed. */
const CHECKPOINT_STEPS = 64;

/** The error of a run that would go past {@link MAX_RUN_BURNS} burns, at `path`. */
function burnLimitError(path: string): ScenarioRunError {
  return new ScenarioRunError(
    path,
    `the run would fire more than ${formatCount(MAX_RUN_BURNS)} burns (the limit); stopped: use a wider deadband or a shorter maneuver`,
  );
}

function distance(r: ArrayLike<number>, p: Triple): number {
  return Math.hypot(r[0]! - p[0], r[1]! - p[1], r[2]! - p[2]);
}

/**
 * Runs a validated scenario.
 * @throws ScenarioRunError when a maneuver cannot be executed as written (e.g. a transfer that
 *   does not converge); structural problems are caught earlier by `loadScenario`.
 */
export function runScenario(s: Scenario, options: RunOptions = {}): RunResult {
  return new Run(s, options).execute();
}

class Run {
  private readonly T: number;
  private readonly stepS: number;
  private readonly n: number;
  private readonly crafts: Craft[];
  private readonly pairs: PairRun[];
  /** The RIC states of each pair's two spacecraft (pair p is pairB[p] relative to pairA[p]). */
  private readonly pairA: Float64Array[] = [];
  private readonly pairB: Float64Array[] = [];
  private readonly pairRel = new Float64Array(6);
  private readonly ricViews: Float64Array[];
  private readonly observers: readonly RunObserver[];
  private readonly triggers: TriggerTester;
  private readonly snapshotEveryS: number;
  private nextSnapshotS: number;
  private steps = 0;
  /** Burns fired so far, all spacecraft. */
  private burnCount = 0;
  /** Next instant something is due (cached: changes only at instants). */
  private breakpointS = Infinity;
  /** Whether any spacecraft waits on a trigger (then steps keep their start states). */
  private anyArmed = false;
  private readonly perturbation: RunPerturbation | null;
  /** Whether the target monitors see every step (else the closest approach comes from the ephemeris). */
  private readonly streamEvents: boolean;
  private readonly arrays: ArrayAllocator;
  private readonly scanS: number;
  /** The spacecraft and armed trigger `triggerStop` tests during a fused CW coast. */
  private stopCraft: Craft | null = null;
  private stopTrigger: ProgramItem | null = null;
  /**
   * Whether the armed trigger becomes true within a step of a fused CW coast: the tests of the
   * step-by-step coast below (`coastAlone`), on the same states (in CW the state is the RIC one).
   */
  private readonly triggerStop: CoastStop = (t0S, t1S, prev, next) => {
    const c = this.stopCraft!;
    const armed = this.stopTrigger!;
    return t1S - t0S > this.scanS
      ? this.triggers.firstTrueInstant(c.vars, armed, t0S, t1S, prev, next) < Infinity
      : this.triggers.holds(c.vars, armed, t1S, next);
  };
  /** The target's burns (`target.maneuvers`), in time order; the next one to fire. */
  private readonly targetPlan: BurnRecord[];
  private readonly targetBurns: BurnRecord[] = [];
  private targetNext = 0;

  constructor(
    private readonly s: Scenario,
    options: RunOptions,
  ) {
    this.T = s.durationS;
    this.stepS = s.stepS;
    this.n = targetMeanMotionRadPerS(s.target.orbit, s.epoch);
    this.observers = options.observers ?? [];
    this.perturbation = options.perturbation ?? null;
    this.snapshotEveryS = options.snapshotEveryS ?? Infinity;
    this.nextSnapshotS = this.snapshotEveryS < Infinity ? 0 : Infinity;
    const checkConstraints = options.checkConstraints ?? true;
    this.streamEvents = checkConstraints || !options.recordEphemeris;
    this.arrays = options.arrays ?? freshArrays;
    this.scanS = options.triggerScanS ?? TRIGGER_SCAN_S;
    let usesSun = false;
    this.crafts = s.spacecraft.map((sc, i) => {
      const model = createModel(s, i);
      const program: ProgramItem[] = sc.maneuvers.map((spec, index) => {
        const condition =
          spec.when === undefined ? null : compileTriggerCondition(spec.when, TRIGGER_VARIABLES);
        const sunUsed = condition?.usedNames.includes('sunPhaseDeg') ?? false;
        usesSun ||= sunUsed;
        return { spec, index, module: maneuverModule(spec.type), condition, usesSun: sunUsed };
      });
      const capacity = options.recordEphemeris
        ? Math.ceil(s.durationS / s.stepS) + 4 * program.length + 4
        : 0;
      return new Craft(
        i,
        sc.id,
        model,
        initialModelState(s, model, this.initialRic(i)),
        program,
        new StreamMonitor(checkConstraints ? targetDetectors(s, i) : []),
        sc.massKg,
        capacity > 0 ? new Ephemeris(capacity, this.arrays) : null,
      );
    });
    this.triggers = new TriggerTester(
      options.sunTable ?? (usesSun ? createSunTable(s) : null),
      this.scanS,
    );
    this.pairs = [];
    for (let i = 0; i < this.crafts.length; i++) {
      for (let j = i + 1; j < this.crafts.length; j++) {
        const detectors = checkConstraints ? pairDetectors(s, i, j) : [];
        this.pairs.push({
          a: this.crafts[i]!.id,
          b: this.crafts[j]!.id,
          minRangeM: Infinity,
          minRangeTS: 0,
          monitor: new StreamMonitor(detectors),
        });
        this.pairA.push(this.crafts[i]!.ric);
        this.pairB.push(this.crafts[j]!.ric);
      }
    }
    this.ricViews = this.crafts.map((c) => c.ric);
    this.targetPlan = targetPlan(s);
  }

  execute(): RunResult {
    const { crafts, T } = this;
    for (const c of crafts) {
      c.model.toRic(c.y, c.ric);
      c.monitor.begin(0, c.ric);
      c.ephemeris?.push(0, c.ric);
    }
    for (let p = 0; p < this.pairs.length; p++) this.pairs[p]!.monitor.begin(0, this.relOf(p));
    if (this.nextSnapshotS === 0) this.snapshot(0);
    for (const c of crafts) this.arm(c, 0);
    this.instant(0);
    this.observe(0);

    let t = 0;
    let gridIndex = 0;
    const stepS = this.stepS;
    const count = crafts.length;
    const pairCount = this.pairs.length;
    const stream = this.streamEvents;
    const lone = count === 1 && pairCount === 0 && this.observers.length === 0;
    while (t < T) {
      if (lone) {
        // Whole steps before the next thing due, in a loop of their own (see `coastAlone`).
        const g = this.coastAlone(crafts[0]!, t, gridIndex);
        if (g > gridIndex) {
          gridIndex = g;
          t = g * stepS;
          continue;
        }
      }
      const gridNextS = (gridIndex + 1) * stepS;
      let tNext = Math.min(gridNextS, this.breakpointS, T);
      let fired = false;
      if (this.anyArmed) {
        // slow path: keep the step's start to redo it up to a trigger's first true instant
        this.stepAll(t, tNext);
        const fireS = this.locateTriggers(t, tNext);
        fired = fireS <= tNext;
        if (fireS < tNext) {
          for (const c of crafts) c.y.set(c.saved);
          tNext = fireS;
          this.stepAll(t, tNext);
        }
        for (const c of crafts) {
          if (stream) c.monitor.advance(tNext, c.ric);
          c.ephemeris?.push(tNext, c.ric);
        }
      } else {
        const h = tNext - t;
        for (let i = 0; i < count; i++) {
          const c = crafts[i]!;
          c.model.rk4Step(t, c.y, h);
          c.model.toRic(c.y, c.ric);
          if (stream) c.monitor.advance(tNext, c.ric);
          if (c.ephemeris !== null) c.ephemeris.push(tNext, c.ric);
        }
        this.steps += count;
      }
      for (let p = 0; p < pairCount; p++) this.pairs[p]!.monitor.advance(tNext, this.relOf(p));
      if (tNext === gridNextS) gridIndex++;
      t = tNext;
      if (t >= this.breakpointS || fired) this.instant(t);
      if (this.observers.length > 0) this.observe(t);
      if (t >= this.nextSnapshotS) this.snapshot(t);
    }

    const spacecraft: SpacecraftRun[] = crafts.map((c) => {
      if (!c.ric.every(Number.isFinite)) {
        throw new ScenarioRunError(
          formatPath(['spacecraft', c.index]),
          'the trajectory became non-finite (it passed through the Earth or escaped): check the initial state and burns',
        );
      }
      c.monitor.finish(T);
      const eph = c.ephemeris;
      let rangeM: Float64Array | null = null;
      if (!stream && eph !== null) {
        rangeM = this.arrays.float64(eph.count);
        const ca = closestApproachOfSamples(eph.tS, eph.stateRic, eph.count, rangeM);
        c.monitor.minRangeM = ca.minRangeM;
        c.monitor.minRangeTS = ca.minRangeTS;
      }
      return {
        id: c.id,
        finalRic: Float64Array.from(c.ric),
        accuracy: this.perturbation ? null : this.accuracyEstimate(c),
        burns: c.burns,
        maneuvers: c.records,
        totalDvMps: c.burns.reduce((sum, b) => sum + Math.hypot(...b.dvMps), 0),
        minRangeM: c.monitor.minRangeM,
        minRangeTS: c.monitor.minRangeTS,
        keepOut: c.monitor.tracks.find((tr) => tr.detector.kind === 'keep-out')?.intervals ?? [],
        monitor: c.monitor,
        finalMassKg: Number.isNaN(c.massKg) ? null : c.massKg,
        ephemeris: eph,
        rangeM,
        snapshots: c.snapshots,
      };
    });
    for (const p of this.pairs) {
      p.monitor.finish(T);
      p.minRangeM = p.monitor.minRangeM;
      p.minRangeTS = p.monitor.minRangeTS;
    }
    return {
      scenario: this.s,
      meanMotionRadPerS: this.n,
      spacecraft,
      pairs: this.pairs,
      steps: this.steps,
      targetBurns: this.targetBurns,
    };
  }

  private initialRic(craftIndex: number): Float64Array {
    const ric = initialRicOf(this.s, craftIndex);
    this.perturbation?.initialState(craftIndex, ric);
    return ric;
  }

  /**
   * Steps a lone spacecraft (no pair, no observer) from tS over the grid nodes strictly before
   * the next thing due (breakpoint, snapshot, end), writing the ephemeris in place: the same
   * steps as the main loop, without its per-step bookkeeping. With a trigger armed, it stops
   * before the first step in which the condition becomes true (the step undone), for the main
   * loop to redo that step and locate the instant. Returns the grid index of the last node
   * reached (gridIndex if none).
   */
  private coastAlone(c: Craft, tS: number, gridIndex: number): number {
    const stepS = this.stepS;
    const endS = Math.min(this.breakpointS, this.T, this.nextSnapshotS);
    // nodes gridIndex+1 .. last, all < endS
    let last = Math.ceil(endS / stepS) - 1;
    while (last > gridIndex && last * stepS >= endS) last--;
    if (last <= gridIndex) return gridIndex;
    const model = c.model;
    const y = c.y;
    const ric = c.ric;
    const eph = c.ephemeris;
    if (eph !== null) eph.reserve(last - gridIndex);
    const monitor = this.streamEvents ? c.monitor : null;
    const armed = c.busy ? null : c.armed;
    if (canCoastCw(model, monitor, stepS)) {
      let stop: CoastStop | null = null;
      if (armed !== null) {
        this.stopCraft = c;
        this.stopTrigger = armed;
        stop = this.triggerStop;
      }
      const reached = coastCw(model, y, monitor, eph, tS, gridIndex, last, stepS, stop, c.prevRic);
      this.stopCraft = null;
      this.stopTrigger = null;
      if (armed !== null) model.toRic(y, ric);
      this.steps += reached - gridIndex;
      return reached;
    }
    // With a trigger armed, the start state of the step in which it becomes true must be
    // restored. Rather than copy the state before every step, keep a checkpoint every
    // CHECKPOINT_STEPS nodes and replay the steps from it: RK4 from the same state with the same
    // times gives the same numbers, bit for bit.
    const checkpoint = c.saved;
    let checkpointG = gridIndex;
    let checkpointS = tS;
    if (armed !== null) checkpoint.set(y);
    const prevRic = c.prevRic;
    const scanS = this.scanS;
    let t = tS;
    for (let g = gridIndex + 1; g <= last; g++) {
      const tNext = g * stepS;
      let fires = false;
      if (armed !== null) {
        if (g - 1 - checkpointG >= CHECKPOINT_STEPS) {
          for (let i = 0; i < y.length; i++) checkpoint[i] = y[i]!;
          checkpointG = g - 1;
          checkpointS = t;
        }
        if (tNext - t > scanS) {
          // the interpolant within the step needs its start
          for (let i = 0; i < 6; i++) prevRic[i] = ric[i]!;
          model.rk4Step(t, y, tNext - t);
          model.toRic(y, ric);
          fires = this.triggers.firstTrueInstant(c.vars, armed, t, tNext, prevRic, ric) < Infinity;
        } else {
          model.rk4Step(t, y, tNext - t);
          model.toRic(y, ric);
          fires = this.triggers.holds(c.vars, armed, tNext, ric);
        }
      } else {
        model.rk4Step(t, y, tNext - t);
        model.toRic(y, ric);
      }
      if (fires) {
        y.set(checkpoint);
        let tq = checkpointS;
        for (let q = checkpointG + 1; q < g; q++) {
          model.rk4Step(tq, y, q * stepS - tq);
          tq = q * stepS;
        }
        model.toRic(y, ric);
        this.steps += g - 1 - gridIndex;
        return g - 1;
      }
      if (monitor !== null) monitor.advance(tNext, ric);
      if (eph !== null) {
        const k = eph.count;
        eph.tS[k] = tNext;
        const st = eph.stateRic;
        const o = 6 * k;
        st[o] = ric[0]!;
        st[o + 1] = ric[1]!;
        st[o + 2] = ric[2]!;
        st[o + 3] = ric[3]!;
        st[o + 4] = ric[4]!;
        st[o + 5] = ric[5]!;
        eph.count = k + 1;
      }
      t = tNext;
    }
    this.steps += last - gridIndex;
    return last;
  }

  /** One step of every spacecraft, keeping each start state (for redoing it to a trigger). */
  private stepAll(t: number, tNext: number): void {
    const h = tNext - t;
    for (const c of this.crafts) {
      const y = c.y;
      const saved = c.saved;
      for (let i = 0; i < y.length; i++) saved[i] = y[i]!;
      const ric = c.ric;
      const prev = c.prevRic;
      for (let i = 0; i < 6; i++) prev[i] = ric[i]!;
      c.model.rk4Step(t, y, h);
      c.model.toRic(y, ric);
    }
    this.steps += this.crafts.length;
  }

  private relOf(p: number): Float64Array {
    const a = this.pairA[p]!;
    const b = this.pairB[p]!;
    const out = this.pairRel;
    for (let k = 0; k < 6; k++) out[k] = b[k]! - a[k]!;
    return out;
  }

  private observe(tS: number): void {
    for (const o of this.observers) o.node(tS, this.ricViews);
  }

  private snapshot(tS: number): void {
    for (const c of this.crafts)
      c.snapshots.push({ tS, y: Float64Array.from(c.y), burnIndex: null });
    this.nextSnapshotS = tS + this.snapshotEveryS;
  }

  /**
   * The earliest instant in (t0S, t1S] at which an armed trigger becomes true, or Infinity when
   * none does (see `firstTrueInstant`).
   */
  private locateTriggers(t0S: number, t1S: number): number {
    let first = Infinity;
    for (const c of this.crafts) {
      c.locatedS = Number.NaN;
      const item = c.armed;
      if (!item || c.busy) continue;
      const at = this.triggers.firstTrueInstant(c.vars, item, t0S, t1S, c.prevRic, c.ric);
      if (at === Infinity) continue;
      c.locatedS = at;
      first = Math.min(first, at);
    }
    return first;
  }

  private updateSchedule(): void {
    let bp = Infinity;
    let armed = false;
    for (const c of this.crafts) {
      if (c.pending.length > 0) bp = Math.min(bp, c.pending[0]!.tS);
      if (!c.busy) bp = Math.min(bp, c.dueS);
      armed ||= c.armed !== null && !c.busy;
    }
    const targetBurn = this.targetPlan[this.targetNext];
    if (targetBurn !== undefined) bp = Math.min(bp, targetBurn.tS);
    this.breakpointS = bp;
    this.anyArmed = armed;
  }

  /**
   * The target's burns due at tS: every spacecraft's state is re-expressed relative to the
   * target's new velocity (the RIC frame stays centred on the target; see
   * `applyTargetImpulseRic`), a change of state the monitors see as a jump.
   */
  private targetInstant(tS: number): void {
    const plan = this.targetPlan;
    while (this.targetNext < plan.length && plan[this.targetNext]!.tS <= tS) {
      const b = plan[this.targetNext++]!;
      if (++this.burnCount > MAX_RUN_BURNS)
        throw burnLimitError(formatPath(['target', 'maneuvers', b.maneuverIndex]));
      const dv = b.dvMps;
      for (const c of this.crafts) {
        c.model.applyTargetImpulseRic(c.y, dv[0], dv[1], dv[2]);
        this.arcStart(c, tS);
        c.dirty = true;
        if (this.snapshotEveryS < Infinity)
          c.snapshots.push({ tS, y: Float64Array.from(c.y), burnIndex: null });
      }
      this.targetBurns.push({ ...b, tS });
    }
  }

  /**
   * Everything due at instant tS: pending actions, timed starts, triggers that hold (or whose
   * first true instant was located at tS between nodes).
   */
  private instant(tS: number): void {
    this.targetInstant(tS);
    for (const c of this.crafts) {
      for (let guard = 0; guard < 10_000; guard++) {
        const pending = c.pending[0];
        if (pending && pending.tS <= tS) {
          c.pending.shift();
          pending.run();
          c.model.toRic(c.y, c.ric);
          continue;
        }
        if (c.busy || c.next >= c.program.length) break;
        const item = c.program[c.next]!;
        if (c.dueS <= tS) {
          this.start(c, item, tS);
          continue;
        }
        if (c.armed && (c.locatedS === tS || this.triggers.holds(c.vars, item, tS, c.ric))) {
          this.start(c, item, tS);
          continue;
        }
        break;
      }
      if (c.dirty) {
        c.model.toRic(c.y, c.ric);
        c.monitor.jump(tS, c.ric);
        c.ephemeris?.push(tS, c.ric);
        c.dirty = false;
      }
    }
    for (let p = 0; p < this.pairs.length; p++) this.pairs[p]!.monitor.jump(tS, this.relOf(p));
    this.updateSchedule();
  }

  /** Makes program[c.next] the maneuver waiting to start, after the previous ended at prevEndS. */
  private arm(c: Craft, prevEndS: number): void {
    c.armed = null;
    c.dueS = Infinity;
    const item = c.program[c.next];
    if (!item) return;
    const spec = item.spec;
    if (spec.tS !== undefined) {
      if (spec.tS < prevEndS && !this.perturbation) {
        throw new ScenarioRunError(
          formatPath(['spacecraft', c.index, 'maneuvers', item.index, 'tS']),
          `is due at ${spec.tS} s, but the maneuver before it ends at ${prevEndS.toFixed(3)} s: maneuvers of one spacecraft run in list order, one at a time`,
        );
      }
      c.dueS = spec.tS;
    } else if (spec.after !== undefined) {
      c.dueS = prevEndS + spec.after;
    } else {
      c.armed = item;
    }
    if (c.armed === null && this.perturbation) {
      c.dueS = Math.max(prevEndS, c.dueS + this.perturbation.startDelayS(c.index, item.index));
    }
  }

  private start(c: Craft, item: ProgramItem, tS: number): void {
    const record = c.records[c.next]!;
    record.startS = tS;
    c.busy = true;
    c.armed = null;
    c.dueS = Infinity;
    // the instant located for this maneuver's trigger is used up: the next maneuver, armed when
    // this one ends (possibly at once), must find its own condition true
    c.locatedS = Number.NaN;
    const endS = this.begin(c, item, tS);
    const finish = () => {
      record.endS = endS;
      c.busy = false;
      c.next++;
      this.arm(c, endS);
    };
    if (endS === tS) finish();
    else c.pending.push({ tS: endS, run: finish });
    c.pending.sort((a, b) => a.tS - b.tS);
  }

  private burn(
    c: Craft,
    tS: number,
    dv: [number, number, number],
    record: Omit<BurnRecord, 'dvMps' | 'frame' | 'tS'>,
  ) {
    // the hard cap behind the up-front count of src/scenario/limits.ts
    if (++this.burnCount > MAX_RUN_BURNS)
      throw burnLimitError(formatPath(['spacecraft', c.index, 'maneuvers', record.maneuverIndex]));
    if (this.perturbation && !this.perturbation.burn(c.index, c.burnOrdinal++, dv)) return;
    c.model.applyImpulseRic(c.y, dv[0], dv[1], dv[2]);
    this.arcStart(c, tS);
    c.burns.push({ tS, ...record, frame: 'RIC', dvMps: dv });
    c.dirty = true;
    if (this.snapshotEveryS < Infinity) {
      c.snapshots.push({ tS, y: Float64Array.from(c.y), burnIndex: c.burns.length - 1 });
    }
  }

  /** Starts a maneuver at tS; returns its end time (tS for an instantaneous one). */
  private begin(c: Craft, item: ProgramItem, tS: number): number {
    c.model.toRic(c.y, c.ric);
    return item.module.fly(this.flightContext(c, item), item.spec, tS);
  }

  /** What a maneuver's flight program may do (src/maneuvers/module.ts), made when it starts. */
  private flightContext(c: Craft, item: ProgramItem): FlightContext {
    const path = formatPath(['spacecraft', c.index, 'maneuvers', item.index]);
    const base = { maneuver: item.spec.type, maneuverIndex: item.index };
    return {
      model: c.model,
      y: c.y,
      ric: c.ric,
      nRadPerS: this.n,
      endS: this.T,
      path,
      perturbed: this.perturbation !== null,
      burn: (tS, dv) => this.burn(c, tS, dv, base),
      flyLegs: (t0S, legs, finalVelocityMps) =>
        this.flyLegs(c, t0S, legs, finalVelocityMps, base, path),
      stopAt: (endS, want) => this.stopAt(c, endS, base, want),
      thrust: (tS, durationS, thrustRicN, ispS) =>
        this.thrust(c, tS, durationS, thrustRicN, ispS, base),
      fail: (key, message) => {
        throw new ScenarioRunError(key === null ? path : `${path}.${key}`, message);
      },
      checkBurnCount: (count, key) => {
        if (count > MAX_RUN_BURNS) throw burnLimitError(`${path}.${key}`);
      },
    };
  }

  /**
   * Constant thrust fixed in RIC from tS for durationS (thrust vector in N, mass flow from ispS):
   * the model integrates it; its end (a pending action) records it as one burn of its delta-v
   * integral and updates the mass. Returns the end time.
   */
  private thrust(
    c: Craft,
    tS: number,
    durationS: number,
    thrust: Triple,
    ispS: number,
    base: Omit<BurnRecord, 'dvMps' | 'frame' | 'tS'>,
  ): number {
    const th = c.model.thrust;
    const endS = tS + durationS;
    if (this.perturbation && !this.perturbation.burn(c.index, c.burnOrdinal++, thrust)) return endS;
    const thrustN = Math.hypot(...thrust);
    th.active = true;
    th.thrustN = thrustN;
    th.massStartKg = c.massKg;
    th.massFlowKgPerS = thrustN / (ispS * G0_MPS2);
    th.startS = tS;
    th.dirRic[0] = thrust[0] / thrustN;
    th.dirRic[1] = thrust[1] / thrustN;
    th.dirRic[2] = thrust[2] / thrustN;
    this.arcStart(c, tS);
    c.pending.push({
      tS: endS,
      run: () => {
        const m1 = th.massStartKg - th.massFlowKgPerS * durationS;
        const dvMag = ispS * G0_MPS2 * Math.log(th.massStartKg / m1);
        c.burns.push({
          tS,
          frame: 'RIC',
          dvMps: [dvMag * th.dirRic[0]!, dvMag * th.dirRic[1]!, dvMag * th.dirRic[2]!],
          ...base,
          durationS,
        });
        c.massKg = m1;
        th.active = false;
        this.arcStart(c, endS);
        if (this.snapshotEveryS < Infinity) {
          c.snapshots.push({
            tS: endS,
            y: Float64Array.from(c.y),
            burnIndex: c.burns.length - 1,
          });
        }
      },
    });
    return endS;
  }

  /** Marks tS as the start of a new arc of `c` (its state or thrust just changed). */
  private arcStart(c: Craft, tS: number): void {
    // a burn at the very end leaves the position as it was: the estimate keeps the arc before
    if (tS >= this.T) return;
    c.arcStartS = tS;
    c.arcStartY.set(c.y);
    copyThrustState(c.model.thrust, c.arcThrust);
  }

  /** RK4 step doubling over the final arc of `c` (see AccuracyEstimate). */
  private accuracyEstimate(c: Craft): AccuracyEstimate {
    const fromS = c.arcStartS;
    const spanS = this.T - fromS;
    if (!(spanS > 0)) return { finalPositionErrorEstimateM: 0, fromS };
    const model = createModel(this.s, c.index);
    model.maxSubStepS = 2 * c.model.maxSubStepS;
    copyThrustState(c.arcThrust, model.thrust);
    const y = Float64Array.from(c.arcStartY);
    const count = Math.ceil(spanS / (2 * this.stepS) - 1e-9);
    const h = spanS / count;
    for (let k = 0; k < count; k++) model.rk4Step(fromS + k * h, y, h);
    const coarse = new Float64Array(6);
    model.toRic(y, coarse);
    const r = c.ric;
    const differenceM = Math.hypot(r[0]! - coarse[0]!, r[1]! - coarse[1]!, r[2]! - coarse[2]!);
    return { finalPositionErrorEstimateM: differenceM / 15, fromS };
  }

  /** Burns to the velocity `want(ric)` at `endS` (a pending action); returns endS. */
  private stopAt(
    c: Craft,
    endS: number,
    base: Omit<BurnRecord, 'dvMps' | 'frame' | 'tS'>,
    want: (ric: Float64Array) => Triple,
  ): number {
    c.pending.push({
      tS: endS,
      run: () => {
        c.model.toRic(c.y, c.ric);
        const r = c.ric;
        const v = want(r);
        this.burn(c, endS, [v[0] - r[3]!, v[1] - r[4]!, v[2] - r[5]!], base);
      },
    });
    return endS;
  }

  /**
   * Flies a chain of targeted legs: at each leg's start a burn onto the arc that reaches its
   * point at its end (CW solution, refined on the integrated arc in the nonlinear models), the
   * last ending with a burn to `finalVelocityMps`. Each leg starts from the state actually
   * reached, so errors do not pile up. Returns the end time.
   */
  private flyLegs(
    c: Craft,
    t0S: number,
    legs: readonly Leg[],
    finalVelocityMps: Triple,
    base: Omit<BurnRecord, 'dvMps' | 'frame' | 'tS'>,
    path: string,
  ): number {
    let tS = t0S;
    legs.forEach((leg, k) => {
      const startS = tS;
      const previous = legs[k - 1];
      const depart = () => {
        c.model.toRic(c.y, c.ric);
        const r = c.ric;
        const v0Plus = legDeparture(
          this.s,
          this.n,
          c,
          startS,
          leg.durationS,
          leg.toPositionM,
          path,
        );
        const missM = previous ? distance(r, previous.toPositionM) : undefined;
        this.burn(c, startS, [v0Plus[0]! - r[3]!, v0Plus[1]! - r[4]!, v0Plus[2]! - r[5]!], {
          ...base,
          ...(missM !== undefined ? { missM } : {}),
        });
      };
      if (k === 0) depart();
      else c.pending.push({ tS: startS, run: depart });
      tS = startS + leg.durationS;
    });
    const endS = tS;
    const last = legs[legs.length - 1]!;
    c.pending.push({
      tS: endS,
      run: () => {
        c.model.toRic(c.y, c.ric);
        const r = c.ric;
        const v = finalVelocityMps;
        this.burn(c, endS, [v[0] - r[3]!, v[1] - r[4]!, v[2] - r[5]!], {
          ...base,
          missM: distance(r, last.toPositionM),
        });
      },
    });
    return endS;
  }
}
