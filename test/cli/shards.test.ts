// Shards and exact merges: merge(shards) equals the single run's rpo-montecarlo JSON byte for
// byte (property over K and N, on synthetic trial tables with failed trials, figures not
// computed (NaN), ties for the worst trial and repeated values, and on real trials through the
// CLI and its worker threads); parts of different runs, duplicate, overlapping and missing shards
// are refused with exit 2.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { mergedReport } from '../../src/cli/merge.ts';
import type { MonteCarloPart } from '../../src/cli/shards.ts';
import { checkPart, makePart, partText, shardRange } from '../../src/cli/shards.ts';
import { summarize } from '../../src/montecarlo/stats.ts';
import type { TrialOutcome } from '../../src/montecarlo/trial.ts';
import { TrialTable, violationBit } from '../../src/montecarlo/trial.ts';
import { HEAVY_TEST_TIMEOUT_MS, makeScenario, valid } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'rpo-shards-'));
const EXAMPLE = 'scenarios/dispersed-vbar-approach.json';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** Two spacecraft with every statistic in play (passive safety, keep-out, budget). */
const scenario = valid(
  makeScenario({
    target: {
      name: 'T',
      orbit: { type: 'geo', longitudeDeg: 0 },
      keepOut: { shape: 'sphere', radiusM: 200 },
    },
    constraints: { passiveSafety: { orbits: 1, minRangeM: 100 } },
    spacecraft: [
      {
        id: 'A',
        initial: { frame: 'RIC', positionM: [0, -10000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [],
      },
      {
        id: 'B',
        initial: { frame: 'RIC', positionM: [0, -20000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [],
      },
    ],
  }),
);

/** Figures from a few values, so that ties (the worst trial) and repeated values occur. */
const figure = fc.oneof(
  fc.constantFrom(0, 1.5, 100, 250.25),
  fc.double({ min: 0, max: 1e5, noNaN: true }),
);
const craftOutcome = fc.record({
  violationMask: fc.constantFrom(0, violationBit('keep-out'), violationBit('passive-safety'), 3),
  minRangeM: figure,
  totalDvMps: figure,
  passiveWorstRangeM: fc.oneof(figure, fc.constant(Number.NaN)),
});
const outcome = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(craftOutcome, craftOutcome).map((c) => ({ c, error: null })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('no convergence', 'missed').map((error) => ({ c: [], error })),
  },
);

function table(outcomes: { c: TrialOutcome['spacecraft']; error: string | null }[]): TrialTable {
  const t = new TrialTable(outcomes.length, 2);
  outcomes.forEach((o, trialIndex) => t.set({ trialIndex, error: o.error, spacecraft: o.c }));
  return t;
}

/** Each shard's part as written to and read back from its file (JSON text). */
function parts(t: TrialTable, seed: number, k: number): MonteCarloPart[] {
  return Array.from({ length: k }, (_, index) =>
    checkPart(
      JSON.parse(partText(makePart(scenario, seed, t.trials, { index, count: k }, t))),
      `p${index}`,
    ),
  );
}

describe('shards', () => {
  it('tile the trial indexes 0..N-1 in contiguous blocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 600 }), (n, k) => {
        let next = 0;
        for (let i = 0; i < k; i++) {
          const r = shardRange(n, { index: i, count: k });
          expect(r.first).toBe(next);
          expect(r.end).toBeGreaterThanOrEqual(r.first);
          next = r.end;
        }
        expect(next).toBe(n);
      }),
    );
  });

  it('merge of K shards in any order equals the single run byte for byte', () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        (outcomes, k, seed, shuffle) => {
          const t = table(outcomes);
          const single = `${JSON.stringify(summarize(scenario, t, seed), null, 2)}\n`;
          const ps = parts(t, seed, k);
          const order = ps.map((_, i) => (i * (shuffle * 2 + 1)) % k);
          const shuffled = [...new Set(order)].length === k ? order.map((i) => ps[i]!) : ps;
          const merged = mergedReport(
            shuffled,
            shuffled.map((p) => `p${p.shard.index}`),
            true,
          );
          expect(merged).toBe(single);
        },
      ),
    );
  });
});

describe('rpo-sim merge', () => {
  const write = (name: string, value: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
    return p;
  };

  it(
    "gives the single run's --json byte for byte from shards run by the CLI (real trials, worker threads)",
    async () => {
      const base = ['montecarlo', EXAMPLE, '--trials', '13', '--seed', '5', '--workers', '1'];
      const single = await cli(...base, '--json');
      expect(single.code).toBe(0);
      const files: string[] = [];
      for (let i = 0; i < 3; i++) {
        const out = join(dir, `cli-${i}.json`);
        const r = await cli(...base, '--shard', `${i}/3`, '--out', out);
        expect(r.code).toBe(0);
        expect(r.err).toMatch(new RegExp(`wrote shard ${i}/3`));
        files.push(out);
      }
      const merged = await cli('merge', files[2]!, files[0]!, files[1]!, '--json');
      expect(merged.code).toBe(0);
      expect(merged.out).toBe(single.out);
      const text = await cli('merge', ...files);
      expect(text.out).toMatch(/^Monte Carlo: /);
      expect(text.out).toMatch(/trials +13 of 13, seed 5/);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it('refuses missing, duplicate and overlapping shards and parts of other runs (exit 2)', async () => {
    const t = table(Array.from({ length: 10 }, () => ({ c: [], error: 'x' })));
    const [a, b, c] = parts(t, 1, 3).map((p, i) => write(`s${i}.json`, p));
    const half = write('h0.json', parts(t, 1, 2)[0]);
    const other = write('o2.json', parts(t, 2, 3)[2]);
    const longer = write(
      'l2.json',
      makePart(
        scenario,
        1,
        11,
        { index: 2, count: 3 },
        table(Array.from({ length: 11 }, () => ({ c: [], error: 'x' }))),
      ),
    );
    const cases: [string[], RegExp][] = [
      [[a!, b!], /trials 6\.\.9 are in no part: missing shard\(s\) 2\/3/],
      [[a!, c!], /trials 3\.\.5 are in no part: missing shard\(s\) 1\/3/],
      [[a!, b!, c!, b!], /s1\.json and .*s1\.json are the same shard 1\/3/],
      [[half, b!, c!], /h0\.json and .*s1\.json overlap \(trials 3\.\.4 are in both\)/],
      [[a!, b!, other], /o2\.json and .*s0\.json are parts of different runs \(their seed differs/],
      [
        [a!, b!, longer],
        /l2\.json and .*s0\.json are parts of different runs \(their trial count differs/,
      ],
      [[write('bad.json', '{')], /bad\.json: not JSON/],
      [[join(dir, 'absent.json')], /absent\.json: cannot read/],
      [
        [write('v.json', { ...JSON.parse(readFileSync(a!, 'utf8')), version: 2 })],
        /not a valid rpo-montecarlo-part file: "version" 2/,
      ],
      [
        [
          write('t.json', {
            ...JSON.parse(readFileSync(a!, 'utf8')),
            scenario: { ...scenario, name: 'edited' },
          }),
        ],
        /the scenario does not match "scenarioSha256"/,
      ],
      [
        [write('n.json', { ...JSON.parse(readFileSync(a!, 'utf8')), minRangeM: [1] })],
        /"minRangeM" is not a list of 6 numbers/,
      ],
    ];
    for (const [files, message] of cases) {
      const r = await cli('merge', ...files, '--json');
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/internal error|at .*\.ts:/);
      expect(r.out).toBe('');
    }
    expect((await cli('merge', a!, b!, c!)).code).toBe(0);
  });

  it(
    'montecarlo --shard checks its flags (exit 2)',
    async () => {
      const base = ['montecarlo', EXAMPLE, '--trials', '10', '--seed', '1'];
      const cases: [string[], RegExp][] = [
        [
          ['--shard', '3/3', '--out', join(dir, 'x.json')],
          /--shard must be i\/K .* \(got "3\/3"\)/,
        ],
        [['--shard', '1/0', '--out', join(dir, 'x.json')], /--shard must be i\/K/],
        [['--shard', 'a', '--out', join(dir, 'x.json')], /--shard must be i\/K/],
        [['--shard', '0/2'], /--shard needs --out PART\.json/],
        [['--out', join(dir, 'x.json')], /--out writes a shard: give --shard i\/K too/],
        [
          ['--shard', '0/2', '--out', join(dir, 'x.json'), '--json'],
          /--shard writes a partial result only/,
        ],
        [['--shard', '0/2', '--out', dir], /cannot write: is a directory/],
      ];
      for (const [extra, message] of cases) {
        const r = await cli(...base, '--workers', '1', ...extra);
        expect(r.code, extra.join(' ')).toBe(2);
        expect(r.err).toMatch(message);
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
