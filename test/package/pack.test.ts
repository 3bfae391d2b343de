// The package as a user gets it: `npm pack` in a copy of the sources (its `prepare` and
// `prepack` scripts build the JavaScript and the types), `npm install <tarball>` into an empty
// folder, then the installed command line, the README's library example and the types, there.

import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

// Generous on purpose: npm installs the tarball's dependencies (from its cache where it can,
// else from the registry) and tsc emits the types, each taking minutes on a busy machine.
// Nothing here measures speed.
const INSTALL_TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 180_000;

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'rpo-pack-'));
const stage = join(work, 'source');
const app = join(work, 'app');
let tarball = '';
let packedFiles: string[] = [];

/** Environment without the npm_* variables of an enclosing `npm test`, which would point npm here. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  }
  return env;
}

function run(file: string, args: string[], cwd: string, timeout = RUN_TIMEOUT_MS): string {
  const options: ExecFileSyncOptions = { cwd, env: cleanEnv(), timeout, encoding: 'utf8' };
  return execFileSync(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }) as string;
}

async function sourceCli(...args: string[]): Promise<string> {
  let out = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: () => {} });
  expect(code).toBe(0);
  return out;
}

beforeAll(() => {
  // A copy, so that packing (which rebuilds dist/) does not disturb tests running the repo's
  // own dist/node; the dependencies are the repo's (a link), as in a clone after `npm install`.
  for (const entry of [
    'package.json',
    'README.md',
    'scripts',
    'src',
    'scenarios',
    'tsconfig.json',
    'tsconfig.types.json',
  ]) {
    cpSync(join(repo, entry), join(stage, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', work], stage, INSTALL_TIMEOUT_MS),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);

  cpSync(join(repo, 'README.md'), join(app, 'README.md'));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module' }),
  );
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball],
    app,
    INSTALL_TIMEOUT_MS,
  );
}, 2 * INSTALL_TIMEOUT_MS);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the built JavaScript, the types and the examples, not the sources', () => {
    for (const f of [
      'dist/node/rpo-sim.mjs',
      'dist/node/index.mjs',
      'dist/node/schema.mjs',
      'dist/node/montecarlo-worker.mjs',
      'dist/types/index.d.ts',
      'dist/types/schema.d.ts',
      'scenarios/skynet5a-inspection.json',
      'scenarios/scenario.schema.json',
      'package.json',
      'README.md',
    ]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(src|test|scripts)\//.test(f))).toEqual([]);
  });

  it(
    'installs a working command line: version, run, the built-in scenario, Monte Carlo on workers',
    async () => {
      const bin = join(app, 'node_modules', '.bin', 'rpo-sim');
      const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;
      expect(run(bin, ['--version'], app)).toBe(`${version}\n`);
      expect(run(bin, ['run', 'node_modules/rpo-sim/scenarios/vbar-hop.json', '--json'], app)).toBe(
        await sourceCli('run', 'scenarios/vbar-hop.json', '--json'),
      );
      expect(run(bin, ['run'], app)).toMatch(/SKYNET-5A inspection/);
      const mc = ['--trials', '6', '--seed', '3', '--json'];
      expect(
        run(
          bin,
          ['montecarlo', 'node_modules/rpo-sim/scenarios/dispersed-vbar-approach.json', ...mc],
          app,
        ),
      ).toBe(await sourceCli('montecarlo', 'scenarios/dispersed-vbar-approach.json', ...mc));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "runs the README's library example",
    () => {
      const readme = readFileSync(join(repo, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('\n## Library\n'));
      const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
      expect(example).toBeDefined();
      writeFileSync(join(app, 'example.mjs'), example!);
      const out = run(process.execPath, ['example.mjs'], app);
      expect(out).toMatch(/^V-bar hop with two radial burns: 0\.1823 m\/s of delta-v\n/);
      expect(out).toMatch(/\nclosest approach \d+\.\d m at t = \d+/);
      expect(out).toMatch(/\nkeep-out entered in \d+ of 200 trials\n/);
      expect(out).toMatch(/\n\d+ problems, the first at \S+\n/);
      expect(out).toMatch(/\nschema: RPO scenario, format v1\n$/);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'types the library for TypeScript users (strict, node16 and bundler resolution)',
    () => {
      writeFileSync(
        join(app, 'check.ts'),
        `import { evaluateScenario, loadScenario, runMonteCarlo, ScenarioValidationError } from 'rpo-sim';
import type { MonteCarloSummary, RunReport, Scenario } from 'rpo-sim';
import schema from 'rpo-sim/schema';
const s: Scenario = loadScenario('{}');
const report: RunReport = evaluateScenario(s);
const dvMps: number = report.spacecraft[0]!.totalDvMps;
const mc: Promise<MonteCarloSummary> = runMonteCarlo(s, { trials: 1, seed: 1 });
const path: string | undefined = new ScenarioValidationError([]).issues[0]?.path;
const title: unknown = schema['title'];
// @ts-expect-error a report's numbers are numbers
const wrong: string = report.spacecraft[0]!.totalDvMps;
void [dvMps, mc, path, title, wrong];
`,
      );
      const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
      for (const resolution of ['nodenext', 'bundler']) {
        const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
        const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', module];
        run(process.execPath, [tsc, ...args, '--moduleResolution', resolution, 'check.ts'], app);
      }
    },
    RUN_TIMEOUT_MS,
  );
});
