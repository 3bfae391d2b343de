// Trigger variables: every name a condition may read has a one-line description with its unit
// (the plan editor's completion shows it), and the README's "Trigger conditions" table lists it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRIGGER_VARIABLE_INFO, TRIGGER_VARIABLES } from '../../src/scenario/derived.ts';

describe('trigger variables', () => {
  it.each(TRIGGER_VARIABLES.map((name) => [name]))('%s has a description with a unit', (name) => {
    const info = Object.hasOwn(TRIGGER_VARIABLE_INFO, name) ? TRIGGER_VARIABLE_INFO[name] : '';
    expect(info).toMatch(/\S/);
    // The unit follows a comma: ", m", ", m/s", ", s", ", deg".
    expect(info).toMatch(/, (s|m|m\/s|deg)\b/);
  });

  it('describes no name that is not a variable', () => {
    expect(Object.keys(TRIGGER_VARIABLE_INFO).sort()).toEqual([...TRIGGER_VARIABLES].sort());
  });

  it('the README documents every variable', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('### Trigger conditions');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    for (const name of TRIGGER_VARIABLES) expect(section).toContain(`\`${name}\``);
  });
});
