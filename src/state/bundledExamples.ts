/**
 * The example scenarios bundled with the app: every file in scenarios/ and scenarios/events/
 * (the JSON Schema is skipped), as raw text so that it goes through the same loader as a file opened from disk.
 */

import { examplesFromFiles, type ExampleScenario } from '../view/model/examples.ts';

const files = import.meta.glob<string>(['/scenarios/*.json', '/scenarios/events/*.json'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Bundled examples, the default first. */
export const BUNDLED_EXAMPLES: readonly ExampleScenario[] = examplesFromFiles(files);
