/**
 * Writes test/fixtures/bit-identical.json: the fingerprints of the current code (see
 * fingerprints.ts), with the commit they came from. Run with
 * `npx tsx test/sim/write-fingerprints.ts` on a clean tree, only when a change of numbers is
 * intended (and say why in the commit).
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exampleFiles,
  MONTE_CARLO,
  monteCarloFingerprint,
  scenarioFingerprint,
} from './fingerprints.ts';

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const scenarios = Object.fromEntries(exampleFiles().map((f) => [f, scenarioFingerprint(f)]));
const out = {
  generatedFrom: commit,
  monteCarlo: { ...MONTE_CARLO, fingerprints: monteCarloFingerprint() },
  scenarios,
};
writeFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'bit-identical.json'),
  `${JSON.stringify(out, null, 2)}\n`,
);
