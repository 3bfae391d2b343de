// View-model helpers of plan editing: the strip prefilter before Douglas-Peucker keeps every
// sample within tol + 2 eps (random walks, with turn-backs, and the 48 h default ephemeris);
// transfer targets and burn drags read from the text; round drag steps; issues matched to inputs
// and underlines; download names.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson, setAtPath } from '../../src/editing/jsonText.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { downloadName } from '../../src/view/app/planFile.ts';
import {
  burnDrag,
  burnDragValue,
  dragStep,
  snap,
  transferHandles,
  waypointHandles,
} from '../../src/view/model/handles.ts';
import { isUnder, issueMarks, issuesAt, unclaimedIssues } from '../../src/view/model/issues.ts';
import type { BurnView } from '../../src/view/model/mission.ts';
import {
  prefilteredImportance,
  selectByImportance,
  selectCandidates,
  simplificationError,
  stripFilter,
  type PointArray,
} from '../../src/view/model/simplify.ts';

const example = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');

describe('strip prefilter + Douglas-Peucker', () => {
  const walk = (steps: [number, number, number][]): PointArray => {
    const coords: number[] = [];
    let x = 0;
    let y = 0;
    let z = 0;
    for (const [a, b, c] of steps) {
      x += a;
      y += b;
      z += c;
      coords.push(x, y, z);
    }
    return { coords, stride: 3, dims: 3, count: steps.length };
  };
  const step = fc.tuple(
    fc.double({ min: -5, max: 5, noNaN: true }),
    fc.double({ min: -5, max: 5, noNaN: true }),
    fc.double({ min: -5, max: 5, noNaN: true }),
  );

  it('every point stays within tol + 2 eps of the simplification (random walks)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 2, maxLength: 300 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (steps, eps, tol) => {
          const p = walk(steps);
          const { importance, candidates } = prefilteredImportance(p, 0, eps);
          const kept = selectByImportance(importance, tol);
          expect([...selectCandidates(importance, candidates, tol)]).toEqual([...kept]);
          expect(kept[0]).toBe(0);
          expect(kept[kept.length - 1]).toBe(p.count - 1);
          return simplificationError(p, kept) <= tol + 2 * eps + 1e-9;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a key point followed by one only 1e-162 m away does not break the strip (found by fast-check)', () => {
    const p = walk([
      [0, 0, 0],
      [1.5717277847026288e-162, 0, 0],
      [0, 0, 0.020000081000492005],
      [0, 0, 0],
      [4.999999999988832, 4.999999999999994, 0],
    ]);
    const { importance } = prefilteredImportance(p, 0, 0.01);
    const kept = selectByImportance(importance, 0);
    expect(simplificationError(p, kept)).toBeLessThanOrEqual(2 * 0.01 + 1e-9);
  });

  it('a path that turns back on itself keeps its turning point', () => {
    const p: PointArray = {
      coords: [0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 2, 0, 0, 1, 0, 0],
      stride: 3,
      dims: 3,
      count: 6,
    };
    expect([...stripFilter(p, 0.1)]).toEqual([0, 3, 5]);
  });

  it('the 48 h default ephemeris: a few times fewer points, same guarantee', () => {
    const l = loadScenario(example);
    if (!l.ok) throw new Error('invalid');
    const eph = runScenario(l.scenario, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
    const p: PointArray = { coords: eph.stateRic, stride: 6, dims: 3, count: eph.count };
    const eps = 2.5e-4;
    const { importance, candidates } = prefilteredImportance(p, 1e-3, eps);
    expect(candidates.length).toBeLessThan(eph.count / 4);
    for (const tol of [2e-3, 0.5, 20]) {
      const kept = selectCandidates(importance, candidates, tol);
      expect(simplificationError(p, kept)).toBeLessThanOrEqual(tol + 2 * eps);
    }
  });
});

describe('direct manipulation', () => {
  it('transfer targets come from the text, with their paths', () => {
    const hs = transferHandles(readJson(example));
    expect(hs.map((h) => [h.key, h.label, h.positionRicM])).toEqual([
      ['0:1', 'Close to 2 km once lit', [0, -2000, 0]],
      ['0:3', 'Depart to 5 km', [0, -5000, 0]],
    ]);
    expect(hs[1]!.path).toEqual(['spacecraft', 0, 'maneuvers', 3, 'toPositionM']);
    // A text that is not JSON, or a wrong target: no handle, never an exception.
    expect(transferHandles(null)).toEqual([]);
    const bad = setAtPath(example, ['spacecraft', 0, 'maneuvers', 1, 'toPositionM'], [0, 'x', 0]);
    expect(transferHandles(readJson(bad)).map((h) => h.key)).toEqual(['0:3']);
  });

  it('every waypoint of a multi-waypoint transfer is a handle at its positionM path', () => {
    const doc = {
      spacecraft: [
        { maneuvers: [{ type: 'impulse' }] },
        {
          maneuvers: [
            { type: 'transfer', toPositionM: [0, -1, 0] },
            {
              type: 'waypoints',
              label: 'Survey',
              points: [
                { positionM: [10, -2000, 5], durationS: 60 },
                { positionM: [0, 'x', 0], durationS: 60 },
                { positionM: [0, -1000, 0], durationS: 60 },
              ],
            },
          ],
        },
      ],
    };
    const hs = waypointHandles(doc);
    // the point that is not a vector has no handle; transfers are not waypoints
    expect(hs.map((h) => [h.key, h.label, h.positionRicM])).toEqual([
      ['1:1:0', 'Survey, point 1', [10, -2000, 5]],
      ['1:1:2', 'Survey, point 3', [0, -1000, 0]],
    ]);
    expect(hs[1]!.path).toEqual(['spacecraft', 1, 'maneuvers', 1, 'points', 2, 'positionM']);
    expect(waypointHandles(null)).toEqual([]);
    expect(
      waypointHandles({ spacecraft: [{ maneuvers: [{ type: 'waypoints', points: 3 }] }] }),
    ).toEqual([]);
  });

  it('drag steps are round numbers of about a pixel', () => {
    expect(dragStep(203)).toBe(100);
    expect(dragStep(20)).toBe(10);
    expect(dragStep(0.3)).toBe(1);
    expect(dragStep(0.3, 0.1)).toBeCloseTo(0.1, 12);
    expect(dragStep(Number.NaN)).toBe(1);
    expect(snap(12_345, 100)).toBe(12_300);
    expect(snap(0.1 + 0.2, 0.1)).toBe(0.3);
  });

  const burn = (maneuverIndex: number, kind: string): BurnView => ({
    craftId: 'GSSAP-1',
    tS: 0,
    dvRicMps: [0, 0, 0],
    dvMps: 0,
    positionRicM: [0, 0, 0],
    kind,
    label: '',
    maneuverIndex,
  });

  it('a burn drag moves tS, after, or a transfer arrival; never a triggered start', () => {
    const doc = readJson(example);
    expect(burnDrag(doc, 0, burn(0, 'vbar-hop'))).toMatchObject({
      path: ['spacecraft', 0, 'maneuvers', 0, 'tS'],
      startValueS: 600,
      minS: 0,
    });
    expect(burnDrag(doc, 0, burn(1, 'transfer-departure'))).toBeNull(); // when: sunPhaseDeg < 45
    expect(burnDrag(doc, 0, burn(1, 'transfer-arrival'))).toMatchObject({
      path: ['spacecraft', 0, 'maneuvers', 1, 'durationS'],
      startValueS: 14_400,
      minS: 1,
    });
    expect(burnDrag(doc, 0, burn(3, 'transfer-departure'))?.path.at(-1)).toBe('after');
    expect(burnDrag(doc, 0, burn(9, 'impulse'))).toBeNull();
    const d = burnDrag(doc, 0, burn(0, 'vbar-hop'))!;
    expect(burnDragValue(d, 12_345, 100)).toBe(12_900);
    expect(burnDragValue(d, -5_000, 100)).toBe(0);
  });
});

describe('problems where they show', () => {
  const issues = [
    { path: 'spacecraft[0].maneuvers[1].dvMps[2]', message: 'expected a number' },
    { path: 'spacecraft[0].maneuvers[1].dvMpx', message: 'unknown key' },
    { path: 'spacecraft[0].maneuvers[10].tS', message: 'not this one' },
  ];
  const m1 = ['spacecraft', 0, 'maneuvers', 1];

  it('matches paths by whole segments', () => {
    expect(isUnder('a.b[1]', 'a.b')).toBe(true);
    expect(isUnder('a.bc', 'a.b')).toBe(false);
    expect(isUnder('spacecraft[0].maneuvers[10]', 'spacecraft[0].maneuvers[1]')).toBe(false);
  });

  it('an input shows its own problems; the card the others of its maneuver', () => {
    expect(issuesAt(issues, [...m1, 'dvMps', 2])).toBe('expected a number');
    expect(issuesAt(issues, [...m1, 'dvMps', 0])).toBe('');
    const rest = unclaimedIssues(issues, m1, [[...m1, 'dvMps', 2]]);
    expect(rest.map((i) => i.path)).toEqual(['spacecraft[0].maneuvers[1].dvMpx']);
  });

  it('underlines stay inside the text, at least one character, one line for a big node', () => {
    const text = '{\n  "a": {\n    "b": 1\n  }\n}';
    const marks = issueMarks(text, [
      { path: 'a.b', message: 'm', from: 19, to: 20 },
      { path: '', message: 'whole', from: 0, to: 400 },
      { path: 'x', message: 'end', from: text.length, to: text.length },
    ]);
    expect(marks[0]).toEqual({ from: 19, to: 20, message: 'a.b: m' });
    expect(marks[1]!.to).toBeLessThanOrEqual(text.length);
    expect(marks[2]!.to - marks[2]!.from).toBe(1);
    const long = `{"a": "${'x'.repeat(600)}"}`;
    const big = issueMarks(long, [{ path: 'a', message: 'm', from: 0, to: long.length }]);
    expect(big[0]!.to - big[0]!.from).toBeLessThanOrEqual(240);
  });
});

describe('downloads', () => {
  it.each([
    ['skynet5a-inspection.json', 'skynet5a-inspection.json'],
    ['copy', 'copy.json'],
    ['C:\\plans\\mine.JSON', 'mine.json'],
    ['shared-scenario.json', 'shared-scenario.json'],
    ['a/b<c>.json', 'b_c_.json'],
    ['', 'scenario.json'],
  ])('%s is saved as %s', (source, name) => expect(downloadName(source)).toBe(name));
});
