/**
 * Where a Monte Carlo trial's time goes (issue 18): `npx tsx test/bench/montecarlo.profile.ts
 * [TRIALS]`. Runs the benchmark's case (scenarios/dispersed-vbar-approach.json, 24 h CW at 1 s,
 * scored) in this thread under V8's sampling CPU profiler (node:inspector, the profiler behind
 * `node --cpu-prof`), started after a warm-up so that module loading and compilation are left
 * out, and prints the functions by self time (share of the profiled samples) and the main phases
 * by inclusive time, as Markdown.
 */

import { readFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { runTrial } from '../../src/montecarlo/trial.ts';
import { loadScenario } from '../../src/scenario/validate.ts';

const TRIALS = Number(process.argv[2] ?? 200);
const SEED = 1;
const loaded = loadScenario(
  readFileSync(new URL('../../scenarios/dispersed-vbar-approach.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error('dispersed-vbar-approach.json is invalid');
const scenario = { ...loaded.scenario, durationS: 86_400, stepS: 1 };

for (let t = 0; t < 20; t++) runTrial(scenario, SEED, t);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const t0 = performance.now();
for (let t = 0; t < TRIALS; t++) runTrial(scenario, SEED, 100 + t);
const msPerTrial = (performance.now() - t0) / TRIALS;
const { profile } = (await session.post('Profiler.stop')) as { profile: Profiler.Profile };
session.disconnect();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Profiler.ProfileNode) => {
  const f = n.callFrame;
  const file = f.url.split('/').pop() || '(native)';
  return `${f.functionName || '(anonymous)'} (${file})`;
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const samples = profile.samples ?? [];
for (const id of samples) {
  const leaf = byId.get(id)!;
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + 1);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const k = name(byId.get(at)!);
    if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
    seen.add(k);
  }
}
const pct = (v: number) => `${((100 * v) / samples.length).toFixed(1)} %`;
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);

console.log(
  `Monte Carlo trial profile (node ${process.version}): ${TRIALS} trials of the 24 h CW case at 1 s, ${msPerTrial.toFixed(2)} ms a trial while profiled, ${samples.length} samples\n`,
);
console.log('| function (self time) | share |');
console.log('| --- | ---: |');
for (const [k, v] of top(self, 15)) console.log(`| ${k} | ${pct(v)} |`);
console.log('\n| function (inclusive time) | share |');
console.log('| --- | ---: |');
for (const [k, v] of top(inclusive, 20)) console.log(`| ${k} | ${pct(v)} |`);
