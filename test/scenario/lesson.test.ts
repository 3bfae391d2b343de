/**
 * The `lesson` block's checks: every mistake an author can make is reported at its JSON path
 * with what was expected, and the scenario itself stays valid without the block.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/validate.ts';

/** The parts of a lesson file the cases below edit. */
interface LessonDoc {
  lesson?: {
    question: Record<string, unknown>;
    answer: {
      measure: Record<string, unknown>;
      tolerance: Record<string, unknown>;
    };
    [key: string]: unknown;
  };
}

const radialBurn = () =>
  JSON.parse(readFileSync('scenarios/lessons/radial-burn.json', 'utf8')) as LessonDoc;

function issuesOf(edit: (s: LessonDoc) => void): { path: string; message: string }[] {
  const s = radialBurn();
  edit(s);
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

describe('the lesson block', () => {
  it('a lesson file is a valid scenario, with or without its lesson', () => {
    expect(issuesOf(() => undefined)).toEqual([]);
    expect(issuesOf((s) => delete s.lesson)).toEqual([]);
  });

  it.each([
    [
      'a unit of another dimension',
      (s: LessonDoc) => (s.lesson!.question.unit = 'm/s'),
      'lesson.question.unit',
      /"m\/s" is not a length .*use "m" or "km"/,
    ],
    [
      'an unknown unit',
      (s: LessonDoc) => (s.lesson!.question.unit = 'ft'),
      'lesson.question.unit',
      /expected a unit: "m", "km"/,
    ],
    [
      'a spacecraft that does not exist',
      (s: LessonDoc) => (s.lesson!.answer.measure.spacecraft = 'chaser'),
      'lesson.answer.measure.spacecraft',
      /no spacecraft "chaser" \(ids: inspector\)/,
    ],
    [
      'a time after the run',
      (s: LessonDoc) => (s.lesson!.answer.measure.atTS = 1e6),
      'lesson.answer.measure.atTS',
      /after the end of the run/,
    ],
    [
      'an interval running backwards',
      (s: LessonDoc) => (s.lesson!.answer.measure.fromTS = 50000),
      'lesson.answer.measure.fromTS',
      /expected fromTS before atTS/,
    ],
    [
      'a tolerance without its reason',
      (s: LessonDoc) => delete s.lesson!.answer.tolerance.why,
      'lesson.answer.tolerance.why',
      /why the tolerance/,
    ],
    [
      'a tolerance without a size',
      (s: LessonDoc) => delete s.lesson!.answer.tolerance.relPct,
      'lesson.answer.tolerance',
      /expected "abs" or "relPct"/,
    ],
    [
      'an unknown quantity',
      (s: LessonDoc) => (s.lesson!.answer.measure.quantity = 'downrangeM'),
      'lesson.answer.measure.quantity',
      /expected a quantity: "rM"/,
    ],
    [
      'a misspelt key',
      (s: LessonDoc) => (s.lesson!.stpes = []),
      'lesson.stpes',
      /did you mean "steps"/,
    ],
    [
      'a comparison with the model flown',
      (s: LessonDoc) => (s.lesson!.answer.measure.relativeTo = 'cw'),
      'lesson.answer.measure.relativeTo',
      /the scenario itself flies "cw"/,
    ],
    [
      'a choice question with one choice',
      (s: LessonDoc) =>
        (s.lesson!.question = { kind: 'choice', text: 'Where?', choices: [{ text: 'here' }] }),
      'lesson.question.choices',
      /at least two choices/,
    ],
  ])('%s is reported at its path', (_what, edit, path, message) => {
    const issues = issuesOf(edit);
    const hit = issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });
});
