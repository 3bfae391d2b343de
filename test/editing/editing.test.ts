// Plan editing without a browser: order-preserving edits of the JSON text, issue locations,
// undo/redo sequences, share-link round trips (property test over generated scenarios) and
// tampered links, autosave restore.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, saveDraft } from '../../src/editing/autosave.ts';
import type { DraftStorage } from '../../src/editing/autosave.ts';
import {
  loadDocument,
  moveArrayItem,
  parsePath,
  rangeOfPath,
  setAtPath,
} from '../../src/editing/document.ts';
import { TextHistory } from '../../src/editing/history.ts';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_SHARE_CHARS,
} from '../../src/editing/share.ts';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/validate.ts';
import { deflateSync } from 'fflate';
import { memoryStorage } from '../helpers.ts';

const example = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');

describe('order-preserving edits', () => {
  it('changing one burn keeps every other byte of the file', () => {
    const edited = setAtPath(example, ['spacecraft', 0, 'maneuvers', 0, 'toInTrackM'], -3500);
    const before = example.split('\n');
    const after = edited.split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/"toInTrackM": -3500/);
    const doc = loadDocument(edited);
    expect(doc.ok).toBe(true);
  });

  it('keeps keys the editor does not know, and their order', () => {
    const text = '{\n  "zeta": 1,\n  "alpha": { "b": 2, "a": [1, 2, 3] },\n  "note": "kept"\n}';
    const edited = setAtPath(text, ['alpha', 'a', 1], 20);
    expect(Object.keys(JSON.parse(edited))).toEqual(['zeta', 'alpha', 'note']);
    expect(JSON.parse(edited).alpha).toEqual({ b: 2, a: [1, 20, 3] });
  });

  it('adds, removes and reorders maneuvers', () => {
    const path = ['spacecraft', 0, 'maneuvers'];
    const added = setAtPath(
      example,
      [...path, 4],
      { type: 'impulse', after: 60, frame: 'RIC', dvMps: [0, 0, 0.01] },
      { insert: true },
    );
    expect(JSON.parse(added).spacecraft[0].maneuvers).toHaveLength(5);
    const removed = setAtPath(added, [...path, 4], undefined);
    expect(removed).toBe(example);
    const moved = moveArrayItem(example, path, 0, 2);
    const labels = JSON.parse(moved).spacecraft[0].maneuvers.map((m: { label: string }) => m.label);
    expect(labels).toEqual([
      'Close to 2 km once lit',
      '1 km football',
      'Hop to 4 km',
      'Depart to 5 km',
    ]);
  });

  it('locates issues at their JSON path in the text', () => {
    const bad = setAtPath(example, ['stepS'], -1);
    const doc = loadDocument(bad);
    expect(doc.ok).toBe(false);
    if (doc.ok) return;
    const issue = doc.issues.find((i) => i.path === 'stepS')!;
    expect(bad.slice(issue.from, issue.to)).toBe('-1');
    const typo = bad.replace('"keepOut"', '"keepout"');
    const doc2 = loadDocument(typo);
    if (doc2.ok) throw new Error('expected issues');
    const k = doc2.issues.find((i) => i.path === 'target.keepout')!;
    expect(typo.slice(k.from, k.to)).toMatch(/^"keepout": \{/);
  });

  it('locates JSON syntax errors at their line and column', () => {
    const broken = example.replace('"stepS": 1,', '"stepS": 1,,');
    const doc = loadDocument(broken);
    if (doc.ok) throw new Error('expected a syntax error');
    expect(broken.slice(doc.issues[0]!.from, doc.issues[0]!.from + 1)).toBe(',');
  });

  it('parses formatted paths', () => {
    expect(parsePath('spacecraft[0].maneuvers[12].dvMps[1]')).toEqual([
      'spacecraft',
      0,
      'maneuvers',
      12,
      'dvMps',
      1,
    ]);
    expect(rangeOfPath('{"a": [1, 2]}', ['a', 5])).toEqual({ from: 6, to: 12 });
  });
});

describe('undo and redo', () => {
  it('steps back and forward through edits, and a new edit drops the redo branch', () => {
    const h = new TextHistory('a');
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBe('a');
    expect(h.redo()).toBe('b');
    h.push('x');
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('b');
    expect(h.redo()).toBe('x');
  });

  it('merges a burst of typing or a drag into one step', () => {
    const h = new TextHistory('0', 800);
    h.push('1', 'drag', 0);
    h.push('12', 'drag', 300);
    h.push('123', 'drag', 600);
    h.push('1234', 'form', 700);
    expect(h.undo()).toBe('123');
    expect(h.undo()).toBe('0');
  });

  it('a gesture is one step however long it pauses', () => {
    const h = new TextHistory('0', 800);
    h.push('1', 'drag:a', 0, 'always');
    h.push('2', 'drag:a', 5000, 'always');
    h.push('3', 'drag:a', 20_000, 'always');
    h.push('4', 'drag:b', 20_100, 'always');
    expect(h.undo()).toBe('3');
    expect(h.undo()).toBe('0');
  });

  it('does not merge edits far apart in time, and ignores no-op edits', () => {
    const h = new TextHistory('0', 800);
    h.push('1', 'typing', 0);
    h.push('2', 'typing', 5000);
    h.push('2', 'typing', 5100);
    expect(h.undo()).toBe('1');
    expect(h.undo()).toBe('0');
  });

  it('any sequence of edits, undone fully, gives back the start; redone fully, the end', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 60 }),
        (edits) => {
          const h = new TextHistory('start');
          for (const e of edits) h.push(e);
          const end = h.current;
          while (h.canUndo) h.undo();
          if (h.current !== 'start') return false;
          while (h.canRedo) h.redo();
          return h.current === end;
        },
      ),
    );
  });
});

describe('share links', () => {
  it('round-trips the default scenario exactly', () => {
    const fragment = encodeShareFragment(example);
    expect(fragment.length).toBeLessThan(example.length);
    expect(decodeShareFragment(`#${fragment}`)).toEqual({ kind: 'text', text: example });
  });

  it('round-trips any scenario text (property over generated scenarios)', () => {
    const base = JSON.parse(example);
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.string(),
        fc.integer({ min: 1, max: 3600 }),
        fc.constantFrom(0, 2, 4),
        (y, name, stepS, indent) => {
          const s = structuredClone(base);
          s.name = name;
          s.stepS = stepS;
          s.spacecraft[0].initial.positionM[1] = y;
          const text = JSON.stringify(s, null, indent);
          const d = decodeShareFragment(encodeShareFragment(text));
          return d.kind === 'text' && d.text === text;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('no fragment: nothing shared', () => {
    expect(decodeShareFragment('')).toEqual({ kind: 'none' });
    expect(decodeShareFragment('#other=1')).toEqual({ kind: 'none' });
  });

  it.each([
    ['cut short', (f: string) => f.slice(0, f.length - 10)],
    ['characters changed', (f: string) => f.slice(0, 40) + 'AAAA' + f.slice(44)],
    ['foreign characters', (f: string) => `${f}%00<script>`],
    ['too long', () => `scenario=${'A'.repeat(MAX_SHARE_CHARS + 1)}`],
  ])('a tampered link (%s) gives an error, never an exception', (_name, tamper) => {
    const d = decodeShareFragment(tamper(encodeShareFragment(example)));
    if (d.kind === 'text') {
      // a change that still inflates must then fail validation as a scenario
      expect(loadDocument(d.text).ok).toBe(false);
    } else {
      expect(d.kind).toBe('error');
    }
  });

  it('a decompression bomb is stopped at the size limit', () => {
    const bomb = deflateSync(new Uint8Array(MAX_SCENARIO_BYTES * 3).fill(32), { level: 9 });
    let b64 = '';
    for (const byte of bomb) b64 += String.fromCharCode(byte);
    const fragment = `scenario=${btoa(b64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    const d = decodeShareFragment(fragment);
    expect(d.kind).toBe('error');
    if (d.kind === 'error') expect(d.message).toMatch(/larger than 5 MB/);
  });
});

describe('autosave', () => {
  it('restores the last saved draft', () => {
    const st = memoryStorage();
    expect(loadDraft(st)).toBeNull();
    expect(
      saveDraft(st, { text: example, source: 'skynet5a-inspection', savedAtMs: 1 }),
    ).toBeNull();
    expect(
      saveDraft(st, { text: 'edited', source: 'skynet5a-inspection', savedAtMs: 2 }),
    ).toBeNull();
    expect(loadDraft(st)).toEqual({ text: 'edited', source: 'skynet5a-inspection', savedAtMs: 2 });
    clearDraft(st);
    expect(loadDraft(st)).toBeNull();
  });

  it('a full storage is reported, not thrown; a corrupt draft is ignored', () => {
    const full: DraftStorage = {
      getItem: () => '{"text": 5}',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(saveDraft(full, { text: 'x', source: 's', savedAtMs: 0 })).toMatch(
      /could not autosave.*download/,
    );
    expect(loadDraft(full)).toBeNull();
  });
});
