/**
 * The examples menu: scenario files bundled with the app, by name (the file name without .json).
 */

/** A bundled example scenario. */
export interface ExampleScenario {
  /** File name without `.json`, as in `?scenario=NAME`. */
  name: string;
  /** Path it was bundled from, e.g. `/scenarios/skynet5a-inspection.json`. */
  path: string;
  /** Raw JSON text (goes through the same loader as opened files). */
  text: string;
  /** The scenario's `name` field when it parses, else the file name (menu label). */
  title: string;
  /** Menu group: `"Events"` for the sourced pack in `scenarios/events/`, else none. */
  group?: string;
}

/** Folder of the sourced event scenarios, and its menu group. */
const EVENTS_DIR = '/scenarios/events/';

/** The example opened when the URL names none. */
export const DEFAULT_EXAMPLE = 'skynet5a-inspection';

/**
 * The examples from an `import.meta.glob` record (path -> raw text), sorted with the default
 * first, then by name, the grouped ones last. JSON Schema files are skipped. A file in `scenarios/events/` is named
 * `events/<file>` (as in `?scenario=events/skynet5a-2025`) and grouped under "Events".
 *
 * @param files path -> raw text
 */
export function examplesFromFiles(files: Record<string, string>): ExampleScenario[] {
  const out: ExampleScenario[] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    if (!file.endsWith('.json') || file.endsWith('.schema.json')) continue;
    const event = path.startsWith(EVENTS_DIR);
    const name = `${event ? 'events/' : ''}${file.slice(0, -'.json'.length)}`;
    let title = name;
    try {
      const v = JSON.parse(text) as unknown;
      if (typeof v === 'object' && v !== null && 'name' in v && typeof v.name === 'string') {
        title = v.name;
      }
    } catch {
      // An unreadable example still appears; choosing it shows its problems.
    }
    out.push(event ? { name, path, text, title, group: 'Events' } : { name, path, text, title });
  }
  return out.sort(
    (a, b) =>
      Number(b.name === DEFAULT_EXAMPLE) - Number(a.name === DEFAULT_EXAMPLE) ||
      Number(a.group !== undefined) - Number(b.group !== undefined) ||
      a.name.localeCompare(b.name),
  );
}
