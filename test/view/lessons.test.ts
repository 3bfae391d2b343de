// The Lessons menu's list: every file in scenarios/lessons/, in the teaching order, each
// text loading by name; `?lesson=NAME` read from the query.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_NAMES, lessonRequested, lessonText } from '../../src/view/lessons/lessonFiles.ts';

describe('lesson files', () => {
  it('lists every lesson, from the RIC frame to lighting', () => {
    const files = readdirSync('scenarios/lessons').filter((f) => f.endsWith('.json'));
    expect([...LESSON_NAMES].sort()).toEqual(files.map((f) => f.slice(0, -5)).sort());
    expect(LESSON_NAMES[0]).toBe('ric-frame');
    expect(LESSON_NAMES.indexOf('radial-offset-drift')).toBe(1);
    expect(LESSON_NAMES.indexOf('cw-vs-nonlinear')).toBe(9);
    expect(LESSON_NAMES[10]).toBe('lighting');
  });

  it('loads a lesson by name; an unknown name gives null', async () => {
    expect(await lessonText('radial-burn')).toContain('"lesson"');
    expect(await lessonText('no-such-lesson')).toBeNull();
    expect(await lessonText('../vbar-hop')).toBeNull();
  });

  it('reads ?lesson=NAME', () => {
    expect(lessonRequested('?lesson=radial-burn&play=0')).toBe('radial-burn');
    expect(lessonRequested('?scenario=football')).toBeNull();
  });
});
