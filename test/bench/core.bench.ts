/**
 * `npm run bench`: speed of the physics core on this machine, printed as a Markdown table.
 *
 * Targets (issue 2, 2-core dev machine): CW RK4 <= 20 ns/step, nonlinear <= 80 ns/step, the
 * 48-hour default scenario at 1 s steps run and scored in <= 15 ms. Each figure is the best of
 * several repetitions after a warm-up, so the JIT has compiled the hot loops.
 */

import { bestMs } from './timing.ts';
import { readFileSync } from 'node:fs';
import { GEO_RADIUS_M, meanMotionRadPerS, MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { CwDynamics, cwPropagate } from '../../src/dynamics/cw.ts';
import type { DynamicsModel } from '../../src/dynamics/model.ts';
import { NonlinearCircularDynamics } from '../../src/dynamics/nonlinear.ts';
import { PerturbationEphemeris, PerturbedDynamics } from '../../src/dynamics/perturbed.ts';
import { keplerStateEci, TwoBodyDynamics } from '../../src/dynamics/twobody.ts';
// registers the trigger-condition compiler: the SKYNET-5A inspection has `when` triggers
import '../../src/events/expression.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { runScenario } from '../../src/sim/run.ts';

const n = meanMotionRadPerS(GEO_RADIUS_M);

function nsPerStep(
  model: DynamicsModel,
  y: Float64Array,
  steps: number,
  reset: () => void = () => {},
): number {
  const ms = bestMs(5, () => {
    reset();
    for (let k = 0; k < steps; k++) model.rk4Step(k, y, 1);
  });
  return (ms * 1e6) / steps;
}

const rows: [string, string, string][] = [];

const cwY = Float64Array.from([1000, 0, 0, 0, 0, 0]);
rows.push([
  'CW RK4 step',
  `${nsPerStep(new CwDynamics(n), cwY, 2_000_000).toFixed(1)} ns`,
  '<= 20 ns',
]);
const nlY = Float64Array.from([1000, 0, 0, 0, 0, 0]);
rows.push([
  'Nonlinear (circular target) RK4 step',
  `${nsPerStep(new NonlinearCircularDynamics(n, GEO_RADIUS_M), nlY, 2_000_000).toFixed(1)} ns`,
  '<= 80 ns',
]);
const tb = new TwoBodyDynamics(MU_EARTH_M3_S2);
const tbY = new Float64Array(12);
keplerStateEci(GEO_RADIUS_M, 0.1, 0, MU_EARTH_M3_S2, tbY);
tb.setRic(tbY, [1000, 0, 0, 0, 0, 0]);
rows.push(['Two-body (any target) RK4 step', `${nsPerStep(tb, tbY, 500_000).toFixed(1)} ns`, '']);
// Issue 16: the perturbed model with every force, GEO target at an equinox epoch (eclipses, so
// the shadow is evaluated), 1 s steps over the table's span.
const pertSteps = 500_000;
const pert = new PerturbedDynamics({
  muM3S2: MU_EARTH_M3_S2,
  forces: { j2: true, sun: true, moon: true, srp: true },
  ephemeris: new PerturbationEphemeris(Date.parse('2026-03-20T00:00:00Z'), 0, pertSteps),
  target: { areaM2: 20, massKg: 2000, reflectivity: 1.3 },
  spacecraft: { areaM2: 4, massKg: 100, reflectivity: 1.5 },
});
const pertY = new Float64Array(12);
keplerStateEci(GEO_RADIUS_M, 0, 0, MU_EARTH_M3_S2, pertY);
pert.setRic(pertY, [1000, 0, 0, 0, 0, 0]);
const pertStart = Float64Array.from(pertY);
rows.push([
  'Perturbed (J2, Sun, Moon, SRP with shadow) RK4 step',
  `${nsPerStep(pert, pertY, pertSteps, () => pertY.set(pertStart)).toFixed(1)} ns`,
  '',
]);

const out = new Float64Array(6);
const x0 = [1000, -2000, 300, 0.01, 0.02, -0.003];
const samples = 2_000_000;
const cfMs = bestMs(5, () => {
  for (let k = 0; k < samples; k++) cwPropagate(n, x0, k, out);
});
rows.push(['CW closed form', `${(((samples / cfMs) * 1e3) / 1e6).toFixed(1)} M samples/s`, '']);

const text = readFileSync(
  new URL('../../scenarios/skynet5a-inspection.json', import.meta.url),
  'utf8',
);
const loaded = loadScenario(text);
if (!loaded.ok) throw new Error('default scenario invalid');
const scenario = loaded.scenario;
const runMs = bestMs(7, () => buildReport(evaluateScenario(scenario, { skipPassiveSafety: true })));
rows.push([
  `48 h default scenario, 1 s steps (${scenario.dynamics}: hop, triggered transfer, football, transfer; objectives): run, events, report`,
  `${runMs.toFixed(1)} ms`,
  '',
]);
let drifts = 0;
const fullMs = bestMs(7, () => {
  const e = evaluateScenario(scenario);
  drifts = e.spacecraft[0]!.passiveSafety.drifts;
  buildReport(e);
});
rows.push([
  `  + passive safety (${drifts} free drifts of one orbit): full score card`,
  `${fullMs.toFixed(1)} ms (${(fullMs / runMs).toFixed(2)}x)`,
  '<= 4x',
]);
const ephMs = bestMs(7, () => runScenario(scenario, { recordEphemeris: true }));
rows.push(['  run alone, recording the ephemeris (view, CSV)', `${ephMs.toFixed(1)} ms`, '']);
// Issue 11: what testing an armed trigger between steps (on the interpolant, at most 1 s apart)
// costs. The default scenario's sun-phase trigger is armed for ~2.6 h of the 48 h; at 1 s steps
// there is nothing between steps to test. Measured as the process's CPU time per run (mean of
// several runs, the two variants in turn), which a busy machine disturbs far less than the wall
// clock.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const stepS of [1, 10, 60]) {
  const atStep = { ...scenario, stepS };
  const reps = stepS === 1 ? 10 : 60;
  const totals = [0, 0];
  for (let round = 0; round < 3; round++) {
    ([1, Infinity] as const).forEach((triggerScanS, v) => {
      runScenario(atStep, { triggerScanS });
      const t0 = cpuMs();
      for (let i = 0; i < reps; i++) runScenario(atStep, { triggerScanS });
      totals[v] = totals[v]! + cpuMs() - t0;
    });
  }
  const [scannedMs, nodesMs] = totals.map((t) => t / (3 * reps)) as [number, number];
  rows.push([
    `  run alone at ${stepS} s steps, CPU time: trigger tested between steps (every 1 s) / at the nodes only`,
    `${scannedMs.toFixed(2)} / ${nodesMs.toFixed(2)} ms (${scannedMs - nodesMs >= 0 ? '+' : ''}${(scannedMs - nodesMs).toFixed(2)} ms)`,
    '',
  ]);
}
const cwScenario = { ...scenario, dynamics: 'cw' as const };
rows.push([
  '  run, events, report in CW',
  `${bestMs(7, () => buildReport(evaluateScenario(cwScenario, { skipPassiveSafety: true }))).toFixed(1)} ms`,
  '',
]);
// Issue 16: the same plan in perturbed mode (every force; solar pressure on both: target
// 30 m^2 / 4700 kg, inspector 4 m^2 at its massKg), run, events, report, against the nonlinear
// run above; a fresh scenario object each time, so the Sun and Moon table is built every run.
const perturbedScenario: Scenario = {
  ...scenario,
  dynamics: 'perturbed',
  target: { ...scenario.target, massKg: 4700, srp: { areaM2: 30, reflectivity: 1.3 } },
  spacecraft: scenario.spacecraft.map((c) => ({
    ...c,
    massKg: c.massKg ?? 500,
    srp: { areaM2: 4, reflectivity: 1.5 },
  })),
};
// CPU time of the process, mean of 6 rounds with the two dynamics in turn after a warm-up round
// (a busy machine disturbs it far less than the wall clock).
const perturbedOptions = { skipPassiveSafety: true, modelGauge: false };
const cpuTotals = [0, 0];
const cpuRounds = 6;
for (let round = 0; round <= cpuRounds; round++) {
  [scenario, perturbedScenario].forEach((sc, v) => {
    const t0 = cpuMs();
    buildReport(evaluateScenario({ ...sc }, perturbedOptions));
    if (round > 0) cpuTotals[v] = cpuTotals[v]! + cpuMs() - t0;
  });
}
const [nonlinearCpuMs, perturbedCpuMs] = cpuTotals.map((t) => t / cpuRounds) as [number, number];
rows.push([
  '  run, events, report, CPU time: nonlinear / perturbed (J2, Sun, Moon, solar pressure on both)',
  `${nonlinearCpuMs.toFixed(1)} / ${perturbedCpuMs.toFixed(1)} ms (${(perturbedCpuMs / nonlinearCpuMs).toFixed(2)}x)`,
  '<= 4x',
]);
const perturbedMs = bestMs(3, () =>
  buildReport(evaluateScenario({ ...perturbedScenario }, perturbedOptions)),
);
const gaugeMs = bestMs(3, () =>
  buildReport(evaluateScenario({ ...perturbedScenario }, { skipPassiveSafety: true })),
);
rows.push([
  '  + the model gauge (perturbed, CW and two-body replays of the burns)',
  `${gaugeMs.toFixed(1)} ms (${(gaugeMs / perturbedMs).toFixed(2)}x)`,
  '',
]);
// The plan the core issue set its 15 ms target on: transfer in, football, transfer out, keep-out
// sphere only (no trigger, objectives or braking profile).
const plain: Scenario = {
  ...scenario,
  constraints: {},
  objectives: [],
  spacecraft: [
    {
      ...scenario.spacecraft[0]!,
      budget: undefined,
      maneuvers: [
        { type: 'transfer', tS: 3600, durationS: 43200, toPositionM: [0, -2000, 0] },
        { type: 'football', tS: 50400, amplitudeM: 1000 },
        { type: 'transfer', tS: 136564, durationS: 28800, toPositionM: [0, -5000, 0] },
      ],
    },
  ],
};
const plainMs = bestMs(7, () => buildReport(evaluateScenario(plain, { skipPassiveSafety: true })));
rows.push([
  '48 h plan at 1 s steps (nonlinear: transfer, football, transfer; keep-out): run, events, report',
  `${plainMs.toFixed(1)} ms`,
  '<= 15 ms',
]);
// Issue 7: three triggered burns against the same burns at fixed times (48 h, CW, 1 s steps).
const triggered: Scenario = {
  ...scenario,
  dynamics: 'cw',
  constraints: {},
  objectives: [],
  spacecraft: [
    {
      id: 'drifter',
      initial: { frame: 'RIC', positionM: [-500, -9000, 0], velocityMps: [0, 1.5 * n * 500, 0] },
      maneuvers: [
        {
          type: 'impulse',
          when: 'rangeM < 6000 and rangeRateMps < 0',
          frame: 'RIC',
          dvMps: [0, 0, 0.001],
        },
        {
          type: 'impulse',
          when: 'rangeM < 4000 and rangeRateMps < 0',
          frame: 'RIC',
          dvMps: [0, 0, -0.001],
        },
        { type: 'impulse', when: 'rangeM < 2000 and iM < 0', frame: 'RIC', dvMps: [0, 0, 0.0005] },
      ],
    },
  ],
};
const firedAt = runScenario(triggered).spacecraft[0]!.burns.map((b) => b.tS);
const timed: Scenario = {
  ...triggered,
  spacecraft: [
    {
      ...triggered.spacecraft[0]!,
      maneuvers: triggered.spacecraft[0]!.maneuvers.map((m, i) => ({
        ...m,
        when: undefined,
        tS: firedAt[i]!,
      })),
    },
  ],
};
const timedMs = bestMs(7, () => runScenario(timed));
const triggeredMs = bestMs(7, () => runScenario(triggered));
rows.push([
  '48 h CW run with 3 triggered burns / the same burns timed',
  `${triggeredMs.toFixed(1)} / ${timedMs.toFixed(1)} ms (${(triggeredMs / timedMs).toFixed(2)}x)`,
  '<= 1.5x',
]);
const loadMs = bestMs(20, () => loadScenario(text));
rows.push(['Load and validate the default scenario', `${loadMs.toFixed(2)} ms`, '']);

console.log(
  `rpo-sim core benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`,
);
console.log('| measure | result | target |');
console.log('| --- | ---: | ---: |');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
