// The examples menu: every file in scenarios/ and scenarios/events/ (not the JSON Schema), default first, each loading
// through the same path as a file from disk.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_EXAMPLES } from '../../src/state/bundledExamples.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { DEFAULT_EXAMPLE, examplesFromFiles } from '../../src/view/model/examples.ts';

describe('examples', () => {
  it('lists every scenario file, the default first', () => {
    const names = (dir: string, prefix: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
        .map((f) => `${prefix}${f.slice(0, -'.json'.length)}`);
    const events = names('scenarios/events', 'events/');
    expect(events.length).toBeGreaterThan(0);
    const files = [...names('scenarios', ''), ...events];
    expect(BUNDLED_EXAMPLES.map((e) => e.name).sort()).toEqual(files.sort());
    expect(BUNDLED_EXAMPLES[0]!.name).toBe(DEFAULT_EXAMPLE);
    expect(BUNDLED_EXAMPLES.filter((e) => e.group === 'Events').map((e) => e.name)).toEqual(
      events.sort(),
    );
  });

  it('every bundled example is a valid scenario', () => {
    for (const e of BUNDLED_EXAMPLES) {
      const r = loadScenario(e.text);
      expect(r.ok, `${e.name}: ${r.ok ? '' : JSON.stringify(r.issues)}`).toBe(true);
    }
  });

  it('names examples by file, titles them by scenario name, skips schemas', () => {
    const list = examplesFromFiles({
      '/scenarios/b.json': '{"name": "Bee"}',
      '/scenarios/scenario.schema.json': '{}',
      '/scenarios/a.json': 'not json',
      '/scenarios/events/c.json': '{"name": "Sea"}',
      [`/scenarios/${DEFAULT_EXAMPLE}.json`]: '{"name": "Default"}',
    });
    expect(list.map((e) => [e.name, e.title, e.group])).toEqual([
      [DEFAULT_EXAMPLE, 'Default', undefined],
      ['a', 'a', undefined],
      ['b', 'Bee', undefined],
      ['events/c', 'Sea', 'Events'],
    ]);
  });
});
