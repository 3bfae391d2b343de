// CDM (CCSDS 508.0-B-1, KVN) reading: fields, units, frames, and errors that name line and keyword.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CdmError, parseCdm, rtnToInertial } from '../../src/collision/cdm.ts';

const TEXT = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'collision', 'cara', 'AlfanoTestCase01.cdm'),
  'utf8',
);

/** The text with the `nth` line starting with `key` replaced (or removed), and that line's number. */
function edit(key: string, replacement: string | null, nth = 0): { text: string; line: number } {
  const lines = TEXT.split('\n');
  const hits = lines.flatMap((l, i) => (l.startsWith(`${key} `) ? [i] : []));
  const i = hits[nth]!;
  expect(i).toBeDefined();
  if (replacement === null) lines.splice(i, 1);
  else lines[i] = replacement;
  return { text: lines.join('\n'), line: i + 1 };
}

describe('parseCdm', () => {
  it('reads TCA, HBR comment, states in m and RTN covariances', () => {
    const cdm = parseCdm(TEXT);
    expect(cdm.tca).toBe('2000-01-01T00:00:00.000');
    expect(cdm.commentHbrM).toBe(15);
    expect(cdm.missDistanceM).toBe(5.049717);
    const [o1, o2] = cdm.objects;
    expect(o1.stateM[0]).toBeCloseTo(153446.765, 6);
    expect(o1.stateM[3]).toBeCloseTo(3066.874761, 9);
    expect(o1.covRtn[0]).toBe(1.988970273925819e1); // CR_R
    expect(o1.covRtn[1 * 6 + 0]).toBe(o1.covRtn[0 * 6 + 1]); // symmetric
    expect(o2.covRtn[5 * 6 + 5]).toBe(3.39208034523443e-9); // CNDOT_NDOT
    // the miss in the file matches the states
    const d = Math.hypot(...[0, 1, 2].map((i) => o2.stateM[i]! - o1.stateM[i]!));
    expect(d).toBeCloseTo(5.049717, 2);
  });

  it('maps RTN to inertial: R along r, N along r x v, a rotation', () => {
    const m = rtnToInertial([7e6, 0, 0, 0, 7500, 10]);
    expect([m[0], m[3], m[6]]).toEqual([1, 0, 0]); // R column
    // N along h = r x v = (0, -7e7, 5.25e10)
    expect(m[2]).toBe(0);
    expect(m[8]! / m[5]!).toBeCloseTo(-750, 9);
    const o = parseCdm(TEXT).objects[0];
    // a rotation keeps the trace of the position block
    const tr = (c: Float64Array) => c[0]! + c[7]! + c[14]!;
    expect(Math.abs(tr(o.covInertial) / tr(o.covRtn) - 1)).toBeLessThan(1e-14);
  });

  it.each([
    ['X', 'X = abc [km]', (l: number) => `line ${l}: OBJECT1 X = "abc" is not a finite number`],
    [
      'X',
      'X = 153.4 [m]',
      (l: number) => `line ${l}: OBJECT1 X is in [m]; CCSDS 508.0-B-1 fixes it to [km]`,
    ],
    ['CT_T', null, () => 'OBJECT1 (from line 15): CT_T missing'],
    [
      'REF_FRAME',
      'REF_FRAME = ITRF',
      (l: number) => `line ${l}: OBJECT1 REF_FRAME = ITRF is not supported`,
    ],
    ['TCA', null, () => 'TCA missing'],
    [
      'COMMENT HBR',
      'COMMENT HBR = -3',
      (l: number) => `line ${l}: COMMENT HBR = "-3" is not a positive number`,
    ],
    [
      'CR_R',
      'CR_R = -1',
      (l: number) => `line ${l}: OBJECT1 CR_R is a variance and cannot be negative`,
    ],
    [
      'MESSAGE_ID',
      'this is not kvn',
      (l: number) => `line ${l}: expected KEYWORD = value, found "this is not kvn"`,
    ],
  ] as const)('names the line and keyword of a malformed file: %s', (key, replacement, message) => {
    const { text, line } = edit(key, replacement);
    expect(() => parseCdm(text)).toThrow(message(line));
  });

  it('wants OBJECT1 then OBJECT2', () => {
    const { text } = edit('OBJECT', 'OBJECT = OBJECT3', 1);
    expect(() => parseCdm(text)).toThrow(
      'expected OBJECT = OBJECT1 then OBJECT = OBJECT2; found OBJECT1 (line 15), OBJECT3 (line 89)',
    );
  });

  it('rejects a keyword given twice in one object, and a file that is not a CDM', () => {
    const y = TEXT.split('\n').find((l) => l.startsWith('Y '))!;
    const twice = edit('Y', `${y}\n${y}`);
    expect(() => parseCdm(twice.text)).toThrow(
      `line ${twice.line + 1}: OBJECT1 Y given twice (first on line ${twice.line})`,
    );
    expect(() => parseCdm('{"format": "rpo-scenario"}')).toThrow(CdmError);
    expect(() => parseCdm('')).toThrow(/CCSDS_CDM_VERS missing/);
  });

  it('has no HBR when there is no COMMENT HBR line', () => {
    expect(parseCdm(edit('COMMENT HBR', null).text).commentHbrM).toBeNull();
  });
});
