// The library entry (src/index.ts, the package's `rpo-sim`): its results are exactly what the
// command line prints with --json (run and montecarlo), bad input throws with JSON paths, and
// `rpo-sim/schema` is the committed JSON Schema. The packed package is tested in
// test/package/pack.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import {
  evaluateScenario,
  loadScenario,
  runMonteCarlo,
  ScenarioValidationError,
} from '../src/index.ts';
import schema from '../src/schema.ts';
import { scenarioJsonSchema } from '../src/scenario/schema.ts';

async function cli(...args: string[]) {
  let out = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: () => {} });
  return { code, out };
}

const read = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');
// worker threads start from the TypeScript sources (tsx) on a busy 2-core machine
const SLOW = 120_000;

describe('loadScenario', () => {
  it('takes text or a parsed object, and a loaded scenario again', () => {
    const fromText = loadScenario(read('vbar-hop'));
    expect(fromText.spacecraft[0]!.id).toBe('hopper');
    expect(loadScenario(JSON.parse(read('vbar-hop')))).toEqual(fromText);
    expect(loadScenario(fromText)).toEqual(fromText);
  });

  it('throws a ScenarioValidationError listing every problem with its JSON path', () => {
    const bad = JSON.parse(read('vbar-hop'));
    bad.stepS = -1;
    bad.spacecraft[0].initial.positionM = [0, 'x', 0];
    let error: unknown;
    try {
      loadScenario(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioValidationError);
    const e = error as ScenarioValidationError;
    expect(e.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['stepS', 'spacecraft[0].initial.positionM[1]']),
    );
    expect(e.message).toMatch(/^invalid scenario:\n {2}/);
    expect(e.message).toContain('spacecraft[0].initial.positionM[1]: ');
    // text: syntax errors and duplicate keys too
    expect(() => loadScenario('{"a": 1, "a": 2}')).toThrow(/written twice|duplicate/i);
    expect(() => loadScenario('{')).toThrow(ScenarioValidationError);
  });

  it('checks trigger conditions', () => {
    const s = JSON.parse(read('skynet5a-inspection'));
    const m = s.spacecraft[0].maneuvers.find((x: { when?: string }) => x.when !== undefined);
    m.when = 'rangem < 500';
    expect(() => loadScenario(s)).toThrow(/did you mean 'rangeM'/);
  });
});

describe('evaluateScenario', () => {
  it.each(['vbar-hop', 'skynet5a-inspection', 'violation-corridor'])(
    '%s: the report `rpo-sim run --json` prints',
    async (name) => {
      const printed = await cli('run', `scenarios/${name}.json`, '--json');
      expect(printed.code).toBe(0);
      const report = evaluateScenario(loadScenario(read(name)));
      expect(`${JSON.stringify(report, null, 2)}\n`).toBe(printed.out);
    },
    SLOW,
  );

  it('validates what it is given', () => {
    const s = loadScenario(read('vbar-hop'));
    expect(() => evaluateScenario({ ...s, durationS: -5 })).toThrow(ScenarioValidationError);
  });
});

describe('runMonteCarlo', () => {
  it(
    'gives the object `rpo-sim montecarlo --json` prints, in this thread and on workers',
    async () => {
      const args = ['--trials', '40', '--seed', '7', '--json'];
      const printed = await cli('montecarlo', 'scenarios/dispersed-vbar-approach.json', ...args);
      expect(printed.code).toBe(0);
      const s = loadScenario(read('dispersed-vbar-approach'));
      const here = await runMonteCarlo(s, { trials: 40, seed: 7 });
      expect(`${JSON.stringify(here, null, 2)}\n`).toBe(printed.out);
      expect(await runMonteCarlo(s, { trials: 40, seed: 7, workers: 2 })).toEqual(here);
      expect(here.format).toBe('rpo-montecarlo');
      expect(here.version).toBe(1);
    },
    SLOW,
  );

  it('refuses trials, seed and workers out of range', async () => {
    const s = loadScenario(read('dispersed-vbar-approach'));
    await expect(runMonteCarlo(s, { trials: 0, seed: 1 })).rejects.toThrow(
      /trials must be an integer from 1/,
    );
    await expect(runMonteCarlo(s, { trials: 1.5, seed: 1 })).rejects.toThrow(RangeError);
    await expect(runMonteCarlo(s, { trials: 1, seed: -1 })).rejects.toThrow(/seed/);
    await expect(runMonteCarlo(s, { trials: 1, seed: 1, workers: 0 })).rejects.toThrow(/workers/);
  });
});

describe('rpo-sim/schema', () => {
  it('is the JSON Schema of the format', () => {
    expect(schema).toEqual(scenarioJsonSchema());
    expect(schema.title).toBe('RPO scenario, format v1');
  });
});
