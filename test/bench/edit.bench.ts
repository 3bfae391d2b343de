/**
 * Edit benchmark (issue 5), node side: `npx tsx test/bench/edit.bench.ts`, printed as Markdown.
 *
 * What one edit of the 48-hour default scenario (1 s steps, 172,800 samples) costs before the
 * browser can draw its new trajectory, step by step, as the plan editor and its worker do it:
 * - `setAtPath`: the edit of the text (jsonc-parser, order-preserving);
 * - `loadScenario`: parse and validate the new text;
 * - `runScenario` with the ephemeris: the new trajectory (as `rpo-sim run` would, with a new sun
 *   table);
 * - the worker's answer to an edit (`computeResponse`, src/worker/compute.ts), what the page
 *   waits for: the exact trajectory at 1 s (sun table reused across edits, buffers recycled as
 *   the page hands them back), with the range and the Douglas-Peucker simplification hierarchy
 *   the trails and plots draw from (no preview: the plan is lighter than
 *   `EXACT_WITHOUT_PREVIEW_NODES`);
 * - for a heavier plan (the same at 0.25 s steps, 691,200 nodes) the preview that appears first
 *   (at 8.75 s steps), and its exact run;
 * - the score (`evaluateScenario` + report), computed after, in the other worker.
 * Each figure is the median of 15 edits (each a different value, so nothing is cached) after a
 * warm-up. Target: the trajectory within one frame, <= 16 ms of compute.
 *
 * The browser side (edit in the form to the frame that draws it) is in test/bench/view.bench.ts.
 */

import { readFileSync } from 'node:fs';
import { setAtPath } from '../../src/editing/jsonText.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { computeResponse, recycle } from '../../src/worker/compute.ts';
import { transferList, type SimResponse } from '../../src/worker/protocol.ts';

const text = readFileSync(
  new URL('../../scenarios/skynet5a-inspection.json', import.meta.url),
  'utf8',
);
const PATH = ['spacecraft', 0, 'maneuvers', 0, 'toInTrackM'];
const EDITS = 15;

/** Median over `EDITS` edits of `fn(k)` (k: which edit), ms, after 3 warm-up calls. */
function median(fn: (k: number) => void): number {
  for (let k = 0; k < 3; k++) fn(1000 + k);
  const times: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    const t0 = performance.now();
    fn(k);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The k-th edit: the V-bar hop's target moved by 10 m steps. */
const edited = (k: number) => setAtPath(text, PATH, -4000 + 10 * (k + 1));

const rows: [string, string][] = [];
const editMs = median((k) => edited(k));
rows.push(['`setAtPath` (one value of the text)', `${editMs.toFixed(2)} ms`]);
const loadMs = median((k) => loadScenario(edited(k)));
rows.push(['+ `loadScenario` (parse, validate)', `${(loadMs - editMs).toFixed(2)} ms`]);
const runMs = median((k) => {
  const r = loadScenario(edited(k));
  if (!r.ok) throw new Error('the edited scenario is invalid');
  runScenario(r.scenario, { recordEphemeris: true });
});
rows.push(['+ `runScenario` with the ephemeris', `${(runMs - loadMs).toFixed(2)} ms`]);
rows.push([
  '**edit, load, run (setAtPath + loadScenario + runScenario)**',
  `**${runMs.toFixed(1)} ms**`,
]);
/**
 * The worker's answer to the k-th edit. As on the page, the trajectory it replaces is handed back
 * (`recycle`) and its buffers hold the next one; the page does so a second later, after several
 * more answers, so a steady stream of edits always finds buffers ready.
 */
let shown: SimResponse | null = null;
/** Median time of the worker's answers to `kind` requests for the edits of `text`; and the stage. */
function answer(kind: 'preview' | 'trajectory', base = text): { ms: number; stage: string } {
  let stage = '';
  const ms = median((k) => {
    const res = computeResponse({ id: k, kind, text: setAtPath(base, PATH, -4000 + 10 * (k + 1)) });
    if (!res.ok || res.kind !== 'trajectory') throw new Error('the edited scenario did not run');
    stage = res.stage;
    if (shown) recycle(transferList(shown));
    shown = res;
  });
  return { ms, stage };
}
const exact = answer('preview');
rows.push([
  `**the worker's answer to an edit: edit to new trajectory (${exact.stage}, 1 s steps)**`,
  `**${(exact.ms + editMs).toFixed(1)} ms**`,
]);
const heavy = setAtPath(text, ['stepS'], 0.25);
const heavyPreview = answer('preview', heavy);
const heavyExact = answer('trajectory', heavy);
rows.push([
  `a heavier plan (0.25 s steps, 691,200 nodes): its ${heavyPreview.stage} first (8.75 s steps), then the exact run`,
  `${(heavyPreview.ms + editMs).toFixed(1)} / ${(heavyExact.ms + editMs).toFixed(0)} ms`,
]);
const scoreMs = median((k) => {
  const res = computeResponse({ id: k, kind: 'score', text: edited(k) });
  if (!res.ok) throw new Error('the edited scenario was not scored');
});
rows.push([
  'the score card after it (evaluateScenario + report, other worker)',
  `${scoreMs.toFixed(1)} ms`,
]);

console.log(
  `\nEdit to new trajectory, 48 h default scenario at 1 s steps (median of ${EDITS} edits), Node ${process.versions.node}:\n`,
);
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`| ${'step'.padEnd(w)} | ${'time'.padStart(9)} |`);
console.log(`| ${'-'.repeat(w)} | ${'-'.repeat(8)}: |`);
for (const [a, b] of rows) console.log(`| ${a.padEnd(w)} | ${b.padStart(9)} |`);
console.log(
  '\nTarget: the new trajectory within one frame (<= 16 ms of compute). Worker answers include the range and the simplification hierarchy (src/view/model/simplify.ts).',
);
