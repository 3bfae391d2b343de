// The rpo-sim command line: verbs, report JSON (format contract), exit codes, CSV ephemeris,
// and errors without stack traces. Most cases call main() in-process; the last ones spawn the
// built command line (the package's bin) and the development launcher as a user's shell would.

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
import { HEAVY_TEST_TIMEOUT_MS, makeScenario } from '../helpers.ts';

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
    expect(out).toMatch(/delta-v +\d\.\d+ m\/s used of 1\.5 m\/s budget in 7 burn/);
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

  it('every file of scenarios/ passes, the JSON Schema among them skipped with a note', async () => {
    const files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.json'))
      .map((f) => `scenarios/${f}`);
    const { code, out, err } = await cli('validate', ...files);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^skipped: scenarios\/scenario\.schema\.json \(a JSON Schema document, not a scenario\)$/m,
    );
    for (const f of files.filter((f) => !f.endsWith('scenario.schema.json')))
      expect(out).toContain(`ok: ${f}\n`);
  });

  it('refuses a plan that run refuses (a dry run): a 1 km football started 5 km out on V-bar', async () => {
    const s = makeScenario(
      {},
      {
        initial: { frame: 'RIC', positionM: [0, -5000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [{ type: 'football', tS: 600, amplitudeM: 1000 }],
      },
    );
    const f = file('football-too-far.json', s);
    const run = await cli('run', f);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot be flown as written/);
    const v = await cli('validate', f);
    expect(v.code).toBe(2);
    expect(v.out).toBe('');
    // the same words as run: the maneuver's path and why
    expect(`rpo-sim: ${v.err}`).toBe(run.err);
    expect(v.err).toMatch(
      /spacecraft\[0\]\.maneuvers\[0\]\.amplitudeM: .*radial amplitude 2500\.0 m, not 1000 m/,
    );
  });

  it('a scenario that points at its schema is still checked as a scenario', async () => {
    const broken = { ...makeScenario(), $schema: './scenario.schema.json', format: undefined };
    const withSchema = { $schema: './scenario.schema.json', ...makeScenario() };
    const { code, out, err } = await cli(
      'validate',
      file('with-schema.json', withSchema),
      file('no-format.json', broken),
      file('other-schema.json', { $schema: 'https://json-schema.org/draft/2020-12/schema' }),
    );
    expect(code).toBe(2);
    expect(out).toMatch(/ok: .*with-schema\.json/);
    expect(out).toMatch(/skipped: .*other-schema\.json/);
    expect(err).toMatch(/no-format\.json: invalid scenario/);
  });
});

// dist/node is built from the current sources by test/setup/build-cli.ts before the tests run.
const BUILT = 'dist/node/rpo-sim.mjs';

/**
 * A Node `--import` module whose loader hook refuses to load the built files whose names match
 * `pattern` (esbuild names a lazily loaded module's file after it: expression-HASH.mjs), so a
 * run that needs one of them fails, and one that does not shows it never loaded them.
 */
function blockLoading(pattern: string): string {
  const hooks = file(
    `hooks-${pattern}.mjs`,
    `export async function load(url, context, next) {
  if (/\\/${pattern}-[^/]*\\.mjs$/.test(url)) throw new Error('blocked: ' + url);
  return next(url, context);
}
`,
  );
  return file(
    `block-${pattern}.mjs`,
    `import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
register(pathToFileURL(${JSON.stringify(hooks)}));
`,
  );
}

describe('the built command line (the package bin)', () => {
  it(
    'runs with node, exit codes as documented',
    () => {
      const ok = execFileSync('node', [BUILT, 'run', 'scenarios/vbar-hop.json', '--json'], {
        encoding: 'utf8',
      });
      expect(JSON.parse(ok).format).toBe('rpo-report');
      const bad = spawnSync('node', [BUILT, 'validate', file('x.json', '{')], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/not valid JSON/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      const version = spawnSync('node', [BUILT, '--version'], { encoding: 'utf8' });
      expect(version.stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'prints the same report as the sources',
    async () => {
      const built = execFileSync('node', [BUILT, 'run', 'scenarios/football.json', '--json'], {
        encoding: 'utf8',
      });
      expect(built).toBe((await cli('run', 'scenarios/football.json', '--json')).out);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'loads the expression parser (mathjs) only for a scenario with triggers',
    () => {
      const block = blockLoading('expression');
      const run = (...args: string[]) =>
        spawnSync('node', ['--import', block, BUILT, ...args], { encoding: 'utf8' });
      // no trigger: runs without it
      const plain = run('run', 'scenarios/vbar-hop.json');
      expect(plain.stderr).toBe('');
      expect(plain.status).toBe(0);
      // the SKYNET-5A inspection has a `when`: it needs the parser, so blocking it fails
      const triggered = run('validate', 'scenarios/skynet5a-inspection.json');
      expect(triggered.status).toBe(3);
      expect(triggered.stderr).toMatch(/blocked: .*expression-/);
      expect(
        spawnSync('node', [BUILT, 'validate', 'scenarios/skynet5a-inspection.json']).status,
      ).toBe(0);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'loads the parser for a file with a byte-order mark and a trigger',
    () => {
      const text = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');
      const bom = file('bom-trigger.json', `\uFEFF${text}`);
      const r = spawnSync('node', [BUILT, 'validate', bom], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'answers --version without loading the engine',
    () => {
      const block = blockLoading('main');
      const version = spawnSync('node', ['--import', block, BUILT, '--version'], {
        encoding: 'utf8',
      });
      expect(version.status).toBe(0);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const help = spawnSync('node', ['--import', block, BUILT, '--help'], { encoding: 'utf8' });
      // control: any other command needs main.ts, and the hook stops it
      expect(help.status).not.toBe(0);
      expect(help.stderr).toMatch(/blocked: .*main-/);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('the development launcher', () => {
  it(
    'runs the sources through tsx with no build step',
    () => {
      const ok = execFileSync(
        'node',
        ['src/cli/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json', '--json'],
        { encoding: 'utf8' },
      );
      expect(JSON.parse(ok).format).toBe('rpo-report');
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
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
