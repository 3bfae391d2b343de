/**
 * The lessons bundled with the app: every file in scenarios/lessons/, by name (the file name
 * without .json, as in `?lesson=NAME`). Their texts load on demand, so the first page carries
 * only the names.
 */

const files = import.meta.glob<string>('/scenarios/lessons/*.json', {
  query: '?raw',
  import: 'default',
});

/** The order, from the frame to lighting; a lesson not listed here comes after, by name. */
const LESSON_ORDER = [
  'ric-frame',
  'radial-offset-drift',
  'prograde-burn',
  'radial-burn',
  'football-closure',
  'cross-track',
  'hops-and-holds',
  'two-impulse-targeting',
  'passive-safety',
  'cw-vs-nonlinear',
  'lighting',
];

const rank = (name: string) => {
  const i = LESSON_ORDER.indexOf(name);
  return i < 0 ? LESSON_ORDER.length : i;
};

/** Lesson names in teaching order. */
export const LESSON_NAMES: readonly string[] = Object.keys(files)
  .map((path) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

/**
 * The raw JSON text of a lesson, or null when there is no such lesson.
 *
 * @param name file name without .json
 */
export async function lessonText(name: string): Promise<string | null> {
  const load = files[`/scenarios/lessons/${name}.json`];
  return load ? await load() : null;
}

/** The lesson named in a URL query (`?lesson=NAME`), or null. */
export function lessonRequested(search: string): string | null {
  return new URLSearchParams(search).get('lesson');
}
