// rpo-sim pc: a CDM in, the Pc out (JSON contract, HBR rules, exit codes, errors naming line and
// keyword). Reference values: NASA CARA's Alfano test cases (test/fixtures/collision/README.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const CARA = join('test', 'fixtures', 'collision', 'cara');
const CASE3 = join(CARA, 'AlfanoTestCase03.cdm');
const dir = mkdtempSync(join(tmpdir(), 'rpo-pc-'));
function variant(name: string, edit: (text: string) => string): string {
  const p = join(dir, name);
  writeFileSync(p, edit(readFileSync(CASE3, 'utf8')));
  return p;
}

describe('rpo-sim pc', { timeout: 600_000 }, () => {
  it('--json prints pc2d, method, valid2d and pcMonteCarlo with its interval', async () => {
    const { code, out } = await cli('pc', CASE3, '--json', '--trials', '4000', '--seed', '3');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.format).toBe('rpo-pc');
    expect(r.version).toBe(1);
    expect(r.hbrM).toBe(15);
    expect(r.hbrSource).toBe('COMMENT HBR');
    // CARA 2D Pc 0.100351 for Alfano case 3 (GEO, 16 m/s): a short encounter
    expect(r.pc2d).toBeCloseTo(0.100351, 4);
    expect(r.valid2d).toBe(true);
    expect(r.method).toBe('foster-2d');
    expect(r.pc).toBe(r.pc2d);
    const mc = r.pcMonteCarlo;
    expect(mc.trials).toBe(4000);
    expect(mc.seed).toBe(3);
    expect(mc.confidence).toBe(0.95);
    expect(mc.lo).toBeLessThan(0.10034);
    expect(mc.hi).toBeGreaterThan(0.10034);
    expect(r.encounter.durationS).toBeGreaterThan(0);
    expect(r.missDistanceM).toBeCloseTo(3.92221, 3);
    // CARA 3D-Nc 0.100336 (Pc3D_Hall) for the same case
    expect(Math.abs(r.pc3d / 0.100336 - 1)).toBeLessThan(1e-3);
    expect(r.pc3dWindowS).toHaveLength(2);
    expect(r.pc3dMethod).toBe('hall-3d-nc');
    expect(r.valid3d).toBe(true);
    expect(r.valid3dViolations).toEqual([]);
    expect(r.encounter3d.extendedCutoff).toBe(0.5);
    expect(r.encounter3d.offsetCutoff).toBe(0.75);
    expect(r.agree2d3d).toBe(true);
    expect(Math.abs(r.pc3dCoppola / 0.100336 - 1)).toBeLessThan(2e-3);
  });

  it('prints a summary naming the method, and reports a long encounter as such', async () => {
    const { code, out } = await cli(
      'pc',
      join(CARA, 'AlfanoTestCase02.cdm'),
      '--trials',
      '3000',
      '--window-s',
      '21600',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/2D Pc \(Foster\) +6\.222e-3 +short-encounter test FAILED/);
    expect(out).toMatch(/Monte Carlo Pc .* 95 % interval/);
    expect(out).toMatch(/window -2\.160e\+4 \.\. 2\.160e\+4 s about TCA/);
    expect(out).toMatch(/Pc +\S+ \(monte-carlo-two-body\)/);
    expect(out).toMatch(/3D Pc \(Hall\) +1\.55\de-2 +expected entries .* usage test passed/);
    expect(out).toMatch(/3D Pc \(Coppola\) +1\.55\de-2 +Cartesian linearisation/);
  });

  it('--hbr-m overrides the COMMENT HBR line; --trials 0 skips the Monte Carlo', async () => {
    const { out } = await cli('pc', CASE3, '--json', '--hbr-m', '5', '--trials', '0');
    const r = JSON.parse(out);
    expect(r.hbrM).toBe(5);
    expect(r.hbrSource).toBe('--hbr-m');
    expect(r.pc2d).toBeLessThan(0.05);
    expect(r.pcMonteCarlo).toBeNull();
    expect(r.consistent2d).toBeNull();
  });

  it('without any HBR exits 2 naming --hbr-m (and never adds up object radii)', async () => {
    const f = variant('nohbr.cdm', (t) => t.replace(/^COMMENT HBR.*$/m, ''));
    const { code, out, err } = await cli('pc', f, '--trials', '0');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/no hard-body radius: give --hbr-m R/);
  });

  it('a malformed CDM exits 2 with the line and keyword', async () => {
    const f = variant('bad.cdm', (t) => t.replace(/^Z_DOT .*$/m, 'Z_DOT = fast [km/s]'));
    const { code, err } = await cli('pc', f);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.cdm: line 52: OBJECT1 Z_DOT = "fast" is not a finite number/);
    expect(err).not.toMatch(/at .*\.ts/);
  });

  it('bad usage exits 2', async () => {
    expect((await cli('pc')).code).toBe(2);
    expect((await cli('pc', CASE3, '--hbr-m', '-1')).err).toMatch(/--hbr-m must be a positive/);
    expect((await cli('pc', CASE3, '--bogus')).err).toMatch(/unknown option --bogus/);
    expect((await cli('pc', join(dir, 'missing.cdm'))).err).toMatch(/no such file/);
  });
});
