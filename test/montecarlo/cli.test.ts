// `rpo-sim montecarlo` and its worker pool, for real: worker threads started from the test
// process (the sources: each worker registers tsx itself) and from the built command line
// (dist/node, built by test/setup/build-cli.ts: its own bundled worker script), identical tables with 1 and 2 workers and any chunking, the rpo-montecarlo v1 JSON,
// exit codes and argument limits, Ctrl+C with a partial result, and the --worst round trip
// through `rpo-sim run`.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runTrialsInWorkers, workerExecArgv } from '../../src/cli/pool.ts';
import { runTrial } from '../../src/montecarlo/trial.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadScenario } from '../../src/scenario/validate.ts';

const EXAMPLE = 'scenarios/dispersed-vbar-approach.json';
const dir = mkdtempSync(join(tmpdir(), 'rpo-mc-'));
// worker start-up (tsx, mathjs) takes seconds on a loaded 2-core machine
const SLOW = 120_000;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function example(): Scenario {
  const r = loadScenario(readFileSync(EXAMPLE, 'utf8'));
  if (!r.ok) throw new Error('example invalid');
  return r.scenario;
}

function bits(a: Float64Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));
}

describe('worker pool', () => {
  it(
    'gives bit-identical tables with 1 and 2 workers, any chunking, and in-process trials',
    async () => {
      const scenario = example();
      const base = { scenario, seed: 77, trials: 24 };
      const one = await runTrialsInWorkers({ ...base, workers: 1, chunkSize: 24 });
      const two = await runTrialsInWorkers({ ...base, workers: 2, chunkSize: 5 });
      expect(one.workers).toBe(1);
      expect(two.workers).toBe(2);
      for (const r of [one, two]) {
        expect(r.interrupted).toBe(false);
        expect(r.prefix).toBe(24);
      }
      for (const key of ['minRangeM', 'totalDvMps', 'passiveWorstRangeM'] as const) {
        expect(bits(two.table[key])).toEqual(bits(one.table[key]));
      }
      expect(Array.from(two.table.violationMask)).toEqual(Array.from(one.table.violationMask));
      for (const t of [0, 13, 23]) {
        const local = runTrial(scenario, 77, t).spacecraft[0]!;
        expect(Object.is(one.table.minRangeM[t], local.minRangeM)).toBe(true);
        expect(Object.is(one.table.totalDvMps[t], local.totalDvMps)).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'stops when aborted and reports the trials done without a gap',
    async () => {
      const controller = new AbortController();
      const r = await runTrialsInWorkers({
        scenario: example(),
        seed: 1,
        trials: 100_000,
        workers: 2,
        chunkSize: 4,
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 8) controller.abort();
        },
      });
      expect(r.interrupted).toBe(true);
      expect(r.done).toBeGreaterThanOrEqual(8);
      expect(r.done).toBeLessThan(100_000);
      expect(r.prefix).toBeLessThanOrEqual(r.done);
      expect(r.table.donePrefix()).toBe(r.prefix);
    },
    SLOW,
  );

  it("drops only the flags that load tsx from the workers' Node flags", () => {
    expect(
      workerExecArgv([
        '--require',
        '/x/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///x/node_modules/tsx/dist/loader.mjs',
        '--max-old-space-size=4096',
        '--import=tsx',
        '--conditions',
        'node',
        '--import',
        './my-hooks.mjs',
      ]),
    ).toEqual(['--max-old-space-size=4096', '--conditions', 'node', '--import', './my-hooks.mjs']);
  });
});

describe('rpo-sim montecarlo', () => {
  it(
    '--json prints the rpo-montecarlo v1 summary',
    async () => {
      const { code, out, err } = await cli(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '40',
        '--seed',
        '3',
        '--json',
        '--workers',
        '2',
      );
      expect(code).toBe(0);
      expect(err).toMatch(/40 trials in [\d.]+ s/);
      const r = JSON.parse(out);
      expect(r).toMatchObject({
        format: 'rpo-montecarlo',
        version: 1,
        trials: 40,
        seed: 3,
        completed: 40,
        interrupted: false,
        flown: 40,
      });
      expect(r.spacecraft).toHaveLength(1);
      const sc = r.spacecraft[0];
      expect(sc.id).toBe('servicer');
      // the kinds this scenario can produce, and no others (a spacecraft with maneuvers can
      // always leave one unflown)
      expect(Object.keys(sc.violations).sort()).toEqual(['budget', 'keep-out', 'not-flown']);
      for (const v of Object.values(sc.violations) as { p: number; lo: number; hi: number }[]) {
        expect(v).toMatchObject({
          p: expect.any(Number),
          lo: expect.any(Number),
          hi: expect.any(Number),
        });
        expect(v.lo).toBeLessThanOrEqual(v.p);
        expect(v.hi).toBeGreaterThanOrEqual(v.p);
      }
      for (const q of [sc.minRangeM, sc.totalDvMps]) {
        expect(q).toMatchObject({
          p5: expect.any(Number),
          p50: expect.any(Number),
          p95: expect.any(Number),
        });
        expect(q.p5).toBeLessThanOrEqual(q.p50);
        expect(q.p50).toBeLessThanOrEqual(q.p95);
        expect(q.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(40);
      }
      expect(sc.worst).toMatchObject({ trialIndex: expect.any(Number), seed: 3 });
      expect(sc.worst.minRangeM).toBe(sc.minRangeM.min);
      // the same seed again (other worker count) gives the same summary
      const again = await cli(
        'montecarlo',
        EXAMPLE,
        '--trials=40',
        '--seed=3',
        '--json',
        '--workers=1',
      );
      expect(JSON.parse(again.out)).toEqual(r);
    },
    SLOW,
  );

  it(
    'a scenario without dispersions runs the nominal plan and says so',
    async () => {
      const { code, out, err } = await cli(
        'montecarlo',
        'scenarios/vbar-hop.json',
        '--trials',
        '3',
        '--seed',
        '0',
        '--json',
        '--workers',
        '1',
      );
      expect(code).toBe(0);
      expect(err).toMatch(/has no dispersions .*: running with zero dispersion/);
      const r = JSON.parse(out);
      expect(r.dispersions).toBeNull();
      const nominal = JSON.parse((await cli('run', 'scenarios/vbar-hop.json', '--json')).out);
      const m = r.spacecraft[0].minRangeM;
      expect([m.p5, m.p50, m.p95]).toEqual(Array(3).fill(nominal.spacecraft[0].minRange.rangeM));
      expect(r.spacecraft[0].totalDvMps.p50).toBe(nominal.spacecraft[0].totalDvMps);
      expect(r.spacecraft[0].violations['keep-out']).toEqual({
        p: 0,
        lo: 0,
        hi: expect.any(Number),
        count: 0,
      });
    },
    SLOW,
  );

  it(
    'prints a readable summary by default',
    async () => {
      const { code, out } = await cli(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '6',
        '--seed',
        '9',
        '--workers',
        '1',
      );
      expect(code).toBe(0);
      expect(out).toMatch(/Monte Carlo: Dispersed V-bar approach/);
      expect(out).toMatch(/keep-out +\d\.\d{4} +\[\d\.\d{4}, \d\.\d{4}\] +\d+/);
      expect(out).toMatch(/min range, m +p5 [\d.]+ +p50 [\d.]+ +p95 [\d.]+/);
    },
    SLOW,
  );

  it.each([
    [['montecarlo', EXAMPLE, '--seed', '1'], /needs --trials N/],
    [['montecarlo', EXAMPLE, '--trials', '10'], /needs --seed S/],
    [
      ['montecarlo', EXAMPLE, '--trials', '0', '--seed', '1'],
      /--trials must be an integer from 1 to 1000000/,
    ],
    [['montecarlo', EXAMPLE, '--trials', '1000001', '--seed', '1'], /--trials must be an integer/],
    [['montecarlo', EXAMPLE, '--trials', '2.5', '--seed', '1'], /--trials must be an integer/],
    [
      ['montecarlo', EXAMPLE, '--trials', '10', '--seed', '-1'],
      /--seed must be an integer from 0 to 9007199254740991/,
    ],
    [['montecarlo', EXAMPLE, '--trials', '10', '--seed', 'abc'], /--seed must be an integer/],
    [['montecarlo', EXAMPLE, '--trials', '10', '--seed', '0x10'], /--seed must be an integer/],
    [
      ['montecarlo', EXAMPLE, '--trials', '10', '--seed', '1', '--workers', '0'],
      /--workers must be an integer from 1/,
    ],
    [['montecarlo', EXAMPLE, '--trials', '10', '--seed', '1', '--fast'], /unknown option --fast/],
    [['montecarlo', '--trials', '10', '--seed', '1'], /takes one scenario file/],
    [['montecarlo', EXAMPLE, '--trials'], /--trials needs a value/],
  ])('%j: exit 2 with usage', async (args, message) => {
    const { code, out, err } = await cli(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toMatch(/Usage:\n {2}rpo-sim montecarlo FILE/);
  });

  it('a missing or invalid file: exit 2 with the reason, no usage', async () => {
    const missing = await cli('montecarlo', join(dir, 'nope.json'), '--trials', '1', '--seed', '1');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.json: no such file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...example(), dispersions: { pointingDeg: -1 } }));
    const invalid = await cli('montecarlo', bad, '--trials', '1', '--seed', '1');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/invalid scenario\n {2}dispersions\.pointingDeg: expected/);
    expect(invalid.err).not.toMatch(/Usage/);
  });

  it(
    '--worst writes the closest trial; `rpo-sim run` on it gives the same minimum range',
    async () => {
      const out = join(dir, 'worst.json');
      const mc = await cli(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '30',
        '--seed',
        '1',
        '--json',
        '--worst',
        out,
        '--workers',
        '1',
      );
      expect(mc.code).toBe(0);
      expect(mc.err).toMatch(/wrote trial \d+ .* to /);
      const summary = JSON.parse(mc.out);
      const written = JSON.parse(readFileSync(out, 'utf8'));
      expect(written.dispersions).toBeUndefined();
      expect(
        written.spacecraft[0].maneuvers.every((m: { type: string }) => m.type === 'impulse'),
      ).toBe(true);
      const run = await cli('run', out, '--json');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.out);
      expect(report.spacecraft[0].minRange.rangeM).toBe(summary.worst.minRangeM);
      expect(summary.worst.minRangeM).toBe(summary.spacecraft[0].minRangeM.min);
    },
    SLOW,
  );
});

describe('the built command line', () => {
  function launch(...args: string[]) {
    const child = spawn(process.execPath, ['dist/node/rpo-sim.mjs', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const io = { out: '', err: '' };
    child.stdout.on('data', (d) => (io.out += d));
    child.stderr.on('data', (d) => (io.err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    return { child, io, exited };
  }

  it(
    'runs the workers from `node dist/node/rpo-sim.mjs`, with the same result as the sources',
    async () => {
      const { io, exited } = launch(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '8',
        '--seed',
        '1',
        '--workers',
        '2',
        '--json',
      );
      expect(await exited).toBe(0);
      expect(JSON.parse(io.out)).toMatchObject({ trials: 8, completed: 8, flown: 8 });
      const sources = await cli('montecarlo', EXAMPLE, '--trials', '8', '--seed', '1', '--json');
      expect(io.out).toBe(sources.out);
    },
    SLOW,
  );

  it(
    'Ctrl+C stops the run and prints the partial result, exit 130',
    async () => {
      const { child, io, exited } = launch(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '1000000',
        '--seed',
        '5',
        '--json',
      );
      // the handler is in place once the run has announced itself
      while (!/running 1000000 trials/.test(io.err)) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 3000));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(io.err).toMatch(
        /interrupted: \d+ of 1000000 trials done; the statistics cover trials 0 to -?\d+ \(\d+ trials\)/,
      );
      const r = JSON.parse(io.out);
      expect(r.interrupted).toBe(true);
      expect(r.trials).toBe(1_000_000);
      // how far the workers got in 3 s depends on the machine's load; the prefix is consistent
      expect(r.completed).toBeLessThan(1_000_000);
      expect(r.flown + r.failed.count).toBe(r.completed);
    },
    SLOW,
  );
});
