// The maneuver form's model (src/editing/maneuvers.ts) and the text edits under it
// (src/editing/jsonText.ts): every input maps to a JSON path of its maneuver type with its unit,
// a new maneuver of every type loads, a type change keeps the label and the timing, a timing
// switch keeps the schedule and the key order, numbers are read as typed.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/editing/document.ts';
import {
  formatPath,
  moveArrayItem,
  parsePath,
  readJson,
  replaceKey,
  setAtPath,
  textChange,
  valueAt,
} from '../../src/editing/jsonText.ts';
import {
  changeManeuverType,
  fieldName,
  maneuverFields,
  maneuverTypes,
  newManeuver,
  parseNumberInput,
  setTiming,
  timingValueFor,
  type FieldSpec,
} from '../../src/editing/maneuvers.ts';
import { maneuverPath, timingOf } from '../../src/editing/maneuverJson.ts';
import { formatPath as loaderFormatPath } from '../../src/scenario/validate.ts';

const example = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');
const schema = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as unknown;

/** The JSON Schema of one maneuver type (a `oneOf` branch of the maneuvers' items). */
function typeSchema(type: string): { properties: Record<string, unknown>; required?: string[] } {
  const items = valueAt(schema, [
    'properties',
    'spacecraft',
    'items',
    'properties',
    'maneuvers',
    'items',
    'oneOf',
  ]) as { properties: Record<string, { const?: unknown }>; required?: string[] }[];
  const m = items.find((b) => b.properties.type?.const === type);
  if (!m) throw new Error(`no schema for maneuver type ${type}`);
  return m;
}

/** Keys of the maneuver object that a field reads or writes. */
const keyOf = (f: FieldSpec): string =>
  f.kind === 'optional-vector' || f.kind === 'list' ? f.key : (f.path[0] as string);

describe('form fields <-> JSON paths', () => {
  it.each(maneuverTypes())('every %s input is a key of that type in the JSON Schema', (type) => {
    const props = typeSchema(type).properties;
    for (const f of maneuverFields(type)) expect(props).toHaveProperty(keyOf(f));
  });

  it.each(maneuverTypes())('every required key of %s (timing apart) has an input', (type) => {
    const s = typeSchema(type);
    const shown = new Set([
      ...maneuverFields(type).map(keyOf),
      'type',
      'frame', // the only frame in format v1: set by the default, not shown
    ]);
    for (const key of s.required ?? []) expect(shown, key).toContain(key);
  });

  it('labels carry the unit: "dv R [m/s]", "tS [s]", plain numbers without brackets', () => {
    const impulse = maneuverFields('impulse').filter((f) => f.kind === 'number');
    expect(impulse.map((f) => fieldName(f.label, f.unit))).toEqual([
      'dv R [m/s]',
      'dv I [m/s]',
      'dv C [m/s]',
    ]);
    expect(impulse.map((f) => f.path)).toEqual([
      ['dvMps', 0],
      ['dvMps', 1],
      ['dvMps', 2],
    ]);
    expect(fieldName('tS', 's')).toBe('tS [s]');
    expect(fieldName('cycles', '')).toBe('cycles');
    // Units follow the key names (SI suffixes of format v1).
    const suffixUnit: Record<string, string> = { S: 's', M: 'm', Mps: 'm/s', N: 'N' };
    for (const type of maneuverTypes()) {
      for (const f of maneuverFields(type)) {
        if (f.kind !== 'number') continue;
        const key = f.path[0] as string;
        const suffix = /(Mps|S|M|N)$/.exec(key)?.[1];
        if (suffix) expect(f.unit, `${type}.${key}`).toBe(suffixUnit[suffix]);
      }
    }
  });

  it('an input edit changes the value at its path and nothing else', () => {
    const path = [...maneuverPath(0, 1), 'toPositionM', 1];
    const edited = setAtPath(example, path, -2500);
    expect(valueAt(readJson(edited), path)).toBe(-2500);
    const changed = edited.split('\n').filter((l, i) => l !== example.split('\n')[i]);
    expect(changed).toEqual(['          "toPositionM": [0, -2500, 0]']);
  });

  it('paths format like the loader formats issue paths', () => {
    const p = ['spacecraft', 0, 'maneuvers', 12, 'dvMps', 1];
    expect(formatPath(p)).toBe(loaderFormatPath(p));
    expect(parsePath(formatPath(p))).toEqual(p);
  });
});

describe('maneuvers added, changed, moved', () => {
  it.each(maneuverTypes())('a new %s appended to the default plan is valid', (type) => {
    const text = setAtPath(example, [...maneuverPath(0, 4)], newManeuver(type, 'new'), {
      insert: true,
    });
    const doc = loadDocument(text);
    expect(doc.ok, JSON.stringify(doc.ok ? null : doc.issues)).toBe(true);
  });

  it('changing the type keeps the label and the timing, and same-named values', () => {
    const transfer = {
      type: 'transfer',
      label: 'Close in',
      when: 'rangeM < 900',
      durationS: 7200,
      toPositionM: [0, -2000, 0],
    };
    const hold = changeManeuverType(transfer, 'hold');
    expect(Object.keys(hold)).toEqual(['type', 'label', 'when', 'durationS', 'deadbandM']);
    expect(hold).toMatchObject({
      type: 'hold',
      label: 'Close in',
      when: 'rangeM < 900',
      durationS: 7200,
    });
    const impulse = changeManeuverType(hold, 'impulse');
    expect(impulse).toEqual({
      type: 'impulse',
      label: 'Close in',
      when: 'rangeM < 900',
      frame: 'RIC',
      dvMps: [0, 0, 0],
    });
    // A wrong value of a kept key is replaced by the default.
    expect(
      changeManeuverType({ type: 'hold', tS: 5, durationS: 'long' }, 'glideslope').durationS,
    ).toBe(7200);
  });

  it('changing the type in the text keeps the other maneuvers and the file valid', () => {
    const path = maneuverPath(0, 2);
    const m = valueAt(readJson(example), path) as Record<string, unknown>;
    const edited = setAtPath(example, path, changeManeuverType(m, 'teardrop'));
    const doc = loadDocument(edited);
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    const list = doc.scenario.spacecraft[0]!.maneuvers;
    expect(list.map((x) => x.type)).toEqual(['vbar-hop', 'transfer', 'teardrop', 'transfer']);
    expect(list[2]!.label).toBe('1 km football');
    expect(list[2]!.after).toBe(0);
  });

  it("moving a maneuver keeps each one's own formatting", () => {
    const path = ['spacecraft', 0, 'maneuvers'];
    const down = moveArrayItem(example, path, 1, 2);
    expect(down).toContain('"toPositionM": [0, -2000, 0]');
    const labels = (
      readJson(down) as { spacecraft: { maneuvers: { label: string }[] }[] }
    ).spacecraft[0]!.maneuvers.map((m) => m.label);
    expect(labels).toEqual([
      'Hop to 4 km',
      '1 km football',
      'Close to 2 km once lit',
      'Depart to 5 km',
    ]);
    expect(moveArrayItem(down, path, 2, 1)).toBe(example);
    expect(moveArrayItem(example, path, 0, 9)).toBe(example);
  });
});

describe('timing: tS / after / when', () => {
  const m = { type: 'impulse', label: 'x', after: 600, frame: 'RIC', dvMps: [0, 0, 0] };

  it('reads the timing key', () => {
    expect(timingOf(m)).toEqual({ key: 'after', value: 600 });
    expect(timingOf({ type: 'impulse' })).toEqual({ key: null, value: undefined });
  });

  it('keeps the schedule of the last run when switching', () => {
    const schedule = { startS: 4200.5, prevEndS: 3600 };
    expect(timingValueFor(m, 'tS', schedule)).toBe(4200.5);
    expect(timingValueFor({ ...m, after: undefined, tS: 4200.5 }, 'after', schedule)).toBe(600.5);
    expect(timingValueFor(m, 'when', schedule)).toBe('tS >= 4200.5');
    // Without a run: from the values.
    expect(timingValueFor(m, 'tS', { startS: null, prevEndS: 1000 })).toBe(1600);
    expect(timingValueFor(m, 'when', { startS: null, prevEndS: null })).toBe('rangeM < 1000');
  });

  it('a switch puts the new key where the old one was', () => {
    const path = maneuverPath(0, 0);
    const raw = valueAt(readJson(example), path) as Record<string, unknown>;
    const edited = setTiming(example, path, raw, 'after', 580);
    const keys = Object.keys(valueAt(readJson(edited), path) as object);
    expect(keys).toEqual(['type', 'label', 'after', 'toInTrackM', 'burns']);
    expect(loadDocument(edited).ok).toBe(true);
    const back = replaceKey(edited, path, 'after', 'tS', 600);
    expect(back).toBe(example);
  });

  it('a switch removes any other timing key (a file with two is invalid)', () => {
    const text = JSON.stringify({ m: { type: 'impulse', tS: 1, after: 2, frame: 'RIC' } }, null, 2);
    const m2 = valueAt(readJson(text), ['m']) as Record<string, unknown>;
    const out = readJson(setTiming(text, ['m'], m2, 'when', 'rangeM < 5')) as { m: object };
    expect(out.m).toEqual({ type: 'impulse', when: 'rangeM < 5', frame: 'RIC' });
  });
});

describe('numbers as typed', () => {
  it.each([
    ['600', 600],
    ['-0.5', -0.5],
    ['.25', 0.25],
    ['1e-3', 0.001],
    ['+7', 7],
    [' 42 ', 42],
  ])('"%s" reads as %d', (s, v) => expect(parseNumberInput(s)).toBe(v));

  it.each(['', '-', '1e', 'abc', '1,5', 'Infinity', 'NaN', '0x10', '1e999'])(
    '"%s" is not a number yet',
    (s) => expect(parseNumberInput(s)).toBeNull(),
  );

  it('whole numbers only where the format wants them', () => {
    expect(parseNumberInput('3', true)).toBe(3);
    expect(parseNumberInput('3.5', true)).toBeNull();
  });
});

describe('editor text sync', () => {
  it('one change turns a text into another (cursor-friendly)', () => {
    const a = '{ "a": 1, "b": [1, 2, 3] }';
    const b = '{ "a": 1, "b": [1, 20, 3] }';
    const c = textChange(a, b);
    expect(c).toEqual({ from: 20, to: 20, insert: '0' });
    expect(a.slice(0, c.from) + c.insert + a.slice(c.to)).toBe(b);
    expect(textChange(a, a)).toEqual({ from: a.length, to: a.length, insert: '' });
    const d = textChange('aaaa', 'aa');
    expect('aaaa'.slice(0, d.from) + d.insert + 'aaaa'.slice(d.to)).toBe('aa');
  });
});
