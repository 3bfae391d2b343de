/**
 * A Monte Carlo trial written out as a scenario of its own (`rpo-sim montecarlo --worst`), so a
 * planner can open the worst pass in the view or run it again with `rpo-sim run`.
 *
 * The trial is re-run alone (a trial depends only on its seed and index) with a recording
 * sampler, and the scenario is rewritten from what was actually flown:
 * - each spacecraft's initial state is the dispersed one;
 * - every impulsive burn, whatever maneuver commanded it (an impulse, a football entry, each burn
 *   of a transfer, hop, teardrop, hold or glideslope), becomes an `impulse` with its dispersed
 *   delta-v at the instant it was commanded (`tS`, s since the epoch). The planned maneuvers
 *   re-target from the state they start from, so writing them again as the same maneuvers would
 *   not give the dispersed burns back; their impulses do;
 * - a finite burn stays `finite`, with the dispersed thrust vector as its direction and magnitude;
 * - triggered (`when`) maneuvers are written at the instant they fired;
 * - a missed impulse is written as a zero impulse labelled "missed", and a missed finite burn as
 *   zero impulses at its start and end: the run cuts its time nodes at every burn instant, missed
 *   or not, and the same nodes are what make the re-run identical (a zero impulse changes no
 *   state bit). They add zero-delta-v entries to the burn list, and in a run with passive safety
 *   one free drift each (from an unchanged state);
 * - maneuvers that never started are left out (listed in the description);
 * - `dispersions` is dropped: the file is one deterministic realisation.
 * The run of the written scenario passes through the same time nodes with the same states, so it
 * reproduces the trial's trajectory, minimum range and delta-v to the bit for impulsive plans.
 * Limits: a finite burn's thrust vector is renormalised by the run from (direction, thrustN), which
 * may change it in the last bit (relative 1e-16); a finite burn cut by the end of the run is
 * written with the duration it had flown by then.
 *
 * The instant of each burn comes from a second run of the same trial with an observer: the run
 * calls the perturbation at an instant tS before it shows the observers the node at tS (run.ts,
 * `execute`), so a burn commanded after k nodes were shown happens at node k. Finite burns are
 * told apart by their commanded thrust vector, computed from the maneuver exactly as the run
 * computes it. Every burn the run recorded is checked against these; a mismatch is an internal
 * error, not a silently wrong file.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.3 (worst-case dispersed
 *     trajectories as safety cases).
 */

import { initialRicOf } from '../formats/scenarioElements.ts';
import { finiteThrust } from '../maneuvers/finite.ts';
import type { ManeuverSpec, Scenario } from '../scenario/schema.ts';
import type { RunObserver, RunPerturbation } from '../sim/run.ts';
import { runScenario } from '../sim/run.ts';
import { DispersionSampler } from './sampler.ts';
import type { TrialOutcome } from './trial.ts';
import { runTrialDetailed } from './trial.ts';

/** A trial as a scenario, with what could not be carried over. */
export interface TrialScenario {
  scenario: Scenario;
  outcome: TrialOutcome;
  /** Missed burns and maneuvers not flown, one line each. */
  notes: string[];
}

const LABEL_MAX = 200;

/** The trial's sampler, noting how many nodes the run had shown when each burn was commanded. */
class TimedSampler implements RunPerturbation, RunObserver {
  readonly nodeTimesS: number[] = [];
  /** Per spacecraft, per burn ordinal: index into nodeTimesS of the burn's instant. */
  readonly burnNode: number[][] = [];
  constructor(readonly inner: DispersionSampler) {}
  node(tS: number): void {
    this.nodeTimesS.push(tS);
  }
  initialState(craftIndex: number, ric: Float64Array): void {
    this.inner.initialState(craftIndex, ric);
  }
  startDelayS(craftIndex: number, maneuverIndex: number): number {
    return this.inner.startDelayS(craftIndex, maneuverIndex);
  }
  burn(craftIndex: number, burnOrdinal: number, vector: [number, number, number]): boolean {
    while (this.burnNode.length <= craftIndex) this.burnNode.push([]);
    this.burnNode[craftIndex]![burnOrdinal] = this.nodeTimesS.length;
    return this.inner.burn(craftIndex, burnOrdinal, vector);
  }
}

const same3 = (a: readonly number[], b: readonly number[]) =>
  Object.is(a[0], b[0]) && Object.is(a[1], b[1]) && Object.is(a[2], b[2]);

/**
 * Re-runs trial `trialIndex` of seed `seed` and writes it as a scenario without dispersions.
 * @throws Error when the trial could not be flown (there is then no trajectory to write)
 */
export function trialScenario(s: Scenario, seed: number, trialIndex: number): TrialScenario {
  const { outcome } = runTrialDetailed(s, seed, trialIndex, false);
  if (outcome.error !== null)
    throw new Error(`trial ${trialIndex} could not be flown: ${outcome.error}`);
  const timed = new TimedSampler(new DispersionSampler(s.dispersions, seed, trialIndex, true));
  const run = runScenario(s, { perturbation: timed, observers: [timed] });
  const draws = timed.inner.draws!;
  const notes: string[] = [];
  const T = s.durationS;

  const spacecraft = s.spacecraft.map((sc, ci) => {
    const craft = run.spacecraft[ci]!;
    if (!Object.is(craft.minRangeM, outcome.spacecraft[ci]!.minRangeM))
      throw new Error(`internal: trial ${trialIndex} differs when run again`);
    const d = draws[ci];
    const initial = d?.initialRic ?? initialRicOf(s, ci);
    const finiteStarted = craft.maneuvers.filter((m) => m.type === 'finite' && m.startS !== null);
    const impulsiveRecords = craft.burns.filter((b) => b.maneuver !== 'finite');
    const maneuvers: ManeuverSpec[] = [];
    const zero = (tS: number, text: string) =>
      maneuvers.push({ type: 'impulse', label: text, tS, frame: 'RIC', dvMps: [0, 0, 0] });
    let f = 0;
    let r = 0;
    for (const draw of d?.burns ?? []) {
      const rec = finiteStarted[f];
      const spec = rec ? sc.maneuvers[rec.index] : undefined;
      if (rec && rec.startS !== null && spec?.type === 'finite') {
        if (same3(draw.nominalRic, finiteThrust(spec))) {
          f++;
          const name = `${spec.label ?? 'finite'} (maneuvers[${rec.index}]`;
          if (!draw.executed) {
            notes.push(`${sc.id}: maneuvers[${rec.index}] (finite) missed`);
            zero(rec.startS, `${name}, missed: zero delta-v)`.slice(0, LABEL_MAX));
            if (rec.endS !== null) zero(rec.endS, `${name} end, missed)`.slice(0, LABEL_MAX));
            continue;
          }
          let durationS = spec.durationS;
          if (rec.endS === null) {
            // cut at the end: the thrust until T is the same, and the file must end by T
            durationS = T - rec.startS;
            if (rec.startS + durationS > T) durationS *= 1 - Number.EPSILON;
            notes.push(`${sc.id}: maneuvers[${rec.index}] (finite) cut at the end of the run`);
            if (!(durationS > 0)) continue;
          }
          const v = draw.vectorRic;
          maneuvers.push({
            type: 'finite',
            label: `${name}, dispersed)`.slice(0, LABEL_MAX),
            tS: rec.startS,
            durationS,
            frame: 'RIC',
            direction: [v[0], v[1], v[2]],
            thrustN: Math.hypot(v[0], v[1], v[2]),
            ispS: spec.ispS,
          });
          continue;
        }
      }
      const node = timed.burnNode[ci]?.[draw.ordinal];
      const tS = node === undefined ? undefined : timed.nodeTimesS[node];
      if (tS === undefined) throw new Error(`internal: no instant for burn ${draw.ordinal}`);
      if (!draw.executed) {
        notes.push(`${sc.id}: burn ${draw.ordinal + 1} (in command order) at ${tS} s missed`);
        zero(tS, `burn ${draw.ordinal + 1} (missed: zero delta-v)`);
        continue;
      }
      const b = impulsiveRecords[r++];
      if (!b || b.tS !== tS || !same3(b.dvMps, draw.vectorRic))
        throw new Error(`internal: burn ${draw.ordinal} of ${sc.id} does not match the run`);
      const spec2 = sc.maneuvers[b.maneuverIndex]!;
      const v = draw.vectorRic;
      maneuvers.push({
        type: 'impulse',
        label: `${spec2.label ?? spec2.type} (maneuvers[${b.maneuverIndex}], dispersed)`.slice(
          0,
          LABEL_MAX,
        ),
        tS,
        frame: 'RIC',
        dvMps: [v[0], v[1], v[2]],
      });
    }
    if (r !== impulsiveRecords.length || f !== finiteStarted.length)
      throw new Error(`internal: the burns of ${sc.id} do not match the run`);
    for (const rec of craft.maneuvers) {
      if (rec.startS === null)
        notes.push(`${sc.id}: maneuvers[${rec.index}] (${rec.label ?? rec.type}) never started`);
    }
    return {
      ...sc,
      initial: {
        frame: 'RIC' as const,
        positionM: [initial[0]!, initial[1]!, initial[2]!] as [number, number, number],
        velocityMps: [initial[3]!, initial[4]!, initial[5]!] as [number, number, number],
      },
      maneuvers,
    };
  });

  const ranges = outcome.spacecraft
    .map((c, i) => `${s.spacecraft[i]!.id} ${c.minRangeM.toFixed(3)} m`)
    .join(', ');
  const scenario: Scenario = {
    ...s,
    name: `${s.name} - Monte Carlo trial ${trialIndex} (seed ${seed})`,
    description:
      `Trial ${trialIndex} of seed ${seed} of a Monte Carlo run of "${s.name}", written out with its dispersed initial states and burns at the instants they were commanded (planned maneuvers as their impulses; missed burns as zero impulses). Minimum range: ${ranges}.` +
      (notes.length > 0 ? ` ${notes.join('; ')}.` : ''),
    spacecraft,
  };
  delete scenario.dispersions;
  return { scenario, outcome, notes };
}
