/**
 * The batch run: propagates every spacecraft of a scenario over its duration, executes the
 * maneuvers at their exact times, and streams the states into the event monitors.
 *
 * Time nodes are the step grid `k * stepS` (never accumulated), cut at every maneuver instant of
 * any spacecraft, and at `durationS` (a last, shorter step if the duration is not a whole number
 * of steps). All spacecraft advance in lockstep on these nodes, so pair ranges are computed from
 * states at the same times. Maneuvers at `durationS` run before the final state is taken.
 */

import { DEG_TO_RAD, G0_MPS2, GEO_RADIUS_M, MU_EARTH_M3_S2 } from '../core/constants.ts';
import { CwDynamics } from '../dynamics/cw.ts';
import type { DynamicsModel } from '../dynamics/model.ts';
import { NonlinearCircularDynamics } from '../dynamics/nonlinear.ts';
import { keplerStateEci, TwoBodyDynamics } from '../dynamics/twobody.ts';
import { RangeMonitor } from '../events/range.ts';
import type { Interval } from '../events/range.ts';
import { cwTransferDepartureVelocity, refineTransfer } from '../maneuvers/transfer.ts';
import type { ManeuverSpec, Scenario } from '../scenario/schema.ts';
import { formatPath, targetMeanMotionRadPerS } from '../scenario/validate.ts';
import { Ephemeris } from './ephemeris.ts';

/** Arrival miss below which a refined nonlinear transfer is accepted, m. */
export const TRANSFER_TOLERANCE_M = 1e-3;

/**
 * Step of the trial arcs in a transfer's differential correction, s: at most 1/1440 of an orbit
 * (RK4 error about 1e-6 m per orbit for 10 km separations, far below TRANSFER_TOLERANCE_M), never
 * finer than the scenario step. The run itself then flies the solution at the scenario step and
 * reports the arrival miss it actually got (`missM`).
 */
function correctionStepS(stepS: number, nRadPerS: number): number {
  return Math.max(stepS, Math.min(60, (2 * Math.PI) / nRadPerS / 1440));
}

/** A problem found while running a valid scenario (a plan that cannot be flown as written). */
export class ScenarioRunError extends Error {
  /** @param path JSON path of the maneuver at fault @param message what went wrong */
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
  maneuver: ManeuverSpec['type'];
  /** Index of that maneuver in the spacecraft's `maneuvers`. */
  maneuverIndex: number;
  /** Finite burns: burn length, s. */
  durationS?: number;
  /** Transfer arrival burns: distance from the wanted arrival point when it fired, m. */
  missM?: number;
}

/** What a run gives for one spacecraft. */
export interface SpacecraftRun {
  id: string;
  /** Final RIC state at durationS, m and m/s. */
  finalRic: Float64Array;
  burns: BurnRecord[];
  totalDvMps: number;
  minRangeM: number;
  minRangeTS: number;
  keepOut: Interval[];
  /** Mass at the end, kg, when the spacecraft's mass is given. */
  finalMassKg: number | null;
  ephemeris: Ephemeris | null;
}

/** Closest approach of two spacecraft. */
export interface PairRun {
  a: string;
  b: string;
  minRangeM: number;
  minRangeTS: number;
}

/** The outcome of a run. */
export interface RunResult {
  scenario: Scenario;
  meanMotionRadPerS: number;
  spacecraft: SpacecraftRun[];
  pairs: PairRun[];
  /** Integration steps taken, summed over spacecraft. */
  steps: number;
}

/** Options of `runScenario`. */
export interface RunOptions {
  /** Keep every node's state (for the view and CSV export); off for Monte Carlo. */
  recordEphemeris?: boolean;
}

type ActionKind =
  'finite-end' | 'transfer-arrive' | 'impulse' | 'football' | 'transfer-start' | 'finite-start';
const ACTION_ORDER: Record<ActionKind, number> = {
  'finite-end': 0,
  'transfer-arrive': 1,
  impulse: 2,
  football: 2,
  'transfer-start': 2,
  'finite-start': 2,
};

interface Action {
  tS: number;
  kind: ActionKind;
  maneuverIndex: number;
}

/** Builds the dynamics model of a scenario (one instance per spacecraft: each has its thrust). */
export function createModel(s: Scenario): DynamicsModel {
  const orbit = s.target.orbit;
  if (orbit.type === 'elliptical') return new TwoBodyDynamics(MU_EARTH_M3_S2);
  const n = targetMeanMotionRadPerS(orbit);
  if (s.dynamics === 'cw') return new CwDynamics(n);
  return new NonlinearCircularDynamics(n, orbit.type === 'geo' ? GEO_RADIUS_M : orbit.radiusM);
}

/** Writes the target part of a two-body state (nothing for the relative models). */
function initTargetState(s: Scenario, y: Float64Array): void {
  const orbit = s.target.orbit;
  if (orbit.type === 'elliptical') {
    keplerStateEci(
      orbit.semiMajorAxisM,
      orbit.eccentricity,
      orbit.trueAnomalyDeg * DEG_TO_RAD,
      MU_EARTH_M3_S2,
      y,
    );
  }
}

function planActions(maneuvers: readonly ManeuverSpec[]): Action[] {
  const actions: Action[] = [];
  maneuvers.forEach((m, i) => {
    switch (m.type) {
      case 'impulse':
      case 'football':
        actions.push({ tS: m.tS, kind: m.type, maneuverIndex: i });
        break;
      case 'transfer':
        actions.push({ tS: m.tS, kind: 'transfer-start', maneuverIndex: i });
        actions.push({ tS: m.tS + m.durationS, kind: 'transfer-arrive', maneuverIndex: i });
        break;
      case 'finite':
        actions.push({ tS: m.tS, kind: 'finite-start', maneuverIndex: i });
        actions.push({ tS: m.tS + m.durationS, kind: 'finite-end', maneuverIndex: i });
        break;
    }
  });
  return actions.sort(
    (p, q) =>
      p.tS - q.tS ||
      ACTION_ORDER[p.kind] - ACTION_ORDER[q.kind] ||
      p.maneuverIndex - q.maneuverIndex,
  );
}

/** Per-spacecraft mutable state of a run. */
class Craft {
  readonly y: Float64Array;
  readonly ric = new Float64Array(6);
  readonly burns: BurnRecord[] = [];
  readonly monitor: RangeMonitor;
  nextAction = 0;
  massKg: number;
  readonly ephemeris: Ephemeris | null;

  constructor(
    readonly index: number,
    readonly model: DynamicsModel,
    readonly actions: Action[],
    keepOutRadiusM: number,
    massKg: number | undefined,
    ephemerisCapacity: number,
  ) {
    this.y = new Float64Array(model.stateSize);
    this.monitor = new RangeMonitor(keepOutRadiusM);
    this.massKg = massKg ?? Number.NaN;
    this.ephemeris = ephemerisCapacity > 0 ? new Ephemeris(ephemerisCapacity) : null;
  }
}

/** The step grid cut at breakpoints: the node after `tS`. */
function nextNode(
  tS: number,
  gridIndex: number,
  stepS: number,
  breakpointS: number,
  endS: number,
): number {
  return Math.min((gridIndex + 1) * stepS, breakpointS, endS);
}

/**
 * Runs a validated scenario.
 * @throws ScenarioRunError when a maneuver cannot be executed as written (e.g. a transfer that
 *   does not converge); structural problems are caught earlier by `loadScenario`.
 */
export function runScenario(s: Scenario, options: RunOptions = {}): RunResult {
  const T = s.durationS;
  const stepS = s.stepS;
  const n = targetMeanMotionRadPerS(s.target.orbit);
  const keepOutRadiusM = s.target.keepOut?.radiusM ?? 0;

  const crafts = s.spacecraft.map((sc, i) => {
    const actions = planActions(sc.maneuvers);
    const capacity = options.recordEphemeris ? Math.ceil(T / stepS) + 2 * actions.length + 4 : 0;
    const c = new Craft(i, createModel(s), actions, keepOutRadiusM, sc.massKg, capacity);
    initTargetState(s, c.y);
    c.model.setRic(c.y, [...sc.initial.positionM, ...sc.initial.velocityMps]);
    return c;
  });
  const breakpoints = [...new Set(crafts.flatMap((c) => c.actions.map((a) => a.tS)))].sort(
    (a, b) => a - b,
  );

  const pairMonitors: { i: number; j: number; monitor: RangeMonitor }[] = [];
  for (let i = 0; i < crafts.length; i++) {
    for (let j = i + 1; j < crafts.length; j++)
      pairMonitors.push({ i, j, monitor: new RangeMonitor(0) });
  }
  const pairRel = new Float64Array(6);
  const relOf = (i: number, j: number): Float64Array => {
    const a = crafts[i]!.ric;
    const b = crafts[j]!.ric;
    for (let k = 0; k < 6; k++) pairRel[k] = b[k]! - a[k]!;
    return pairRel;
  };

  let t = 0;
  let gridIndex = 0;
  let bp = 0;
  let steps = 0;

  for (const c of crafts) {
    c.model.toRic(c.y, c.ric);
    c.monitor.begin(0, c.ric);
    c.ephemeris?.push(0, c.ric);
  }
  for (const p of pairMonitors) p.monitor.begin(0, relOf(p.i, p.j));

  const runActionsAt = (tS: number) => {
    for (const c of crafts) {
      let fired = false;
      while (c.nextAction < c.actions.length && c.actions[c.nextAction]!.tS === tS) {
        executeAction(s, c, c.actions[c.nextAction]!, n, stepS);
        c.nextAction++;
        fired = true;
      }
      if (fired) {
        c.model.toRic(c.y, c.ric);
        c.monitor.jump(tS, c.ric);
        c.ephemeris?.push(tS, c.ric);
      }
    }
    for (const p of pairMonitors) p.monitor.jump(tS, relOf(p.i, p.j));
  };

  if (breakpoints[0] === 0) {
    runActionsAt(0);
    bp = 1;
  }
  while (t < T) {
    const bpS = bp < breakpoints.length ? breakpoints[bp]! : Infinity;
    const tNext = nextNode(t, gridIndex, stepS, bpS, T);
    const h = tNext - t;
    for (const c of crafts) {
      c.model.rk4Step(t, c.y, h);
      c.model.toRic(c.y, c.ric);
      c.monitor.advance(tNext, c.ric);
      c.ephemeris?.push(tNext, c.ric);
    }
    steps += crafts.length;
    for (const p of pairMonitors) p.monitor.advance(tNext, relOf(p.i, p.j));
    if (tNext === (gridIndex + 1) * stepS) gridIndex++;
    t = tNext;
    if (t === bpS) {
      runActionsAt(t);
      bp++;
    }
  }

  const spacecraft: SpacecraftRun[] = crafts.map((c) => {
    if (!c.ric.every(Number.isFinite)) {
      throw new ScenarioRunError(
        formatPath(['spacecraft', c.index]),
        'the trajectory became non-finite (it passed through the Earth or escaped): check the initial state and burns',
      );
    }
    c.monitor.finish(T);
    return {
      id: s.spacecraft[c.index]!.id,
      finalRic: Float64Array.from(c.ric),
      burns: c.burns,
      totalDvMps: c.burns.reduce((sum, b) => sum + Math.hypot(...b.dvMps), 0),
      minRangeM: c.monitor.minRangeM,
      minRangeTS: c.monitor.minRangeTS,
      keepOut: c.monitor.keepOut,
      finalMassKg: Number.isNaN(c.massKg) ? null : c.massKg,
      ephemeris: c.ephemeris,
    };
  });
  const pairs: PairRun[] = pairMonitors.map((p) => ({
    a: s.spacecraft[p.i]!.id,
    b: s.spacecraft[p.j]!.id,
    minRangeM: p.monitor.minRangeM,
    minRangeTS: p.monitor.minRangeTS,
  }));
  return { scenario: s, meanMotionRadPerS: n, spacecraft, pairs, steps };
}

function maneuverPath(c: Craft, index: number): string {
  return formatPath(['spacecraft', c.index, 'maneuvers', index]);
}

function applyImpulse(
  c: Craft,
  dv: [number, number, number],
  record: Omit<BurnRecord, 'dvMps' | 'frame'>,
) {
  c.model.applyImpulseRic(c.y, dv[0], dv[1], dv[2]);
  c.burns.push({ ...record, frame: 'RIC', dvMps: dv });
}

function executeAction(s: Scenario, c: Craft, action: Action, n: number, stepS: number): void {
  const spec = s.spacecraft[c.index]!.maneuvers[action.maneuverIndex]!;
  const tS = action.tS;
  const base = { tS, maneuver: spec.type, maneuverIndex: action.maneuverIndex };
  c.model.toRic(c.y, c.ric);
  const ric = c.ric;
  switch (action.kind) {
    case 'impulse': {
      if (spec.type !== 'impulse') return;
      applyImpulse(c, [spec.dvMps[0], spec.dvMps[1], spec.dvMps[2]], base);
      return;
    }
    case 'football': {
      if (spec.type !== 'football') return;
      const dv = footballEntryDv(c, n, spec.amplitudeM, maneuverPath(c, action.maneuverIndex));
      applyImpulse(c, dv, base);
      return;
    }
    case 'transfer-start': {
      if (spec.type !== 'transfer') return;
      const v0Plus = new Float64Array(3);
      const path = maneuverPath(c, action.maneuverIndex);
      const singular = cwTransferDepartureVelocity(
        n,
        spec.durationS,
        ric,
        spec.toPositionM,
        ric.subarray(3),
        v0Plus,
      );
      if (singular !== null) {
        throw new ScenarioRunError(
          `${path}.toPositionM`,
          `the cross-track position ${spec.toPositionM[2]} m cannot be reached in ${spec.durationS} s (a whole number of half orbits): the cross-track motion returns to ${(-ric[2]!).toFixed(3)} m whatever the burn`,
        );
      }
      if (c.model.kind !== 'cw') {
        const miss = refineTransfer(
          (v, out) => coastArrival(s, c, tS, spec.durationS, v, correctionStepS(stepS, n), out),
          spec.toPositionM,
          n,
          spec.durationS,
          v0Plus,
          TRANSFER_TOLERANCE_M,
        );
        if (!(miss <= TRANSFER_TOLERANCE_M)) {
          throw new ScenarioRunError(
            path,
            `the transfer to [${spec.toPositionM.join(', ')}] m did not converge in the nonlinear model (miss ${miss.toFixed(3)} m): shorten the transfer or split it`,
          );
        }
      }
      applyImpulse(c, [v0Plus[0]! - ric[3]!, v0Plus[1]! - ric[4]!, v0Plus[2]! - ric[5]!], base);
      return;
    }
    case 'transfer-arrive': {
      if (spec.type !== 'transfer') return;
      const want = spec.toVelocityMps ?? [0, 0, 0];
      const missM = Math.hypot(
        ric[0]! - spec.toPositionM[0],
        ric[1]! - spec.toPositionM[1],
        ric[2]! - spec.toPositionM[2],
      );
      applyImpulse(c, [want[0] - ric[3]!, want[1] - ric[4]!, want[2] - ric[5]!], {
        ...base,
        missM,
      });
      return;
    }
    case 'finite-start': {
      if (spec.type !== 'finite') return;
      const th = c.model.thrust;
      const norm = Math.hypot(...spec.direction);
      th.active = true;
      th.thrustN = spec.thrustN;
      th.massStartKg = c.massKg;
      th.massFlowKgPerS = spec.thrustN / (spec.ispS * G0_MPS2);
      th.startS = tS;
      th.dirRic[0] = spec.direction[0] / norm;
      th.dirRic[1] = spec.direction[1] / norm;
      th.dirRic[2] = spec.direction[2] / norm;
      return;
    }
    case 'finite-end': {
      if (spec.type !== 'finite') return;
      const th = c.model.thrust;
      const m1 = th.massStartKg - th.massFlowKgPerS * spec.durationS;
      const dvMag = spec.ispS * G0_MPS2 * Math.log(th.massStartKg / m1);
      c.burns.push({
        tS: spec.tS,
        frame: 'RIC',
        dvMps: [dvMag * th.dirRic[0]!, dvMag * th.dirRic[1]!, dvMag * th.dirRic[2]!],
        maneuver: 'finite',
        maneuverIndex: action.maneuverIndex,
        durationS: spec.durationS,
      });
      c.massKg = m1;
      th.active = false;
      return;
    }
  }
}

/**
 * Delta-v that puts the spacecraft on the closed natural-motion ellipse through its current
 * position: in CW xd = n y / 2, yd = -2 n x (radial amplitude sqrt(x^2 + (y/2)^2)). In the
 * nonlinear models the in-track rate is then adjusted so that the spacecraft's orbital energy
 * (so its period) equals the target's: the CW condition alone leaves a secular drift of
 * ~0.22 m per orbit at 1 km and 22 m at 10 km (../shared REFERENCE "Football").
 * Cross-track motion is left as it is (it is periodic with the same period).
 */
function footballEntryDv(
  c: Craft,
  n: number,
  amplitudeM: number | undefined,
  path: string,
): [number, number, number] {
  const ric = c.ric;
  const x = ric[0]!;
  const y = ric[1]!;
  const a = Math.hypot(x, 0.5 * y);
  if (amplitudeM !== undefined && Math.abs(a - amplitudeM) > Math.max(1, 0.01 * amplitudeM)) {
    throw new ScenarioRunError(
      `${path}.amplitudeM`,
      `the spacecraft is at R ${x.toFixed(1)} m, I ${y.toFixed(1)} m, on the ellipse of radial amplitude ${a.toFixed(1)} m, not ${amplitudeM} m: move to e.g. [0, ${2 * amplitudeM}, 0] first (a transfer), or leave out amplitudeM`,
    );
  }
  const want = Float64Array.from(ric);
  want[3] = 0.5 * n * y;
  want[4] = -2 * n * x;
  if (c.model.kind !== 'cw') matchEnergy(c, want);
  return [want[3]! - ric[3]!, want[4]! - ric[4]!, 0];
}

/** Adjusts the in-track rate of `ric` (secant iteration) so the energy gap to the target is zero. */
function matchEnergy(c: Craft, ric: Float64Array): void {
  const y = Float64Array.from(c.y);
  const gap = (vi: number): number => {
    ric[4] = vi;
    c.model.setRic(y, ric);
    return c.model.energyGapM2S2(y);
  };
  let v0 = ric[4]!;
  let g0 = gap(v0);
  let v1 = v0 + 1e-4;
  let g1 = gap(v1);
  for (let i = 0; i < 20 && g1 !== 0 && g1 !== g0 && Math.abs(v1 - v0) > 1e-15; i++) {
    const v2 = v1 - (g1 * (v1 - v0)) / (g1 - g0);
    v0 = v1;
    g0 = g1;
    v1 = v2;
    g1 = gap(v1);
  }
  ric[4] = v1;
}

/** Integrates a copy of the spacecraft's state over a transfer arc (no other maneuvers). */
function coastArrival(
  s: Scenario,
  c: Craft,
  t0S: number,
  durationS: number,
  v0Plus: Float64Array,
  stepS: number,
  outRf: Float64Array,
): void {
  const model = createModel(s);
  const y = Float64Array.from(c.y);
  c.model.toRic(c.y, c.ric);
  const ric = Float64Array.from(c.ric);
  ric[3] = v0Plus[0]!;
  ric[4] = v0Plus[1]!;
  ric[5] = v0Plus[2]!;
  model.setRic(y, ric);
  const endS = t0S + durationS;
  let t = t0S;
  let k = Math.floor(t0S / stepS);
  while (t < endS) {
    const tNext = nextNode(t, k, stepS, Infinity, endS);
    model.rk4Step(t, y, tNext - t);
    if (tNext === (k + 1) * stepS) k++;
    t = tNext;
  }
  model.toRic(y, ric);
  outRf[0] = ric[0]!;
  outRf[1] = ric[1]!;
  outRf[2] = ric[2]!;
}
