/**
 * `npm run bench` (exchange files): writing the OEM of the 48 h default scenario at 1 s steps
 * (172,801 states of the inspector plus the target's 172,801), text only, no disk. Target
 * (issue 13): under 1 s. Best of several repetitions after a warm-up.
 */

import { bestMs } from './timing.ts';
import { readFileSync } from 'node:fs';
// the default scenario has a trigger: its parser (mathjs) is loaded on demand elsewhere
import '../../src/events/expression.ts';
import { exportRun } from '../../src/formats/export.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';

const loaded = loadScenario(
  readFileSync(new URL('../../scenarios/skynet5a-inspection.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error('default scenario invalid');
const run = runScenario(loaded.scenario, { recordEphemeris: true, checkConstraints: false });
const states = run.spacecraft[0]!.ephemeris!.count;

const rows: [string, string, string][] = [];
for (const format of ['oem', 'oem-xml', 'stk-e', 'czml'] as const) {
  let bytes = 0;
  const ms = bestMs(3, () => {
    const files = exportRun(run, format, { creationDate: '2026-01-01T00:00:00Z' });
    bytes = files.reduce((n, f) => n + f.text.length, 0);
  });
  rows.push([
    `Export ${format}, 48 h at 1 s (${states.toLocaleString('en')} inspector states + the target's), ${(bytes / 1e6).toFixed(0)} MB of text`,
    `${ms.toFixed(0)} ms`,
    format === 'oem' ? '< 1 s' : '',
  ]);
}

console.log('| measure | result | target |');
console.log('| --- | ---: | ---: |');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
