// Which scenario texts make the command line load the trigger-expression parser (mathjs): any
// with a `when` key, however it is written; none without one.

import { describe, expect, it } from 'vitest';
import { mentionsTrigger } from '../../src/scenario/expressionParser.ts';

describe('mentionsTrigger', () => {
  it('finds a `when` key at any depth, also written with escapes', () => {
    expect(
      mentionsTrigger(JSON.parse('{"spacecraft":[{"maneuvers":[{"when":"rangeM < 1"}]}]}')),
    ).toBe(true);
    expect(mentionsTrigger(JSON.parse('{"a":[[{"b":{"\\u0077hen":1}}]]}'))).toBe(true);
  });

  it('is false without one, a `when` inside a string included', () => {
    expect(
      mentionsTrigger(JSON.parse('{"description":"when near","spacecraft":[{"maneuvers":[]}]}')),
    ).toBe(false);
    expect(mentionsTrigger(null)).toBe(false);
    expect(mentionsTrigger('when')).toBe(false);
  });

  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = { when: 'x' };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(mentionsTrigger(deep)).toBe(true);
  });
});
