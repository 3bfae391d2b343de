/**
 * Minimal edits of JSON text: the scenario text is the source of truth, and every edit from a form
 * or a drag is applied to it as a small change (jsonc-parser), so keys the editor does not know,
 * their order, and the author's formatting survive any number of edits.
 *
 * Only jsonc-parser here (a few kB): the page's first load uses these for drags on the timeline,
 * the plots and the scene, without the scenario loader (zod, mathjs), which lives in the worker.
 *
 * References:
 * [1] jsonc-parser (Microsoft, the parser of VS Code's JSON support): `modify`, `applyEdits`,
 *     `parseTree`, `findNodeAtLocation`.
 */

import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { JSONPath, Node } from 'jsonc-parser';

/** A JSON path as an array, e.g. ['spacecraft', 0, 'maneuvers', 2, 'dvMps']. */
export type PathArray = (string | number)[];

/** Parses a formatted path (`spacecraft[0].maneuvers[2].dvMps`) into an array. */
export function parsePath(path: string): PathArray {
  const out: PathArray = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Formats a path array as `a.b[0].c` (the loader's issue paths). */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Indentation of the text (two spaces when it cannot tell). */
function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)"/.exec(text);
  if (m && m[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? Math.min(8, m[1]!.length) : 2 };
}

/** Options of `setAtPath`. */
export interface SetOptions {
  /** Insert an array element at the path's index (use the length to append). */
  insert?: boolean;
  /** A new object key goes at this index among the existing keys (default: last). */
  keyIndex?: number;
}

/**
 * Sets (or, with `undefined`, removes) the value at `path` in JSON text, changing nothing else.
 * Array elements are inserted with `{ insert: true }` at an index (use the length to append).
 */
export function setAtPath(
  text: string,
  path: JSONPath,
  value: unknown,
  options: SetOptions = {},
): string {
  const keyIndex = options.keyIndex;
  const edits = modify(text, path, value, {
    formattingOptions: { ...detectIndent(text), eol: text.includes('\r\n') ? '\r\n' : '\n' },
    ...(options.insert ? { isArrayInsertion: true } : {}),
    ...(keyIndex !== undefined
      ? { getInsertionIndex: (keys: string[]) => Math.min(Math.max(0, keyIndex), keys.length) }
      : {}),
  });
  return applyEdits(text, edits);
}

/**
 * Replaces key `oldKey` of the object at `objectPath` by `newKey` with `value`, at the same place
 * among the object's keys (switching a maneuver from `tS` to `after` keeps the key order).
 */
export function replaceKey(
  text: string,
  objectPath: PathArray,
  oldKey: string,
  newKey: string,
  value: unknown,
): string {
  const tree = parseTree(text);
  const obj = tree ? findNodeAtLocation(tree, objectPath) : undefined;
  if (!obj || obj.type !== 'object') return text;
  const keys = (obj.children ?? []).map((p) => p.children?.[0]?.value as string);
  const index = keys.indexOf(oldKey);
  if (index < 0) return setAtPath(text, [...objectPath, newKey], value);
  if (oldKey === newKey) return setAtPath(text, [...objectPath, newKey], value);
  const removed = setAtPath(text, [...objectPath, oldKey], undefined);
  return setAtPath(removed, [...objectPath, newKey], value, { keyIndex: index });
}

/**
 * Moves array element `from` to index `to` by swapping neighbours' text: every element keeps its
 * own formatting (a one-line vector stays on one line).
 */
export function moveArrayItem(text: string, arrayPath: JSONPath, from: number, to: number): string {
  const tree = parseTree(text);
  const array = tree ? findNodeAtLocation(tree, arrayPath) : undefined;
  const n = array?.children?.length ?? 0;
  if (!array || from === to || from < 0 || to < 0 || from >= n || to >= n) return text;
  let out = text;
  const step = to > from ? 1 : -1;
  for (let i = from; i !== to; i += step) out = swapAdjacent(out, arrayPath, Math.min(i, i + step));
  return out;
}

/** Swaps elements i and i + 1 of the array at `arrayPath`. */
function swapAdjacent(text: string, arrayPath: JSONPath, i: number): string {
  const tree = parseTree(text);
  const array = tree ? findNodeAtLocation(tree, arrayPath) : undefined;
  const a = array?.children?.[i];
  const b = array?.children?.[i + 1];
  if (!a || !b) return text;
  const aText = text.slice(a.offset, a.offset + a.length);
  const bText = text.slice(b.offset, b.offset + b.length);
  const between = text.slice(a.offset + a.length, b.offset);
  return text.slice(0, a.offset) + bText + between + aText + text.slice(b.offset + b.length);
}

/**
 * The character range of the value at `path`, or of its closest existing parent; with
 * `wholeProperty`, of the key and its value (to underline an unknown key).
 */
export function rangeOfPath(
  text: string,
  path: PathArray,
  wholeProperty = false,
): { from: number; to: number } {
  const tree = parseTree(text);
  if (!tree) return { from: 0, to: text.length };
  for (let k = path.length; k >= 0; k--) {
    const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, k));
    if (node) {
      const target =
        wholeProperty && k === path.length && node.parent?.type === 'property' ? node.parent : node;
      return { from: target.offset, to: target.offset + target.length };
    }
  }
  return { from: 0, to: text.length };
}

/**
 * The text as a JSON value for forms and drag handles, or null when it is not valid JSON (the
 * same rule as the loader: strict JSON, no comments).
 */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The value at `path` in a parsed JSON value, or undefined. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[key];
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
  }
  return v;
}

/**
 * The one change that turns `a` into `b`: the common start and end are kept, the middle
 * replaced. Applying it to an editor keeps the cursor and the scroll where they were.
 */
export function textChange(a: string, b: string): { from: number; to: number; insert: string } {
  let start = 0;
  const n = Math.min(a.length, b.length);
  while (start < n && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { from: start, to: endA, insert: b.slice(start, endB) };
}
