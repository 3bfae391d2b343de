// Monte Carlo statistics: the Wilson score interval against published values, percentiles
// against the Hyndman-Fan definition 7 (R's default quantile type, NumPy's 'linear'), histograms,
// and a property test that the summary does not depend on the order in which trials arrive.
//
// References:
// [1] Wilson, "Probable inference, the law of succession, and statistical inference", JASA
//     22(158), 1927.
// [2] Agresti and Coull, "Approximate is better than 'exact' for interval estimation of binomial
//     proportions", The American Statistician 52(2), 1998 (Wilson 95 % intervals, n = 10:
//     0 successes [0, 0.2775], 5 successes [0.2366, 0.7634]).
// [3] Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
//     methods", Statistics in Medicine 17, 1998, table I (81 of 263: [0.2553, 0.3662]; 15 of
//     148: [0.0624, 0.1605]; 0 of 20: [0, 0.1611]; 1 of 29: [0.0061, 0.1718]).
// [4] Hyndman and Fan, "Sample quantiles in statistical packages", The American Statistician
//     50(4), 1996 (definition 7).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram, percentile, summarize, wilsonInterval } from '../../src/montecarlo/stats.ts';
import type { TrialOutcome } from '../../src/montecarlo/trial.ts';
import { TrialTable, violationBit } from '../../src/montecarlo/trial.ts';
import { makeScenario, valid } from '../helpers.ts';

describe('Wilson score interval', () => {
  it.each([
    // successes, n, lo, hi (4 decimals, as published)
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i -> [%f, %f] [2][3]', (x, n, lo, hi) => {
    const w = wilsonInterval(x, n);
    expect(w.p).toBe(x / n);
    expect(w.lo).toBeCloseTo(lo, 4);
    expect(w.hi).toBeCloseTo(hi, 4);
  });

  it('is exact at the ends and symmetric under x -> n - x', () => {
    const all = wilsonInterval(10, 10);
    expect(all.hi).toBe(1);
    expect(all.lo).toBeCloseTo(1 - 0.2775, 4);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, k) => {
        const x = k % (n + 1);
        const a = wilsonInterval(x, n);
        const b = wilsonInterval(n - x, n);
        expect(a.lo).toBeCloseTo(1 - b.hi, 12);
        expect(a.lo).toBeLessThanOrEqual(a.p);
        expect(a.hi).toBeGreaterThanOrEqual(a.p);
        expect(a.lo).toBeGreaterThanOrEqual(0);
        expect(a.hi).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('has no interval without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ p: Number.NaN, lo: 0, hi: 1, count: 0 });
  });
});

describe('percentiles (Hyndman-Fan 7) and histograms', () => {
  it('interpolates linearly between order statistics', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // R: quantile(1:10, c(.05, .5, .95)) = 1.45 5.5 9.55
    expect(percentile(x, 0.05)).toBeCloseTo(1.45, 12);
    expect(percentile(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(percentile(x, 0.95)).toBeCloseTo(9.55, 12);
    expect(percentile(x, 0)).toBe(1);
    expect(percentile(x, 1)).toBe(10);
    // R: quantile(c(15, 20, 35, 40, 50), .4) = 29
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(percentile([42], 0.95)).toBe(42);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('bins every value once, the maximum in the last bin', () => {
    const h = histogram([0, 0.5, 1, 1, 9.99, 10], 10);
    expect(h.start).toBe(0);
    expect(h.binWidth).toBe(1);
    expect(h.counts).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(histogram([3, 3, 3], 4).counts).toEqual([3, 0, 0, 0]);
  });
});

describe('summary', () => {
  const scenario = valid(
    makeScenario(
      {
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 0 },
          keepOut: { shape: 'sphere', radiusM: 100 },
        },
        constraints: { separationM: 50 },
        spacecraft: [
          {
            id: 'A',
            budget: { dvMps: 1 },
            initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] },
            maneuvers: [],
          },
          {
            id: 'B',
            initial: { frame: 'RIC', positionM: [0, 1000, 0], velocityMps: [0, 0, 0] },
            maneuvers: [],
          },
        ],
      },
      {},
    ),
  );
  const craft = fc.record({
    mask: fc.integer({ min: 0, max: 127 }),
    r: fc.double({ min: 0, max: 1e4, noNaN: true }),
    dv: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  // one trial in ten could not be flown
  const outcome = fc.record({
    ok: fc.integer({ min: 0, max: 9 }).map((k) => k > 0),
    a: craft,
    b: craft,
  });
  type Craft = { mask: number; r: number; dv: number };

  function toTrial(i: number, o: { ok: boolean; a: Craft; b: Craft }): TrialOutcome {
    return o.ok
      ? {
          trialIndex: i,
          error: null,
          spacecraft: [o.a, o.b].map((c) => ({
            violationMask: c.mask,
            minRangeM: c.r,
            totalDvMps: c.dv,
            passiveWorstRangeM: Number.NaN,
          })),
        }
      : { trialIndex: i, error: `failed ${i}`, spacecraft: [] };
  }

  it('does not depend on the order in which trials arrive', () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 60 }),
        fc.infiniteStream(fc.nat()),
        (outs, rand) => {
          const trials = outs.map((o, i) => toTrial(i, o));
          const inOrder = new TrialTable(trials.length, 2);
          for (const t of trials) inOrder.set(t);
          // a random permutation (Fisher-Yates on the drawn numbers)
          const shuffled = [...trials];
          const it = rand[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const permuted = new TrialTable(trials.length, 2);
          for (const t of shuffled) permuted.set(t);
          expect(summarize(scenario, permuted, 7)).toStrictEqual(summarize(scenario, inOrder, 7));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts each kind the spacecraft can incur, and only those', () => {
    const table = new TrialTable(4, 2);
    const ko = violationBit('keep-out');
    const sep = violationBit('separation');
    const bud = violationBit('budget');
    const masks = [ko | bud, 0, ko, sep];
    masks.forEach((m, i) =>
      table.set({
        trialIndex: i,
        error: null,
        spacecraft: [
          { violationMask: m, minRangeM: 10 * (4 - i), totalDvMps: i, passiveWorstRangeM: NaN },
          { violationMask: 0, minRangeM: 1000, totalDvMps: 0, passiveWorstRangeM: NaN },
        ],
      }),
    );
    const s = summarize(scenario, table, 3);
    const a = s.spacecraft[0]!;
    expect(Object.keys(a.violations).sort()).toEqual(['budget', 'keep-out', 'separation']);
    expect(Object.keys(s.spacecraft[1]!.violations).sort()).toEqual(['keep-out', 'separation']);
    expect(a.violations['keep-out']!.count).toBe(2);
    expect(a.violations['keep-out']!.p).toBe(0.5);
    expect(a.violations.budget!.count).toBe(1);
    expect(a.anyViolation.count).toBe(3);
    expect(a.worst).toEqual({ trialIndex: 3, seed: 3, minRangeM: 10 });
    expect(s.worst).toEqual({ trialIndex: 3, seed: 3, spacecraft: 'A', minRangeM: 10 });
    expect(a.totalDvMps.p50).toBe(1.5);
    expect(a.minRangeM.mean).toBe(25);
    expect(s.flown).toBe(4);
    expect(s.dispersions).toBeNull();
  });

  it('summarises a prefix and leaves failed trials out, counting them', () => {
    const table = new TrialTable(5, 2);
    table.set(toTrial(0, { ok: true, a: { mask: 1, r: 5, dv: 0 }, b: { mask: 0, r: 7, dv: 0 } }));
    table.set(toTrial(1, { ok: false, a: { mask: 0, r: 0, dv: 0 }, b: { mask: 0, r: 0, dv: 0 } }));
    table.set(toTrial(3, { ok: true, a: { mask: 0, r: 1, dv: 0 }, b: { mask: 0, r: 1, dv: 0 } }));
    expect(table.donePrefix()).toBe(2);
    const s = summarize(scenario, table, 0, table.donePrefix(), true);
    expect(s.completed).toBe(2);
    expect(s.trials).toBe(5);
    expect(s.interrupted).toBe(true);
    expect(s.flown).toBe(1);
    expect(s.failed).toEqual({ count: 1, firstTrialIndex: 1, message: 'failed 1' });
    expect(s.spacecraft[0]!.violations['keep-out']!.count).toBe(1);
    expect(() => summarize(scenario, table, 0)).toThrow(/trial 2 is not done/);
  });
});
