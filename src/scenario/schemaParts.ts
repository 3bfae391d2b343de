/**
 * The building blocks of the scenario schema (format v1), shared by schema.ts and the maneuver
 * modules (src/maneuvers/) that declare their own JSON shape: strict objects whose unknown keys
 * are reported with the nearest known key, numbers whose error names the quantity and its unit,
 * RIC vectors, and the timing keys every maneuver has.
 */

import * as z from 'zod';
import { closestName } from './suggest.ts';

/** Most problems listed for one file; the rest are counted ("and N more problems"). */
export const MAX_LISTED_ISSUES = 50;

/** Separates the per-key messages of one unrecognized-keys issue (split again in validate.ts). */
export const KEY_MESSAGE_SEPARATOR = '\u0000';

/** Largest relative position component accepted, m (twice the GEO radius). */
export const MAX_POSITION_M = 1e8;
/** Largest relative velocity or delta-v component accepted, m/s. */
export const MAX_SPEED_MPS = 1e4;

/**
 * A strict object whose unknown keys are each reported with the nearest known key, or with the
 * list of keys allowed there.
 */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      // only the first keys are listed (see MAX_LISTED_ISSUES): suggest for those alone
      return issue.keys
        .map((key, i) => {
          if (i >= MAX_LISTED_ISSUES) return 'unknown key';
          const near = closestName(key, known);
          return near === null
            ? `unknown key; allowed here: ${known.join(', ')}`
            : `unknown key (did you mean "${near}"?)`;
        })
        .join(KEY_MESSAGE_SEPARATOR);
    },
  });
}

/** A finite number; `what` names the quantity and its unit in the error. */
export const finite = (what: string) =>
  z.number({ error: (iss) => (iss.input === undefined ? `missing ${what}` : `expected ${what}`) });
/** A number > 0. */
export const positive = (what: string) => finite(what).positive({ error: `expected ${what} > 0` });
/** A number >= 0. */
export const nonNegative = (what: string) =>
  finite(what).nonnegative({ error: `expected ${what} >= 0` });

/** A number within +-limit. */
export const bounded = (what: string, limit: number) =>
  finite(what)
    .min(-limit, { error: `expected ${what} within +-${limit.toExponential(0)}` })
    .max(limit, { error: `expected ${what} within +-${limit.toExponential(0)}` });

/** An [R, I, C] vector, each component within +-limit. */
export const vec3 = (what: string, limit: number) =>
  z.tuple([bounded(what, limit), bounded(what, limit), bounded(what, limit)], {
    error: (iss) =>
      iss.input === undefined
        ? `missing [R, I, C] ${what}`
        : `expected [R, I, C]: an array of three finite numbers (${what})`,
  });

/** The frame key: "RIC", the only frame in format v1. */
export const ric = z.literal('RIC', { error: 'expected "RIC" (the only frame in format v1)' });

/** Free text shown in the view and report. */
export const label = z
  .string()
  .max(200)
  .optional()
  .describe('Free text shown in the view and report.');

/**
 * When a maneuver starts: exactly one of `tS` (s since the epoch), `after` (s after the previous
 * maneuver of the same spacecraft ends) or `when` (a condition, fired once at the first instant it
 * holds once the previous maneuver has ended). Checked in validate.ts. Every maneuver's object
 * spreads these keys after `type`.
 */
export const timing = {
  label,
  tS: nonNegative('start time in s since the epoch').optional(),
  after: nonNegative('delay in s after the previous maneuver ends').optional(),
  when: z
    .string({ error: 'expected a condition such as "rangeM < 500 and rangeRateMps < 0"' })
    .min(1, { error: 'expected a condition such as "rangeM < 500 and rangeRateMps < 0"' })
    .optional()
    .describe(
      'Trigger condition over tS, rangeM, rangeRateMps, rM, iM, cM, vrMps, viMps, vcMps, sunPhaseDeg (mathjs syntax).',
    ),
};

/** [R, I, C] semi-axes of an ellipsoid, each > 0 (`what` names the quantity and its unit). */
export const semiAxes = (what: string) =>
  z.tuple([positive(what), positive(what), positive(what)], {
    error: `expected [R, I, C] semi-axes: three numbers > 0 (${what})`,
  });
