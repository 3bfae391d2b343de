import { describe, expect, it } from 'vitest';
import { fullAppUrl, isEmbedQuery } from '../../src/view/app/embed.ts';

describe('embed mode', () => {
  it('is asked for by embed=1 or embed=true only', () => {
    expect(isEmbedQuery('?embed=1')).toBe(true);
    expect(isEmbedQuery('?scenario=football&embed=true')).toBe(true);
    expect(isEmbedQuery('?embed=0')).toBe(false);
    expect(isEmbedQuery('?scenario=embed')).toBe(false);
    expect(isEmbedQuery('')).toBe(false);
  });

  it('links to the full app with the same scenario and share fragment', () => {
    expect(fullAppUrl('https://x.org/rpo/?scenario=football&embed=1&play=0#scenario=abc')).toBe(
      'https://x.org/rpo/?scenario=football&play=0#scenario=abc',
    );
  });
});
