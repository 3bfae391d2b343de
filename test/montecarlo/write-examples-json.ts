/**
 * Writes test/fixtures/montecarlo-examples.json: the Monte Carlo JSON hashes of the current code
 * (see examplesJson.ts), with the commit they came from. Run on a clean tree, only when a change
 * of numbers is intended (and say why in the commit).
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_MONTE_CARLO, examplesMonteCarloHashes } from './examplesJson.ts';

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const out = {
  generatedFrom: commit,
  ...EXAMPLES_MONTE_CARLO,
  hashes: await examplesMonteCarloHashes(),
};
writeFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'montecarlo-examples.json'),
  `${JSON.stringify(out, null, 2)}\n`,
);
