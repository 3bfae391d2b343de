// The rpo-sim command line: verbs, report JSON (format contract), exit codes, CSV ephemeris,
// and errors without stack traces. Most cases call main() in-process; one spawns the committed
// launcher as a user's shell would.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { makeScenario } from '../helpers.ts';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'rpo-cli-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('rpo-sim run', () => {
  it('--json prints the v1 report', async () => {
    const { code, out } = await cli('run', 'scenarios/vbar-hop.json', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.format).toBe('rpo-report');
    expect(r.version).toBe(1);
    expect(r.scenario).toBe('V-bar hop with two radial burns');
    const sc = r.spacecraft[0];
    expect(sc.id).toBe('hopper');
    expect(sc.final.tS).toBe(86400);
    expect(sc.final.frame).toBe('RIC');
    expect(sc.final.positionM).toHaveLength(3);
    expect(sc.burns.map((b: { tS: number }) => b.tS)).toEqual([3600, 46682.045213084304]);
    expect(sc.burns[0].frame).toBe('RIC');
    // the hop arrives at -5 km on V-bar: n d / 4 per burn (REFERENCE "V-bar hop")
    expect(sc.totalDvMps).toBeCloseTo(2 * 0.0911514483, 9);
    expect(sc.final.positionM[1]).toBeCloseTo(-5000, 3);
    expect(sc.minRange).toEqual({ rangeM: expect.any(Number), tS: expect.any(Number) });
    expect(sc.violations).toEqual([]);
  });

  it('prints a readable summary by default, and runs the built-in scenario without a file', async () => {
    const { code, out, err } = await cli('run');
    expect(code).toBe(0);
    expect(err).toMatch(/built-in scenario/);
    expect(out).toMatch(/SKYNET-5A inspection/);
    expect(out).toMatch(/delta-v +\d\.\d+ m\/s of 1\.5 m\/s budget in 7 burn/);
    expect(out).toMatch(/triggered at t\+\d+:\d\d:\d\d\.\d\d by "sunPhaseDeg < 45"/);
    expect(out).toMatch(/SCORE \d+\.\d \/ 100/);
    expect(out).toMatch(/violations +none/);
  });

  it('--strict exits with 1 when a constraint is violated, 0 without it', async () => {
    const strict = await cli('run', 'scenarios/close-flyby.json', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/VIOLATION +keep-out/);
    expect((await cli('run', 'scenarios/close-flyby.json')).code).toBe(0);
    expect((await cli('run', 'scenarios/football.json', '--strict')).code).toBe(0);
  });

  it('--ephemeris writes every node as CSV (RIC, SI)', async () => {
    const out = join(dir, 'eph.csv');
    const { code } = await cli('run', 'scenarios/radial-drift.json', '--ephemeris', out);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('spacecraft,tS,rM,iM,cM,vrMps,viMps,vcMps');
    // two spacecraft, one orbit at 30 s: t = 0, 2872 whole steps and a last short one
    expect(lines.length - 1).toBe(2 * 2874);
    const last = lines[2874]!.split(',');
    expect(last[0]).toBe('above');
    expect(Number(last[1])).toBeCloseTo(86164.09042616861, 6);
    // REFERENCE drift: -12 pi x0 per orbit at rest in RIC
    expect(Number(last[3])).toBeCloseTo(-37699.11184307752, 3);
  });

  it('an invalid file exits with 2 and lists the problems with JSON paths', async () => {
    const s = makeScenario() as unknown as Record<string, unknown>;
    s.stepS = 0;
    const { code, err, out } = await cli('run', file('bad.json', s));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/stepS: expected integration step in s > 0/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a plan that cannot be flown exits with 2 naming the maneuver', async () => {
    const s = makeScenario({}, { maneuvers: [{ type: 'football', tS: 0, amplitudeM: 300 }] });
    const { code, err } = await cli('run', file('fb.json', s));
    expect(code).toBe(2);
    expect(err).toMatch(/spacecraft\[0\]\.maneuvers\[0\]\.amplitudeM/);
  });

  it.each([
    [['run', 'a.json', 'b.json'], /one scenario file/],
    [['run', 'scenarios/football.json', '--bogus'], /unknown option --bogus/],
    [['run', 'scenarios/football.json', '--ephemeris'], /--ephemeris needs a value/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['run', join(dir, 'missing.json')], /no such file/],
    [['run', dir], /is a directory/],
  ])('usage and input errors exit with 2: %j', async (args, message) => {
    const { code, err } = await cli(...(args as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('refuses files over 5 MB without reading them', async () => {
    const { code, err } = await cli('run', file('big.json', ' '.repeat(5 * 1024 * 1024 + 10)));
    expect(code).toBe(2);
    expect(err).toMatch(/limit is 5 MB/);
  });
});

describe('rpo-sim validate', () => {
  it('checks every file and exits 2 if any is invalid', async () => {
    const { code, out, err } = await cli(
      'validate',
      'scenarios/football.json',
      file('typo.json', { ...makeScenario(), stepz: 1 }),
    );
    expect(code).toBe(2);
    expect(out).toMatch(/ok: scenarios\/football\.json/);
    expect(err).toMatch(/stepz: unknown key \(did you mean "stepS"\?\)/);
  });

  it('all examples are valid', async () => {
    const { code } = await cli(
      'validate',
      'scenarios/skynet5a-inspection.json',
      'scenarios/vbar-hop.json',
      'scenarios/close-flyby.json',
    );
    expect(code).toBe(0);
  });
});

describe('the committed launcher', () => {
  it('runs with node and no build step, exit codes as documented', () => {
    const ok = execFileSync(
      'node',
      ['src/cli/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json', '--json'],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(ok).format).toBe('rpo-report');
    const bad = spawnSync('node', ['src/cli/rpo-sim.mjs', 'validate', file('x.json', '{')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not valid JSON/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const version = spawnSync('node', ['src/cli/rpo-sim.mjs', '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  }, 30_000);
});

describe('rpo-sim export', () => {
  it('writes one file per object into DIR and lists them', async () => {
    const out = join(dir, 'export-oem');
    const { code, out: listed } = await cli(
      'export',
      'scenarios/radial-drift.json',
      '--format',
      'oem',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(listed.trim().split('\n').sort()).toEqual(
      ['above.oem', 'below.oem', 'target.oem'].map((n) => join(out, n)).sort(),
    );
    expect(readFileSync(join(out, 'above.oem'), 'utf8')).toMatch(/^CCSDS_OEM_VERS = 3\.0\n/);
    expect(readdirSync(out).sort()).toEqual(['above.oem', 'below.oem', 'target.oem']);
  });

  it.each([
    ['oem-xml', ['target.oem.xml', 'hopper.oem.xml']],
    ['opm', ['hopper.opm']],
    ['cdm', ['target-hopper.cdm']],
    ['czml', ['scenario.czml']],
    ['stk-e', ['target.e', 'hopper.e']],
  ])('--format %s writes its fixed file names', async (format, names) => {
    const out = join(dir, `export-${format}`);
    const { code } = await cli(
      'export',
      'scenarios/vbar-hop.json',
      '--format',
      format,
      '--out',
      out,
      '--step-s',
      '600',
    );
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...names].sort());
  });

  it('refuses a bad format or step with exit 2 and the usage', async () => {
    const bad = await cli('export', 'scenarios/vbar-hop.json', '--format', 'kml', '--out', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format oem\|oem-xml\|opm\|cdm\|czml\|stk-e/);
    const step = await cli(
      'export',
      'scenarios/vbar-hop.json',
      '--format',
      'oem',
      '--out',
      dir,
      '--step-s',
      '0',
    );
    expect(step.code).toBe(2);
    expect(step.err).toMatch(/--step-s: expected a number of seconds > 0/);
  });

  it('fails with exit 2 and leaves no partial file when DIR cannot be written', async () => {
    const blocker = file('not-a-dir', 'x');
    const { code, err } = await cli(
      'export',
      'scenarios/vbar-hop.json',
      '--format',
      'oem',
      '--out',
      join(blocker, 'sub'),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write/);
    expect(err).not.toMatch(/at .*\.ts:/);
  });

  it('removes its temporaries when a later file fails', async () => {
    const out = join(dir, 'export-partial');
    mkdirSync(join(out, 'hopper.oem'), { recursive: true }); // a directory where a file must go
    const { code } = await cli(
      'export',
      'scenarios/vbar-hop.json',
      '--format',
      'oem',
      '--out',
      out,
    );
    expect(code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['hopper.oem']);
    expect(existsSync(join(out, 'target.oem'))).toBe(false);
  });
});

describe('rpo-sim run with element sets', () => {
  it('runs a scenario whose target is a TLE, warning about an element set far from the epoch', async () => {
    const py = JSON.parse(readFileSync('test/fixtures/sgp4/python-sgp4.json', 'utf8')) as {
      tle: [string, string];
    };
    const scenario = JSON.parse(readFileSync('scenarios/vbar-hop.json', 'utf8')) as Record<
      string,
      unknown
    >;
    scenario.dynamics = 'nonlinear';
    scenario.epoch = '2026-06-25T00:00:00Z';
    scenario.target = { name: 'GEO 6E', orbit: { type: 'elements', tle: py.tle } };
    const { code, out, err } = await cli('run', file('tle-target.json', scenario), '--json');
    expect(code).toBe(0);
    expect(err).toMatch(
      /warning: target\.orbit: element set epoch 2026-06-20T12:00:00\.000Z is 4\.5 days before/,
    );
    const report = JSON.parse(out);
    expect(report.geoSlots[0].id).toBe('target');
    expect(report.geoSlots[0].longitudeDeg).toBeGreaterThan(5);
  });
});
