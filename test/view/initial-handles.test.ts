// Initial positions as drag handles (src/view/model/handles.ts): one per spacecraft whose initial
// state is given in RIC, at the position the text holds, editing `initial.positionM`.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJson, setAtPath } from '../../src/editing/jsonText.ts';
import { initialStateHandles } from '../../src/view/model/handles.ts';

const text = readFileSync('scenarios/radial-drift.json', 'utf8');

describe('initial-position handles', () => {
  it('one per RIC initial state, where the text puts it', () => {
    const h = initialStateHandles(readJson(text));
    expect(h.map((x) => [x.key, x.maneuverIndex, x.positionRicM])).toEqual([
      ['0:initial', -1, [1000, 0, 0]],
      ['1:initial', -1, [-1000, 0, 0]],
    ]);
    expect(h[1]!.path).toEqual(['spacecraft', 1, 'initial', 'positionM']);
    const moved = setAtPath(text, [...h[1]!.path, 1], -250);
    expect(initialStateHandles(readJson(moved))[1]!.positionRicM).toEqual([-1000, -250, 0]);
  });

  it('none for an initial state given as an element set, or a text that is not JSON', () => {
    const doc = readJson(text) as { spacecraft: { initial: unknown }[] };
    doc.spacecraft[0]!.initial = { frame: 'elements', tle: ['1', '2'] };
    expect(initialStateHandles(doc).map((h) => h.key)).toEqual(['1:initial']);
    expect(initialStateHandles(null)).toEqual([]);
  });
});
