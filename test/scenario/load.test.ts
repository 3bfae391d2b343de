// Loading scenario files: a table of bad files (each problem named with its JSON path), the
// limits, a property test that no JSON input crashes the loader, the generated JSON Schema is
// current, and every example in scenarios/ loads and runs.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema.ts';
import { loadScenario, MAX_SCENARIO_BYTES, validateScenario } from '../../src/scenario/validate.ts';
import type { ScenarioIssue } from '../../src/scenario/validate.ts';
import { closestName } from '../../src/scenario/suggest.ts';
import { runScenario, ScenarioRunError } from '../../src/sim/run.ts';
import { makeScenario } from '../helpers.ts';

const good = () => JSON.parse(JSON.stringify(makeScenario())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function issuesOf(value: unknown): ScenarioIssue[] {
  const r = validateScenario(value);
  return r.ok ? [] : r.issues;
}

type Case = { name: string; edit: (s: Record<string, any>) => void; path: string; message: RegExp }; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: Case[] = [
  {
    name: 'misspelt key',
    edit: (s) => {
      s.target.keepOut = { shape: 'sphere', radiusm: 100 };
    },
    path: 'target.keepOut.radiusm',
    message: /did you mean "radiusM"/,
  },
  {
    name: 'missing key',
    edit: (s) => {
      delete s.stepS;
    },
    path: 'stepS',
    message: /missing integration step/,
  },
  {
    name: 'wrong format',
    edit: (s) => {
      s.format = 'rpo';
    },
    path: 'format',
    message: /rpo-scenario/,
  },
  {
    name: 'future version',
    edit: (s) => {
      s.version = 2;
    },
    path: 'version',
    message: /version 2.*update rpo-sim/,
  },
  {
    name: 'negative step',
    edit: (s) => {
      s.stepS = -1;
    },
    path: 'stepS',
    message: /> 0/,
  },
  {
    name: 'zero duration',
    edit: (s) => {
      s.durationS = 0;
    },
    path: 'durationS',
    message: /> 0/,
  },
  {
    name: 'string number',
    edit: (s) => {
      s.durationS = '3600';
    },
    path: 'durationS',
    message: /expected scenario duration/,
  },
  {
    name: 'vector of two',
    edit: (s) => {
      s.spacecraft[0].initial.positionM = [1, 2];
    },
    path: 'spacecraft[0].initial.positionM',
    message: /three finite numbers/,
  },
  {
    name: 'NaN-like null in a vector',
    edit: (s) => {
      s.spacecraft[0].initial.velocityMps = [0, null, 0];
    },
    path: 'spacecraft[0].initial.velocityMps[1]',
    message: /velocity/,
  },
  {
    name: 'unknown maneuver type',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [{ type: 'warp', tS: 0 }];
    },
    path: 'spacecraft[0].maneuvers[0].type',
    message: /impulse.*finite.*transfer.*football/,
  },
  {
    name: 'impulse missing dv',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [{ type: 'impulse', tS: 0, frame: 'RIC' }];
    },
    path: 'spacecraft[0].maneuvers[0].dvMps',
    message: /missing/,
  },
  {
    name: 'wrong frame',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [{ type: 'impulse', tS: 0, frame: 'ECI', dvMps: [0, 0, 0] }];
    },
    path: 'spacecraft[0].maneuvers[0].frame',
    message: /"RIC"/,
  },
  {
    name: 'bad epoch',
    edit: (s) => {
      s.epoch = '2026-13-45T00:00:00Z';
    },
    path: 'epoch',
    message: /calendar/,
  },
  {
    name: 'epoch without Z',
    edit: (s) => {
      s.epoch = '2026-03-20T00:00:00';
    },
    path: 'epoch',
    message: /UTC/,
  },
  {
    name: 'no spacecraft',
    edit: (s) => {
      s.spacecraft = [];
    },
    path: 'spacecraft',
    message: /at least one/,
  },
  {
    name: 'duplicate ids',
    edit: (s) => {
      s.spacecraft.push({ ...s.spacecraft[0] });
    },
    path: 'spacecraft[1].id',
    message: /duplicate id "A"/,
  },
  {
    name: 'burn after the end',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [{ type: 'impulse', tS: 1e6, frame: 'RIC', dvMps: [0, 0, 0] }];
    },
    path: 'spacecraft[0].maneuvers[0].tS',
    message: /after the scenario ends/,
  },
  {
    name: 'overlapping maneuvers',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [
        { type: 'transfer', tS: 0, durationS: 1000, toPositionM: [0, 0, 0] },
        { type: 'impulse', tS: 500, frame: 'RIC', dvMps: [0, 0, 0] },
      ];
    },
    path: 'spacecraft[0].maneuvers[1].tS',
    message: /before maneuvers\[0\] ends/,
  },
  {
    name: 'finite burn without mass',
    edit: (s) => {
      s.spacecraft[0].maneuvers = [
        {
          type: 'finite',
          tS: 0,
          durationS: 10,
          frame: 'RIC',
          direction: [1, 0, 0],
          thrustN: 1,
          ispS: 200,
        },
      ];
    },
    path: 'spacecraft[0].massKg',
    message: /finite burn/,
  },
  {
    name: 'burning more than the mass',
    edit: (s) => {
      s.spacecraft[0].massKg = 1;
      s.spacecraft[0].maneuvers = [
        {
          type: 'finite',
          tS: 0,
          durationS: 80000,
          frame: 'RIC',
          direction: [1, 0, 0],
          thrustN: 10,
          ispS: 200,
        },
      ];
    },
    path: 'spacecraft[0].maneuvers[0].durationS',
    message: /more than the spacecraft mass/,
  },
  {
    name: 'zero thrust direction',
    edit: (s) => {
      s.spacecraft[0].massKg = 100;
      s.spacecraft[0].maneuvers = [
        {
          type: 'finite',
          tS: 0,
          durationS: 10,
          frame: 'RIC',
          direction: [0, 0, 0],
          thrustN: 1,
          ispS: 200,
        },
      ];
    },
    path: 'spacecraft[0].maneuvers[0].direction',
    message: /zero vector/,
  },
  {
    name: 'cw with an elliptical target',
    edit: (s) => {
      s.target.orbit = {
        type: 'elliptical',
        semiMajorAxisM: 42164169.6,
        eccentricity: 0.1,
        trueAnomalyDeg: 0,
      };
    },
    path: 'dynamics',
    message: /circular target/,
  },
  {
    name: 'too many steps',
    edit: (s) => {
      s.durationS = 3e7;
      s.stepS = 1;
    },
    path: 'stepS',
    message: /limit is 20,000,000/,
  },
  {
    name: 'step too coarse',
    edit: (s) => {
      s.stepS = 20000;
    },
    path: 'stepS',
    message: /too coarse/,
  },
  {
    name: 'bad colour',
    edit: (s) => {
      s.spacecraft[0].color = 'red';
    },
    path: 'spacecraft[0].color',
    message: /#ffaa00/,
  },
  {
    name: 'absurd position',
    edit: (s) => {
      s.spacecraft[0].initial.positionM = [0, 1e165, 0];
    },
    path: 'spacecraft[0].initial.positionM[1]',
    message: /within \+-1e\+8/,
  },
  {
    name: 'start inside the Earth',
    edit: (s) => {
      s.spacecraft[0].initial.positionM = [-42e6, 0, 0];
    },
    path: 'spacecraft[0].initial.positionM',
    message: /inside the Earth/,
  },
  {
    name: 'unknown top-level key',
    edit: (s) => {
      s.durationSec = 5;
    },
    path: 'durationSec',
    message: /unknown key/,
  },
];

describe('bad scenarios are reported with their JSON path', () => {
  it.each(cases)('$name -> $path', ({ edit, path, message }) => {
    const s = good();
    edit(s);
    const issues = issuesOf(s);
    const hit = issues.find((i) => i.path === path);
    expect(hit, `issues were: ${JSON.stringify(issues)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    const s = good();
    s.stepS = -1;
    s.target.keepOut = { shape: 'sphere', radiusm: 1 };
    s.spacecraft[0].initial.positionM = 'here';
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'stepS',
        'target.keepOut.radiusm',
        'spacecraft[0].initial.positionM',
      ]),
    );
  });

  it('JSON syntax errors give line and column', () => {
    const r = loadScenario('{\n  "format": "rpo-scenario",\n  "version": 1,,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/not valid JSON \(line 3, column \d+\)/);
  });

  it('non-finite numbers (1e999 parses to Infinity) are rejected', () => {
    const text = JSON.stringify(good()).replace('"durationS":86400', '"durationS":1e999');
    const r = loadScenario(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('durationS');
  });

  it('files over 5 MB are refused before parsing', () => {
    const r = loadScenario(' '.repeat(MAX_SCENARIO_BYTES + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/limit is 5 MB/);
  });

  it('empty and non-object files', () => {
    for (const text of ['', '   ', '[]', '42', 'null', '"x"']) {
      const r = loadScenario(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    }
  });

  it('suggests near misses only', () => {
    expect(closestName('radiusm', ['radiusM', 'shape'])).toBe('radiusM');
    expect(closestName('dvMsp', ['dvMps', 'tS'])).toBe('dvMps');
    expect(closestName('banana', ['radiusM', 'shape'])).toBeNull();
  });
});

describe('the loader never crashes', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateScenario(v);
        return r.ok || r.issues.every((i) => typeof i.path === 'string' && i.message.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('on mutations of a valid scenario (any field replaced by any JSON value)', () => {
    const base = good();
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.jsonValue(),
        (path, value) => {
          const s = JSON.parse(JSON.stringify(base));
          let o = s;
          for (const k of path.slice(0, -1)) o = o[k];
          o[path[path.length - 1]!] = value;
          const r = validateScenario(s);
          if (r.ok) {
            try {
              const run = runScenario(r.scenario);
              return run.spacecraft.every(
                (c) => Number.isFinite(c.minRangeM) && c.finalRic.every(Number.isFinite),
              );
            } catch (err) {
              return err instanceof ScenarioRunError;
            }
          }
          return r.issues.length > 0;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary trigger expressions', () => {
    const tokens = fc.constantFrom(
      'rangeM',
      'tS',
      'iM',
      '<',
      '>',
      'and',
      'or',
      'not',
      '(',
      ')',
      '1e3',
      '-',
      '*',
      '^',
      'sqrt',
      ',',
      '?',
      ':',
      '==',
      'import',
      '.',
      '"',
      '[',
      'x',
    );
    const expression = fc.oneof(
      fc.string(),
      fc.array(tokens, { maxLength: 12 }).map((t) => t.join(' ')),
    );
    fc.assert(
      fc.property(expression, (when) => {
        const s = good();
        s.spacecraft[0].maneuvers = [{ type: 'impulse', when, frame: 'RIC', dvMps: [0, 0, 0.001] }];
        const r = validateScenario(s);
        if (!r.ok) return r.issues.every((i) => i.path.startsWith('spacecraft[0].maneuvers[0]'));
        const run = runScenario(r.scenario);
        return run.spacecraft[0]!.burns.length <= 1;
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = loadScenario(text);
        return r.ok === false && r.issues.length > 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('the JSON Schema', () => {
  it('scenarios/scenario.schema.json is current (run `npm run schema` after changing the format)', () => {
    const onDisk = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'));
    expect(onDisk).toEqual(scenarioJsonSchema());
  });
});

describe('example scenarios', () => {
  const files = readdirSync('scenarios').filter(
    (f) => f.endsWith('.json') && f !== 'scenario.schema.json',
  );
  it('there are at least five', () => expect(files.length).toBeGreaterThanOrEqual(5));
  it.each(files)('%s loads and runs', (f) => {
    const r = loadScenario(readFileSync(`scenarios/${f}`, 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const run = runScenario(r.scenario);
    for (const c of run.spacecraft)
      expect(Number.isFinite(c.totalDvMps) && Number.isFinite(c.minRangeM)).toBe(true);
  });

  it('the default SKYNET-5A inspection stays clear of the keep-out sphere; the close flyby does not', () => {
    const load = (f: string) => {
      const r = loadScenario(readFileSync(`scenarios/${f}`, 'utf8'));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return runScenario(r.scenario).spacecraft[0]!;
    };
    const def = load('skynet5a-inspection.json');
    expect(def.keepOut).toEqual([]);
    expect(def.minRangeM).toBeGreaterThan(900);
    expect(def.burns.filter((b) => b.missM !== undefined).every((b) => b.missM! < 0.01)).toBe(true);
    const flyby = load('close-flyby.json');
    expect(flyby.keepOut).toHaveLength(1);
    expect(flyby.minRangeM).toBeLessThan(200);
  });
});
