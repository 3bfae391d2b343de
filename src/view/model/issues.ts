/**
 * Problems of the plan, matched to what shows them: an input shows the problems at its JSON path
 * (or inside it, e.g. one component of a vector), a maneuver card the rest of its maneuver's.
 */

import { formatPath, type PathArray } from '../../editing/jsonText.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';

/** Whether issue path `p` is `prefix` or inside it (`a.b` is inside `a`, `a[0]` too). */
export function isUnder(p: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!p.startsWith(prefix)) return false;
  const next = p.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/**
 * The messages of the issues at `path` or inside it, joined ('' when there are none).
 *
 * @param issues the plan's problems
 * @param path a JSON path
 */
export function issuesAt(issues: readonly ScenarioIssue[], path: PathArray): string {
  const p = formatPath(path);
  return issues
    .filter((i) => isUnder(i.path, p))
    .map((i) => i.message)
    .join('; ');
}

/**
 * The issues inside `path` that none of `claimed` (the paths of the inputs shown) covers.
 *
 * @param issues the plan's problems
 * @param path e.g. a maneuver's path
 * @param claimed paths of the inputs that show their own problems
 */
export function unclaimedIssues(
  issues: readonly ScenarioIssue[],
  path: PathArray,
  claimed: readonly PathArray[],
): ScenarioIssue[] {
  const p = formatPath(path);
  const taken = claimed.map((c) => formatPath(c));
  return issues.filter((i) => isUnder(i.path, p) && !taken.some((t) => isUnder(i.path, t)));
}

/** An underline of the JSON view: range, message. */
export interface IssueMark {
  from: number;
  to: number;
  message: string;
}

/** Longest underline, characters: a problem of a whole object marks its first line only. */
const MAX_MARK = 240;

/**
 * Where the JSON view underlines each located issue: inside the text, at least one character,
 * and a problem of a big node (a whole spacecraft) on its first line only.
 *
 * @param text the text shown
 * @param issues located issues (src/editing/document.ts)
 */
export function issueMarks(
  text: string,
  issues: readonly (ScenarioIssue & { from: number; to: number })[],
): IssueMark[] {
  const n = text.length;
  return issues.map((i) => {
    let from = Math.min(Math.max(0, i.from), n);
    let to = Math.min(Math.max(from, i.to), n);
    if (to - from > MAX_MARK) {
      const eol = text.indexOf('\n', from);
      to = eol < 0 ? Math.min(n, from + MAX_MARK) : Math.min(eol, from + MAX_MARK);
    }
    if (to === from) {
      if (to < n) to++;
      else from = Math.max(0, from - 1);
    }
    return { from, to, message: i.path === '' ? i.message : `${i.path}: ${i.message}` };
  });
}
