/**
 * The model gauge (issue 16): how far the linear model (CW about a circular target, YA about an
 * eccentric one) and two-body motion drift from the perturbed truth over a run, per spacecraft.
 *
 * Method: the burns the run executed (times and delta-v in RIC; finite burns as their thrust
 * arcs) are flown open loop from the same initial RIC state in the perturbed model (with the
 * scenario's `forces` and solar-pressure properties) and in the two other models, on the run's
 * step grid cut at every burn. The position differences from the perturbed state at each node
 * give the final and the worst difference. Open loop on purpose: it measures the models, not the
 * guidance (a targeted leg flown closed loop in each model would hide the drift at its aim
 * point). The costs: three propagations of each spacecraft over the run, the perturbed one about
 * four times a two-body one (`npm run bench`).
 */

import { G0_MPS2 } from '../core/constants.ts';
import type { DynamicsModel } from '../dynamics/model.ts';
import type { PerturbationForces } from '../dynamics/perturbed.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioForces } from './dynamics/perturbed.ts';
import { createModel, initialModelState } from './setup.ts';
import type { BurnRecord, RunResult } from './types.ts';
import { initialRicOf } from '../formats/scenarioElements.ts';

/** One model's drift from the perturbed truth. */
export interface GaugedModel {
  /** The model, as a scenario's `dynamics` value: "cw", "ya" or "nonlinear" (two-body). */
  dynamics: 'cw' | 'ya' | 'nonlinear';
  /** Position difference from the perturbed truth at the run's end, m (RIC). */
  finalPositionDifferenceM: number;
  /** Largest position difference from the perturbed truth at any node, m, and when, s. */
  worstPositionDifferenceM: number;
  worstTS: number;
}

/** The gauge of one spacecraft. */
export interface ModelGauge {
  /** The truth: always "perturbed", with the forces it applied. */
  truth: 'perturbed';
  forces: PerturbationForces;
  /** Time of the final difference (the run's end), s. */
  finalTS: number;
  models: GaugedModel[];
}

/** A burn's thrust arc: thrust (N), mass at its start (kg) and mass flow (kg/s). */
interface Arc {
  startS: number;
  endS: number;
  thrustN: number;
  massStartKg: number;
  massFlowKgPerS: number;
  dirRic: [number, number, number];
}

/** The thrust arc that gives a finite burn's recorded delta-v with its maneuver's thrust and Isp. */
function thrustArc(s: Scenario, index: number, b: BurnRecord): Arc | null {
  if (b.durationS === undefined) return null;
  const spec = s.spacecraft[index]!.maneuvers[b.maneuverIndex] as {
    thrustN?: number;
    ispS?: number;
  };
  const dv = Math.hypot(...b.dvMps);
  if (spec.thrustN === undefined || spec.ispS === undefined || !(dv > 0)) return null;
  const ve = spec.ispS * G0_MPS2;
  const flow = spec.thrustN / ve;
  // dv = ve ln(m0 / (m0 - flow T))  =>  m0 = flow T / (1 - exp(-dv / ve))
  const massStartKg = (flow * b.durationS) / -Math.expm1(-dv / ve);
  return {
    startS: b.tS,
    endS: b.tS + b.durationS,
    thrustN: spec.thrustN,
    massStartKg,
    massFlowKgPerS: flow,
    dirRic: [b.dvMps[0] / dv, b.dvMps[1] / dv, b.dvMps[2] / dv],
  };
}

/** The linear model gauged for a target orbit: CW about a circular one, YA otherwise. */
function linearModel(s: Scenario): 'cw' | 'ya' {
  const t = s.target.orbit.type;
  return t === 'geo' || t === 'circular' ? 'cw' : 'ya';
}

/**
 * The model gauge of every spacecraft of a run, in the run's order (see the module comment).
 * @param run a run of the scenario, in any dynamics (its burns are flown again)
 */
export function modelGauge(run: RunResult): ModelGauge[] {
  const s = run.scenario;
  const truthScenario: Scenario = s.dynamics === 'perturbed' ? s : { ...s, dynamics: 'perturbed' };
  const others = [linearModel(s), 'nonlinear'] as const;
  const otherScenarios = others.map((d): Scenario => ({ ...s, dynamics: d }));
  return run.spacecraft.map((craft, i) => {
    const ric0 = initialRicOf(s, i);
    const scenarios = [truthScenario, ...otherScenarios];
    const models = scenarios.map((sc) => createModel(sc, i));
    const ys = models.map((m, k) => initialModelState(scenarios[k]!, m, ric0));
    const impulses = craft.burns.filter((b) => b.durationS === undefined);
    const arcs = craft.burns.map((b) => thrustArc(s, i, b)).filter((a) => a !== null);
    const times = new Set<number>();
    const T = s.durationS;
    for (let k = 1; k * s.stepS < T; k++) times.add(k * s.stepS);
    times.add(T);
    for (const b of impulses) if (b.tS > 0 && b.tS < T) times.add(b.tS);
    for (const a of arcs) for (const t of [a.startS, a.endS]) if (t > 0 && t < T) times.add(t);
    const nodes = [...times].sort((a, b) => a - b);
    const ric = models.map(() => new Float64Array(6));
    const worst = others.map(() => ({ m: 0, tS: 0 }));
    const final = others.map(() => 0);
    let nextImpulse = 0;
    const at = (tS: number) => {
      while (nextImpulse < impulses.length && impulses[nextImpulse]!.tS <= tS) {
        const dv = impulses[nextImpulse++]!.dvMps;
        for (let k = 0; k < models.length; k++)
          models[k]!.applyImpulseRic(ys[k]!, dv[0], dv[1], dv[2]);
      }
      for (let k = 0; k < models.length; k++) {
        if (arcs.length > 0) setThrust(models[k]!, arcs, tS);
        models[k]!.toRic(ys[k]!, ric[k]!);
      }
      const truth = ric[0]!;
      for (let k = 0; k < others.length; k++) {
        const r = ric[k + 1]!;
        const d = Math.hypot(r[0]! - truth[0]!, r[1]! - truth[1]!, r[2]! - truth[2]!);
        final[k] = d;
        if (d > worst[k]!.m) worst[k] = { m: d, tS };
      }
    };
    at(0);
    let t = 0;
    for (const tNext of nodes) {
      for (let k = 0; k < models.length; k++) models[k]!.rk4Step(t, ys[k]!, tNext - t);
      t = tNext;
      at(t);
    }
    return {
      truth: 'perturbed',
      forces: scenarioForces(truthScenario),
      finalTS: T,
      models: others.map((dynamics, k) => ({
        dynamics,
        finalPositionDifferenceM: final[k]!,
        worstPositionDifferenceM: worst[k]!.m,
        worstTS: worst[k]!.tS,
      })),
    };
  });
}

/** Sets the model's thrust to the arc active from tS on (off when none is). */
function setThrust(model: DynamicsModel, arcs: readonly Arc[], tS: number): void {
  const th = model.thrust;
  let a: Arc | undefined;
  for (const x of arcs) if (x.startS <= tS && tS < x.endS) a = x;
  th.active = a !== undefined;
  if (a === undefined) return;
  th.thrustN = a.thrustN;
  th.massStartKg = a.massStartKg;
  th.massFlowKgPerS = a.massFlowKgPerS;
  th.startS = a.startS;
  th.dirRic.set(a.dirRic);
}
