/**
 * The `lesson` block of a scenario (format v1, an optional key): a lesson for a class, flown on
 * the scenario it sits in. Steps of explanation (text, a formula in LaTeX, the clock time and
 * camera each step sets), one question the student answers before playing (a number in a unit,
 * or a choice), and the answer: what to measure in the run, its closed form and the tolerance
 * with the reason for it. The app's lesson mode (`?lesson=NAME`, src/view/lessons/) shows it;
 * src/scoring/lesson.ts measures the answer on the simulator's own run.
 *
 * Checked here: the structure (zod) and, in {@link lessonIssues}, what needs the rest of the
 * scenario (the spacecraft named, times within the run, the question's unit against the
 * quantity). The closed-form expression is compiled when the lesson is measured (it needs the
 * expression parser, which the command line loads only for triggers).
 */

import * as z from 'zod';
import { finite, label, nonNegative, positive, strict } from './schemaParts.ts';

/** What a lesson can measure on the run, and its dimension (the unit is the name's suffix). */
export const LESSON_QUANTITIES = {
  rM: 'length',
  iM: 'length',
  cM: 'length',
  rangeM: 'length',
  minRangeM: 'length',
  vrMps: 'speed',
  viMps: 'speed',
  vcMps: 'speed',
  dvMps: 'speed',
  umbraS: 'time',
} as const;

/** A lesson quantity's name. */
export type LessonQuantity = keyof typeof LESSON_QUANTITIES;

/** Units a number question may be asked in: dimension and size of one unit in SI. */
export const LESSON_UNITS = {
  m: { dimension: 'length', si: 1 },
  km: { dimension: 'length', si: 1000 },
  'm/s': { dimension: 'speed', si: 1 },
  'mm/s': { dimension: 'speed', si: 1e-3 },
  s: { dimension: 'time', si: 1 },
  min: { dimension: 'time', si: 60 },
  h: { dimension: 'time', si: 3600 },
} as const;

/** A unit a number question may be asked in. */
export type LessonUnit = keyof typeof LESSON_UNITS;

/** The SI unit of each dimension, as shown beside a measured value. */
export const SI_UNIT_OF: Record<(typeof LESSON_QUANTITIES)[LessonQuantity], LessonUnit> = {
  length: 'm',
  speed: 'm/s',
  time: 's',
};

const quantityNames = Object.keys(LESSON_QUANTITIES) as [LessonQuantity, ...LessonQuantity[]];
const unitNames = Object.keys(LESSON_UNITS) as [LessonUnit, ...LessonUnit[]];
const text = (what: string) =>
  z.string({ error: `expected ${what} (text)` }).min(1, { error: `expected ${what} (text)` });

const step = strict({
  text: text("the step's explanation"),
  formula: z
    .string()
    .optional()
    .describe(
      'A formula in LaTeX (KaTeX), shown under the text, e.g. "\\\\Delta y = -3\\\\pi x_0".',
    ),
  set: strict({
    tS: nonNegative('clock time in s since the epoch').optional(),
    camera: z
      .enum(['orbit', 'follow', 'inspector'], {
        error: 'expected camera "orbit", "follow" or "inspector"',
      })
      .optional(),
  })
    .optional()
    .describe('What the step sets when it is shown: the clock time (s) and the camera mode.'),
});

const choice = strict({
  text: text('the choice'),
  min: finite('lower bound of the measured value, in its SI unit').optional(),
  max: finite('upper bound of the measured value, in its SI unit').optional(),
}).describe(
  'A choice; it is right when the measured value (SI unit of the quantity) lies within [min, max] (an open side when left out).',
);

const numberQuestion = strict({
  kind: z.literal('number'),
  text: text('the question'),
  unit: z
    .enum(unitNames, { error: `expected a unit: ${unitNames.map((u) => `"${u}"`).join(', ')}` })
    .describe('The unit the student answers in (its dimension must match the quantity).'),
});

const choiceQuestion = strict({
  kind: z.literal('choice'),
  text: text('the question'),
  choices: z
    .array(choice, { error: 'expected a list of choices' })
    .min(2, { error: 'expected at least two choices' }),
});

const question = z.discriminatedUnion('kind', [numberQuestion, choiceQuestion], {
  error: 'expected question "kind": "number" (with "unit") or "choice" (with "choices")',
});

const measure = strict({
  quantity: z
    .enum(quantityNames, {
      error: `expected a quantity: ${quantityNames.map((q) => `"${q}"`).join(', ')}`,
    })
    .describe(
      "rM, iM, cM, vrMps, viMps, vcMps, rangeM: the value at atTS (its change since fromTS when given); minRangeM: least range in [fromTS, atTS]; dvMps: delta-v of the burns in [fromTS, atTS]; umbraS: time the target spends in the Earth's umbra in [fromTS, atTS].",
    ),
  spacecraft: z.string({ error: 'expected a spacecraft id' }).min(1),
  atTS: nonNegative('time of the measurement in s since the epoch'),
  fromTS: nonNegative('start of the measured interval in s since the epoch').optional(),
  relativeTo: z
    .enum(['cw', 'nonlinear'], { error: 'expected "cw" or "nonlinear"' })
    .optional()
    .describe(
      'Also fly the scenario in this model and measure the difference: scenario model minus this one.',
    ),
});

const closedForm = strict({
  expression: text('the closed form as an expression (e.g. "-6 * pi * (2 * x0 + yd0 / n)")')
    .max(500)
    .describe(
      "Value in the SI unit of the quantity; names: n (rad/s), T (one orbit, s), R (target orbit radius, m), t (atTS - fromTS, s), x0 y0 z0 (m) and xd0 yd0 zd0 (m/s): the spacecraft's state at the start of the run, x1 y1 z1 (m): its position at atTS, dv1R dv1I dv1C (m/s): its first burn.",
    ),
  formula: text('the closed form in LaTeX').describe('The closed form as shown, in LaTeX.'),
});

const tolerance = strict({
  abs: positive(
    "tolerance in the question's unit (number questions) or the quantity's SI unit",
  ).optional(),
  relPct: positive('tolerance in percent of the measured value').optional(),
  why: text('why the tolerance is what it is'),
})
  .refine((t) => t.abs !== undefined || t.relPct !== undefined, {
    error: 'expected "abs" or "relPct" (or both: the larger applies)',
  })
  .describe("How far an answer may be from the run's value and still be right, and why.");

/** The `lesson` block's schema. */
export const lessonSchema = strict({
  title: text('the lesson title'),
  summary: label,
  steps: z
    .array(step, { error: 'expected a list of steps' })
    .min(1, { error: 'expected at least one step' }),
  question,
  answer: strict({ measure, closedForm, tolerance }),
  keyMomentTS: nonNegative("time of the lesson's key moment in s since the epoch")
    .optional()
    .describe('The moment the figure and the printed page show (default: the measurement time).'),
}).describe(
  "A lesson for a class (the app's lesson mode, ?lesson=NAME): explanation steps, a question answered before playing, the answer measured on the run and checked against its closed form.",
);

/** A lesson block as written. */
export type LessonSpec = z.infer<typeof lessonSchema>;

interface LessonScenarioPart {
  durationS: number;
  dynamics: string;
  spacecraft: readonly { id: string }[];
  lesson?: LessonSpec;
}

/**
 * The lesson checks that need the rest of the scenario, each with its JSON path: the spacecraft
 * measured exists, every time lies within the run, the interval runs forward, and a number
 * question's unit has the quantity's dimension.
 */
export function lessonIssues(s: LessonScenarioPart): { path: PropertyKey[]; message: string }[] {
  const lesson = s.lesson;
  if (lesson === undefined) return [];
  const out: { path: PropertyKey[]; message: string }[] = [];
  const m = lesson.answer.measure;
  const at = ['lesson', 'answer', 'measure'];
  if (!s.spacecraft.some((c) => c.id === m.spacecraft)) {
    out.push({
      path: [...at, 'spacecraft'],
      message: `no spacecraft "${m.spacecraft}" (ids: ${s.spacecraft.map((c) => c.id).join(', ')})`,
    });
  }
  const within = (tS: number | undefined, path: PropertyKey[]) => {
    if (tS !== undefined && tS > s.durationS) {
      out.push({
        path,
        message: `${tS} s is after the end of the run (durationS ${s.durationS} s)`,
      });
    }
  };
  within(m.atTS, [...at, 'atTS']);
  within(m.fromTS, [...at, 'fromTS']);
  within(lesson.keyMomentTS, ['lesson', 'keyMomentTS']);
  lesson.steps.forEach((st, i) => within(st.set?.tS, ['lesson', 'steps', i, 'set', 'tS']));
  if (m.fromTS !== undefined && !(m.fromTS < m.atTS)) {
    out.push({ path: [...at, 'fromTS'], message: 'expected fromTS before atTS' });
  }
  if (m.relativeTo !== undefined && m.relativeTo === s.dynamics) {
    out.push({
      path: [...at, 'relativeTo'],
      message: `the scenario itself flies "${s.dynamics}": name the other model`,
    });
  }
  const q = lesson.question;
  const dimension = LESSON_QUANTITIES[m.quantity];
  if (q.kind === 'number' && LESSON_UNITS[q.unit].dimension !== dimension) {
    out.push({
      path: ['lesson', 'question', 'unit'],
      message: `"${q.unit}" is not a ${dimension} (the quantity ${m.quantity} is): use ${unitsOf(dimension)}`,
    });
  }
  if (q.kind === 'choice') {
    q.choices.forEach((c, i) => {
      if (c.min !== undefined && c.max !== undefined && !(c.min < c.max)) {
        out.push({
          path: ['lesson', 'question', 'choices', i, 'max'],
          message: 'expected max above min',
        });
      }
    });
  }
  return out;
}

function unitsOf(dimension: string): string {
  return unitNames
    .filter((u) => LESSON_UNITS[u].dimension === dimension)
    .map((u) => `"${u}"`)
    .join(' or ');
}
