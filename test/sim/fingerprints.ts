/**
 * Fingerprints of what the engine produces for every example scenario (report JSON, summary
 * text, ephemeris arrays) and for a short seeded Monte Carlo run: sha256 hashes that change
 * when any number changes in its last bit. Shared by the bit-identical test and the script that
 * writes test/fixtures/bit-identical.json (test/sim/write-fingerprints.ts).
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary } from '../../src/cli/summary.ts';
import { runTrial } from '../../src/montecarlo/trial.ts';
import { trialScenario } from '../../src/montecarlo/worst.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';

const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'scenarios');
/** Extra scenarios that fly every maneuver type, trigger and constraint (CW, nonlinear, eccentric). */
const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'bit-identical');
/** The Monte Carlo fingerprints: these scenarios, this seed, these trials. */
export const MONTE_CARLO = {
  files: ['dispersed-vbar-approach.json', 'fixtures/all-maneuvers-cw.json'],
  seed: 7,
  trials: 6,
};

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function bytes(a: Float64Array, count: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, count * Float64Array.BYTES_PER_ELEMENT);
}

/**
 * The example scenarios (every JSON file of scenarios/ but the schema), then the fixtures
 * (`fixtures/...`), sorted.
 */
export function exampleFiles(): string[] {
  const examples = readdirSync(SCENARIO_DIR).filter(
    (f) => f.endsWith('.json') && f !== 'scenario.schema.json',
  );
  const fixtures = readdirSync(FIXTURE_DIR).map((f) => `fixtures/${f}`);
  return [...examples.sort(), ...fixtures.sort()];
}

/** Loads an example, or a fixture named `fixtures/<file>`. */
export function loadExample(file: string): Scenario {
  const path = file.startsWith('fixtures/')
    ? join(FIXTURE_DIR, file.slice('fixtures/'.length))
    : join(SCENARIO_DIR, file);
  const r = loadScenario(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

/** Hashes of one example's report JSON, summary text and every spacecraft's ephemeris. */
export function scenarioFingerprint(file: string): {
  report: string;
  summary: string;
  ephemeris: string;
} {
  const e = evaluateScenario(loadExample(file), { recordEphemeris: true });
  const report = buildReport(e);
  const eph = e.run.spacecraft.map((c) => {
    const x = c.ephemeris!;
    return sha256(bytes(x.tS, x.count), bytes(x.stateRic, 6 * x.count));
  });
  return {
    report: sha256(JSON.stringify(report)),
    summary: sha256(formatSummary(report)),
    ephemeris: sha256(eph.join(',')),
  };
}

/** Per Monte Carlo scenario: hash of the trial outcomes and of every trial written as a scenario. */
export function monteCarloFingerprint(): Record<
  string,
  { outcomes: string; trialScenarios: string }
> {
  return Object.fromEntries(
    MONTE_CARLO.files.map((file) => {
      const s = loadExample(file);
      const trials = Array.from({ length: MONTE_CARLO.trials }, (_, i) => i);
      const outcomes = trials.map((i) => runTrial(s, MONTE_CARLO.seed, i));
      const written = trials.map((i) => trialScenario(s, MONTE_CARLO.seed, i));
      return [
        file,
        {
          outcomes: sha256(JSON.stringify(outcomes)),
          trialScenarios: sha256(JSON.stringify(written)),
        },
      ];
    }),
  );
}
