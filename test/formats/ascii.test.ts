// The byte-level number writer of the ephemeris files against Number.prototype.toFixed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiWriter } from '../../src/formats/ascii.ts';

describe('AsciiWriter.fixed', () => {
  it('prints what toFixed prints, within one unit of the last digit (ties), for OEM-sized values', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 9 }),
        (x, digits) => {
          const got = new AsciiWriter().fixed(x, digits).toString();
          const want = x.toFixed(digits);
          expect(got).toMatch(/^-?\d+(\.\d+)?$/);
          expect(got.split('.')[1]?.length ?? 0).toBe(digits);
          expect(Math.abs(Number(got) - Number(want))).toBeLessThanOrEqual(
            1.000001 * 10 ** -digits,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes exact values exactly, with no sign on zero', () => {
    const w = new AsciiWriter();
    w.fixed(42164.1696, 6).char(32).fixed(-3.0746601, 9).char(32).fixed(-1e-12, 6).char(32);
    w.fixed(0.5, 0).char(32).fixed(-0.0000005, 6);
    expect(w.toString()).toBe('42164.169600 -3.074660100 0.000000 1 -0.000001');
  });

  it('keeps text longer than its buffer in order', () => {
    const w = new AsciiWriter();
    const long = 'x'.repeat(100_000);
    w.text('a').text(long).text('b');
    for (let i = 0; i < 50_000; i++) w.fixed(i, 0).char(44);
    const out = w.toString();
    expect(out.startsWith(`a${long}b0,1,2,`)).toBe(true);
    expect(out.endsWith('49998,49999,')).toBe(true);
  });
});
