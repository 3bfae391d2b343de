// Duplicate keys in scenario text: JSON.parse keeps the last of two equal keys silently, so the
// loader reports each with its JSON path and lines. Cases: at the top level, in a maneuver (path
// with array indices), two at once, together with other problems, escaped-equal keys, key-like
// text inside strings, every example in scenarios/ clean; and a property test: on generated JSON
// text full of repeated (and differently escaped) keys the scan agrees with jsonc-parser's tree.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import type { DuplicateKey } from '../../src/scenario/duplicateKeys.ts';
import { findDuplicateKeys } from '../../src/scenario/duplicateKeys.ts';
import { duplicateKeyIssues, loadScenario } from '../../src/scenario/validate.ts';
import type { ScenarioIssue } from '../../src/scenario/validate.ts';
import { makeScenario } from '../helpers.ts';

/**
 * A valid scenario as an author would format it (2-space indent), with the maneuvers given as
 * raw text so that they can hold what JSON.stringify cannot write (a key twice).
 */
function scenarioText(maneuvers: readonly string[] = []): string {
  const s = makeScenario({}, { maneuvers: maneuvers.map((_, i) => `@M${i}`) as never });
  return JSON.stringify(s, null, 2).replace(/"@M(\d+)"/g, (_, i: string) => maneuvers[Number(i)]!);
}

/** 1-based line of the n-th (0-based) occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${n + 1} times`);
  }
  return text.slice(0, at).split('\n').length;
}

function issuesOf(text: string): ScenarioIssue[] {
  const r = loadScenario(text);
  return r.ok ? [] : r.issues;
}

const impulse = (tS: number) =>
  `{ "type": "impulse", "tS": ${tS}, "frame": "RIC", "dvMps": [0.1, 0, 0] }`;

describe('duplicate keys in a scenario', () => {
  it('the helper makes a valid file (so every issue below comes from the edit)', () => {
    expect(loadScenario(scenarioText([impulse(600), impulse(7200)])).ok).toBe(true);
  });

  it('at the top level: one issue at the key, with both lines', () => {
    const text = scenarioText().replace('"stepS": 10,', '"stepS": 10,\n  "stepS": 20,');
    const [first, last] = [lineOf(text, '"stepS"', 0), lineOf(text, '"stepS"', 1)];
    expect(last).toBe(first + 1);
    expect(issuesOf(text)).toEqual([
      {
        path: 'stepS',
        message: `duplicate key "stepS" at line ${first}: JSON keeps only the last one (line ${last}); remove one of them`,
      },
    ]);
  });

  it('in a maneuver: the path carries the array indices', () => {
    const twice = `{
        "type": "impulse",
        "tS": 7200,
        "frame": "RIC",
        "dvMps": [0.1, 0, 0],
        "dvMps": [0.2, 0, 0]
      }`;
    const text = scenarioText([impulse(600), twice]);
    expect(issuesOf(text)).toEqual([
      {
        path: 'spacecraft[0].maneuvers[1].dvMps',
        message: `duplicate key "dvMps" at line ${lineOf(text, '"dvMps"', 1)}: JSON keeps only the last one (line ${lineOf(text, '"dvMps"', 2)}); remove one of them`,
      },
    ]);
  });

  it('in two places at once: two issues, in text order', () => {
    const text = scenarioText([
      impulse(600),
      impulse(7200).replace('"tS": 7200,', '"tS": 7200, "tS": 7300,'),
    ]).replace('"name": "test",', '"name": "test",\n  "name": "again",');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['name', 'spacecraft[0].maneuvers[1].tS']);
    // Two occurrences on one line: the columns tell them apart.
    const line = lineOf(text, '"tS": 7200');
    const col = (needle: string) =>
      text.indexOf(needle) - text.lastIndexOf('\n', text.indexOf(needle));
    expect(issues[1]!.message).toBe(
      `duplicate key "tS" at line ${line}, column ${col('"tS": 7200')}: JSON keeps only the last one (line ${line}, column ${col('"tS": 7300')}); remove one of them`,
    );
  });

  it('are reported together with the other problems of the file', () => {
    const text = scenarioText()
      .replace('"stepS": 10,', '"stepS": -1,')
      .replace('"durationS": 86400,', '"durationS": 86400,\n  "durationS": 3600,');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['durationS', 'stepS']);
    expect(issues[0]!.message).toMatch(/^duplicate key "durationS"/);
    expect(issues[1]!.message).toMatch(/> 0/);
  });

  it('compare after unescaping: "dv\\u004dps" is "dvMps"', () => {
    const text = scenarioText([
      '{ "type": "impulse", "tS": 600, "frame": "RIC", "dvMps": [0.1, 0, 0], "dv\\u004dps": [0, 0, 0] }',
    ]).replace('"stepS"', '"\\u0073tep\\u0053"');
    expect(JSON.parse(text).stepS).toBe(10);
    // Only the maneuver's key is written twice; the escaped "stepS" alone is no duplicate.
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({
        path: 'spacecraft[0].maneuvers[0].dvMps',
        message: expect.stringMatching(/^duplicate key "dvMps" at line \d+, column \d+:/),
      }),
    ]);
  });

  it('key-like text inside strings is not a key', () => {
    const text = scenarioText()
      .replace('"name": "test",', String.raw`"name": "x\", \"stepS\": 1, \"stepS\": {",`)
      .replace('"epoch"', String.raw`"description": "C:\\", "epoch"`);
    expect(JSON.parse(text).description).toBe('C:\\');
    expect(loadScenario(text)).toMatchObject({ ok: true });
  });

  it('the same key in different objects, or nested in itself, is no duplicate', () => {
    expect(findDuplicateKeys('[{"a":1},{"a":2}]')).toEqual([]);
    expect(findDuplicateKeys('{"a":{"a":{"a":[{"a":1}]}}, "b": {"a": 2}}')).toEqual([]);
    expect(findDuplicateKeys('{}')).toEqual([]);
    expect(findDuplicateKeys('"a"')).toEqual([]);
  });

  it('a key three times: one issue naming every line', () => {
    const text = '{\n  "a": 1,\n  "a": 2,\n  "a": 3\n}';
    expect(duplicateKeyIssues(text)).toEqual([
      {
        path: 'a',
        message:
          'duplicate key "a" at lines 2 and 3: JSON keeps only the last one (line 4); remove all but one',
      },
    ]);
    expect(duplicateKeyIssues('{"a":1,"a":2,"a":3}')[0]!.message).toBe(
      'duplicate key "a" at line 1, column 2 and line 1, column 8: JSON keeps only the last one (line 1, column 14); remove all but one',
    );
  });

  it('inside nested arrays: every index is in the path', () => {
    expect(findDuplicateKeys('{"a":[[1,{"k":1,"k":2}]]}')).toEqual([
      { objectPath: ['a', 0, 1], key: 'k', offsets: [10, 16] },
    ]);
    expect(duplicateKeyIssues('{"a":[[1,{"k":1,"k":2}]]}')[0]!.path).toBe('a[0][1].k');
  });

  it('every example in scenarios/ has none', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files)
      expect(findDuplicateKeys(readFileSync(`scenarios/${f}`, 'utf8'))).toEqual([]);
  });
});

// ---- property: the scan agrees with a reference built on jsonc-parser's syntax tree ----

/** Duplicate keys found by walking jsonc-parser's tree (keys come out of it unescaped). */
function referenceDuplicates(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const walk = (node: Node, path: (string | number)[]): void => {
    if (node.type === 'object') {
      const offsetsByKey = new Map<string, number[]>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children!;
        const key = keyNode!.value as string;
        offsetsByKey.set(key, [...(offsetsByKey.get(key) ?? []), keyNode!.offset]);
        if (valueNode) walk(valueNode, [...path, key]);
      }
      for (const [key, offsets] of offsetsByKey) {
        if (offsets.length > 1) out.push({ objectPath: path, key, offsets });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
    }
  };
  const tree = parseTree(text);
  if (tree) walk(tree, []);
  return out.sort((a, b) => a.offsets[1]! - b.offsets[1]!);
}

/** Characters that stress a string scanner: quotes, backslashes, structure, controls, non-ASCII. */
const CHARS = [
  'a',
  'M',
  '"',
  '\\',
  '/',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
  '\n',
  '\u0000',
  'é',
  '\u2028',
  '\ud83d\ude00',
  '\ud800',
];

/** A JSON string literal for `s`, each character escaped or not as `escape` says. */
function renderString(s: string, escape: readonly boolean[]): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = escape[i % escape.length]!;
    const u = `\\u${c.toString(16).padStart(4, '0')}`;
    if (c === 0x22) out += e ? '\\u0022' : '\\"';
    else if (c === 0x5c) out += e ? '\\u005C' : '\\\\';
    else if (c === 0x2f) out += e ? '\\/' : '/';
    else if (c === 0x0a) out += e ? u : '\\n';
    else if (c < 0x20) out += u;
    else out += e ? u : s[i];
  }
  return `${out}"`;
}

const escapes = fc.array(fc.boolean(), { minLength: 1, maxLength: 4 });
const anyString = fc
  .tuple(fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }), escapes)
  .map(([cs, e]) => renderString(cs.join(''), e));
/** Keys from a small pool (so they repeat often), each occurrence escaped its own way. */
const key = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'dvMps', '"', '\\', '', 'a"b', '\\u', '/'), escapes)
      .map(([k, e]) => renderString(k, e)),
  },
  { weight: 1, arbitrary: anyString },
);
const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');
const scalar = fc.oneof(anyString, fc.constantFrom('0', '-1.5e3', 'true', 'false', 'null'));
const { value: jsonText } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(ws, key, ws, tie('value')), { maxLength: 6 })
    .map((members) => `{${members.map(([a, k, b, v]) => `${a}${k}${b}:${b}${v}${a}`).join(',')}}`),
  array: fc
    .array(fc.tuple(ws, tie('value')), { maxLength: 4 })
    .map((items) => `[${items.map(([a, v]) => `${a}${v}`).join(',')}]`),
}));

describe('findDuplicateKeys (property)', () => {
  it('agrees with jsonc-parser on generated JSON with repeated, differently escaped keys', () => {
    let withDuplicates = 0;
    fc.assert(
      fc.property(jsonText, (text) => {
        JSON.parse(text); // the generator writes valid JSON, as the loader guarantees
        const found = findDuplicateKeys(text);
        if (found.length > 0) withDuplicates++;
        expect(found).toEqual(referenceDuplicates(text));
      }),
      { numRuns: 500 },
    );
    // The property is only worth something if duplicates are common.
    expect(withDuplicates).toBeGreaterThan(50);
  });

  it('finds nothing in JSON.stringify output (a JS object has no duplicate keys)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(findDuplicateKeys(JSON.stringify(v, null, 1))).toEqual([]);
      }),
    );
  });
});
