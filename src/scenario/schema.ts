/**
 * Scenario format v1: the JSON that scenario authors write, as a zod schema.
 *
 * The names here are a contract with authors and their files (see README, "Scenario format"):
 * add optional keys freely, but rename or remove nothing without a new format version. The JSON
 * Schema in scenarios/scenario.schema.json is generated from this file (`npm run schema`); a test
 * fails when it is stale.
 *
 * Units are SI and named in every key (`tS`, `radiusM`, `dvMps`); vectors are RIC components
 * (R radial out, I in-track, C cross-track = R x I), velocities rates in the rotating frame.
 */

import * as z from 'zod';
import {
  BUILTIN_MANEUVERS,
  maneuverModules,
  maneuverRegistryVersion,
} from '../maneuvers/registry.ts';
import {
  BUILTIN_CONSTRAINTS,
  constraintRegistryVersion,
  constraintsShape,
  type BuiltinConstraintShape,
} from '../constraints/registry.ts';
import { keepOutSchema } from '../constraints/keepOut.ts';
import { impulse } from '../maneuvers/impulse.ts';
import {
  finite,
  label,
  MAX_POSITION_M,
  MAX_SPEED_MPS,
  nonNegative,
  positive,
  ric,
  strict,
  vec3,
} from './schemaParts.ts';
import { lessonSchema } from './lesson.ts';

export {
  KEY_MESSAGE_SEPARATOR,
  MAX_LISTED_ISSUES,
  MAX_POSITION_M,
  MAX_SPEED_MPS,
} from './schemaParts.ts';

/** The only format version this build reads and writes. */
export const SCENARIO_FORMAT_VERSION = 1;

/** ISO-8601 UTC instant, e.g. 2026-03-20T00:00:00Z. */
const isoUtc = z
  .string({ error: 'expected an ISO-8601 UTC time such as "2026-03-20T00:00:00Z"' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/, {
    error: 'expected an ISO-8601 UTC time ending in Z, such as "2026-03-20T00:00:00Z"',
  })
  .refine((s) => Number.isFinite(Date.parse(s)), { error: 'not a valid calendar date and time' });

const geoOrbit = strict({
  type: z.literal('geo'),
  longitudeDeg: finite('longitude in degrees east')
    .min(-180, { error: 'expected longitude in [-180, 360] deg' })
    .max(360, { error: 'expected longitude in [-180, 360] deg' }),
}).describe('Circular equatorial orbit at the geosynchronous radius 42,164,169.6 m.');

const circularOrbit = strict({
  type: z.literal('circular'),
  radiusM: finite('orbit radius in m').min(6_478_137, {
    error: 'expected an orbit radius in m above the atmosphere (>= 6,478,137 m)',
  }),
}).describe('Circular orbit of the given radius.');

const ellipticalOrbit = strict({
  type: z.literal('elliptical'),
  semiMajorAxisM: finite('semi-major axis in m').min(6_478_137, {
    error: 'expected a semi-major axis in m above the atmosphere (>= 6,478,137 m)',
  }),
  eccentricity: finite('eccentricity')
    .min(0, { error: 'expected eccentricity in [0, 0.9]' })
    .max(0.9, { error: 'expected eccentricity in [0, 0.9]' }),
  trueAnomalyDeg: finite('true anomaly at the epoch in degrees'),
}).describe('Keplerian target orbit; needs "dynamics": "nonlinear" (two-body, inertial).');

/** An element set inside the scenario: a TLE's lines or an OMM's fields (its JSON form). */
const elementSetKeys = {
  tle: z
    .array(z.string(), {
      error: 'expected the TLE as ["line 1", "line 2"] (or with the name first)',
    })
    .min(2, { error: 'expected 2 or 3 TLE lines' })
    .max(3, { error: 'expected 2 or 3 TLE lines' })
    .optional()
    .describe('Two-line element set: ["line 1", "line 2"], or ["name", "line 1", "line 2"].'),
  omm: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]), {
      error: 'expected the OMM fields as a JSON object (CCSDS keywords, e.g. "MEAN_MOTION")',
    })
    .optional()
    .describe('CCSDS OMM fields (the JSON form catalogues serve: EPOCH, MEAN_MOTION, ...).'),
};
const oneElementSet = (v: { tle?: unknown; omm?: unknown }) =>
  (v.tle === undefined) !== (v.omm === undefined);
const ONE_ELEMENT_SET = { error: 'give exactly one of "tle" or "omm"' };

const elementsOrbit = strict({ type: z.literal('elements'), ...elementSetKeys })
  .refine(oneElementSet, ONE_ELEMENT_SET)
  .describe(
    'Target from an element set (TLE or OMM): SGP4 gives its state at the epoch, the two-body model propagates it; needs "dynamics": "nonlinear".',
  );

const orbit = z.discriminatedUnion(
  'type',
  [geoOrbit, circularOrbit, ellipticalOrbit, elementsOrbit],
  {
    error: 'expected orbit "type": "geo", "circular", "elliptical" or "elements"',
  },
);

/** The maneuver union's error: every registered type, e.g. `"impulse", "finite" or "hold"`. */
function maneuverTypeError(types: readonly string[]): string {
  const quoted = types.map((x) => `"${x}"`);
  const list =
    quoted.length > 1
      ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
      : quoted[0];
  return `expected maneuver "type": ${list}`;
}

/** The maneuver object: one of the built-in types (src/maneuvers/registry.ts). */
const builtinManeuver = z.discriminatedUnion(
  'type',
  BUILTIN_MANEUVERS.map((m) => m.schema) as unknown as BuiltinSchemas,
  { error: maneuverTypeError(BUILTIN_MANEUVERS.map((m) => m.type)) },
);
type SchemasOf<T extends readonly { schema: unknown }[]> = {
  -readonly [K in keyof T]: T[K]['schema'];
};
type BuiltinSchemas = SchemasOf<typeof BUILTIN_MANEUVERS>;

const ricInitialState = strict({
  frame: ric,
  positionM: vec3('position in m', MAX_POSITION_M),
  velocityMps: vec3('velocity in m/s (rotating-frame rates)', MAX_SPEED_MPS),
});

const sigmaRic = (what: string) =>
  z.tuple([nonNegative(what), nonNegative(what), nonNegative(what)], {
    error: `expected [R, I, C]: three numbers >= 0 (${what})`,
  });

const covariance = strict({
  frame: ric,
  sigmaPositionM: sigmaRic('1-sigma position uncertainty in m').optional(),
  sigmaVelocityMps: sigmaRic('1-sigma velocity uncertainty in m/s').optional(),
  matrix: z
    .array(z.array(finite('covariance element')).length(6, { error: 'expected 6 columns' }), {
      error: 'expected a 6 x 6 matrix (rows of 6 numbers)',
    })
    .length(6, { error: 'expected 6 rows' })
    .optional()
    .describe('Full 6 x 6 RIC covariance of [x, y, z, xd, yd, zd]: m^2, m^2/s, m^2/s^2.'),
})
  .refine((c) => (c.matrix !== undefined) !== (c.sigmaPositionM !== undefined), {
    error: 'expected either "sigmaPositionM" and "sigmaVelocityMps", or "matrix"',
  })
  .refine((c) => (c.sigmaPositionM === undefined) === (c.sigmaVelocityMps === undefined), {
    error: 'expected both "sigmaPositionM" and "sigmaVelocityMps"',
  })
  .describe(
    'Uncertainty of the initial RIC state relative to the target (1-sigma, independent axes, or a full matrix).',
  );

const elementsInitialState = strict({ frame: z.literal('elements'), ...elementSetKeys })
  .refine(oneElementSet, ONE_ELEMENT_SET)
  .describe(
    'Initial state from an element set (TLE or OMM) by SGP4 at the epoch, taken to the target RIC frame.',
  );

const opmInitialState = strict({
  frame: z.literal('opm'),
  opm: z
    .string({ error: 'expected the OPM (CCSDS 502.0-B-3 KVN) as one string' })
    .max(100_000, { error: 'expected an OPM under 100,000 characters' }),
}).describe(
  'Initial state from an OPM state vector (KVN text; EME2000, GCRF, TOD or TEME; UTC, TAI or TT), two-body to the epoch, taken to the target RIC frame.',
);

const initialState = z.discriminatedUnion(
  'frame',
  [ricInitialState, elementsInitialState, opmInitialState],
  {
    error:
      'expected initial "frame": "RIC" (positionM, velocityMps), "elements" (tle or omm) or "opm" (opm)',
  },
);

/** Cannonball solar-pressure properties of one object (read by `"dynamics": "perturbed"`). */
const srp = strict({
  areaM2: nonNegative('cross-section facing the Sun in m^2'),
  reflectivity: finite('reflectivity coefficient Cr')
    .min(0, { error: 'expected a reflectivity coefficient Cr in [0, 2] (1 absorbing, 2 mirror)' })
    .max(2, { error: 'expected a reflectivity coefficient Cr in [0, 2] (1 absorbing, 2 mirror)' }),
}).describe(
  'Solar radiation pressure (cannonball): cross-section areaM2 (m^2) and reflectivity Cr (1 absorbing, 2 mirror); needs massKg. Used by "dynamics": "perturbed"; an object without it feels no solar pressure.',
);

/** Which perturbations `"dynamics": "perturbed"` applies. */
const forces = strict({
  j2: z.boolean().optional().describe("Earth's oblateness J2 (default true)."),
  sun: z.boolean().optional().describe('The Sun as a third body (default true).'),
  moon: z.boolean().optional().describe('The Moon as a third body (default true).'),
  srp: z
    .boolean()
    .optional()
    .describe('Solar radiation pressure on objects with an "srp" block (default true).'),
}).describe('Perturbations of "dynamics": "perturbed"; each defaults to true.');

/** A spacecraft, its plan made of `maneuver` objects. */
const spacecraftOf = <M extends z.ZodType>(maneuver: M) =>
  strict({
    id: z.string().min(1, { error: 'expected a non-empty id' }).max(64),
    name: label,
    team: z
      .string()
      .min(1, { error: 'expected a non-empty team name such as "US"' })
      .max(64)
      .optional()
      .describe(
        'Coalition (free text, e.g. "US"): the report scores each team and gives the separations between teams.',
      ),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour like "#ffaa00"' })
      .optional(),
    massKg: positive('wet mass in kg').optional(),
    srp: srp.optional(),
    ispS: positive('specific impulse of the impulsive thruster in s').optional(),
    budget: strict({ dvMps: positive('delta-v budget in m/s') })
      .optional()
      .describe('Delta-v the plan may spend; with massKg and ispS the propellant is reported too.'),
    approachApproved: z
      .boolean()
      .optional()
      .describe('Whether this spacecraft may enter the approach ellipsoid (default false).'),
    role: z
      .enum(['inspector', 'non-cooperative'], {
        error: 'expected "role": "inspector" (ours, the default) or "non-cooperative"',
      })
      .optional()
      .describe(
        'Whose it is: "inspector" (ours, the default: scored, constraints apply) or "non-cooperative" (not ours: flies its own maneuvers, earns no score; our inspectors keep out of its keepOut and keep constraints.separationM from it).',
      ),
    keepOut: keepOutSchema
      .optional()
      .describe(
        "This spacecraft's own keep-out zone, centred on it, axes along the target's R, I, C: our inspectors must stay out of it.",
      ),
    initial: initialState,
    covariance: covariance.optional(),
    maneuvers: z.array(maneuver, { error: 'expected a list of maneuvers ([] for a free drift)' }),
  });

const target = strict({
  name: z.string().min(1, { error: 'expected a non-empty target name' }),
  orbit,
  keepOut: keepOutSchema.optional(),
  massKg: positive('target mass in kg').optional(),
  srp: srp.optional(),
  maneuvers: z
    .array(impulse.schema, { error: 'expected a list of impulse maneuvers' })
    .optional()
    .describe(
      "The target's own impulsive burns (station keeping, an evasive move), timed by tS or after; the RIC frame stays centred on the target.",
    ),
});

/** The scenario's `constraints`: one key per constraint module (src/constraints/registry.ts). */
const constraintsOf = (shape: Record<string, z.ZodType>) =>
  strict(shape as unknown as BuiltinConstraintShape);
const builtinConstraints = constraintsOf(constraintsShape(BUILTIN_CONSTRAINTS));

const face = z.enum(['+R', '-R', '+I', '-I', '+C', '-C'], {
  error: 'expected a face: "+R", "-R", "+I", "-I", "+C" or "-C"',
});
const rangeBand = z
  .tuple([nonNegative('inner range in m'), positive('outer range in m')], {
    error: 'expected [inner, outer] range in m',
  })
  .refine((b) => b[0] < b[1], { error: 'the inner range must be below the outer one' });

const observeObjective = strict({
  type: z.literal('observe'),
  label,
  spacecraft: z.string().optional().describe('Spacecraft id; any spacecraft when left out.'),
  rangeBandM: rangeBand,
  maxPhaseDeg: finite('largest sun phase angle in degrees')
    .min(0, { error: 'expected a phase angle in [0, 180] degrees' })
    .max(180, { error: 'expected a phase angle in [0, 180] degrees' }),
  requiredS: positive('required observation time in s'),
}).describe(
  'Observe the target from inside the range band with the sun behind the inspector long enough.',
);

const coverageObjective = strict({
  type: z.literal('coverage'),
  label,
  spacecraft: z.string().optional(),
  rangeBandM: rangeBand,
  faces: z.array(face).min(1, { error: 'expected at least one face' }),
  minTimeS: positive('time in s each face must be seen lit').optional(),
}).describe('See each listed face of the target lit, from inside the range band.');

const objective = z.discriminatedUnion('type', [observeObjective, coverageObjective], {
  error: 'expected objective "type": "observe" or "coverage"',
});

const sigma3 = (what: string) =>
  z.tuple([nonNegative(what), nonNegative(what), nonNegative(what)], {
    error: `expected [R, I, C]: three numbers >= 0 (${what})`,
  });

const dispersions = strict({
  burnMagnitudePct: nonNegative('1-sigma burn magnitude error in percent').optional(),
  pointingDeg: nonNegative('1-sigma burn pointing error in degrees').optional(),
  timingS: nonNegative('1-sigma execution-time error in s').optional(),
  positionM: sigma3('1-sigma initial position error in m, RIC').optional(),
  velocityMps: sigma3('1-sigma initial velocity error in m/s, RIC').optional(),
  missedBurnProbability: finite('probability that a burn is missed')
    .min(0, { error: 'expected a probability in [0, 1]' })
    .max(1, { error: 'expected a probability in [0, 1]' })
    .optional(),
}).describe(
  'Execution and navigation errors for Monte Carlo runs (1-sigma, RIC); all default to 0.',
);

const provenanceText = (what: string) =>
  z
    .string({ error: `expected ${what} as text` })
    .max(500)
    .optional();

const provenance = strict({
  author: provenanceText('the author'),
  organization: provenanceText('the organization'),
  source: z
    .union(
      [
        z.string().max(1000),
        z
          .array(z.string({ error: 'expected each source as text' }).max(1000))
          .max(50, { error: 'expected at most 50 sources' }),
      ],
      { error: 'expected the source as text or a list of URLs or references' },
    )
    .optional()
    .describe('Where the numbers come from: a URL or reference, or a list of them.'),
  marking: provenanceText('the marking (e.g. "UNCLASSIFIED // TRAINING")').describe(
    'Marking shown as a banner at the top and bottom of the app and copied into every export.',
  ),
  license: provenanceText('the license'),
}).describe(
  'Who wrote the scenario, from which sources, its marking and license: shown in the app and copied into the report, the summary, every export and share link.',
);

/** A scenario whose plans are made of `maneuver` objects. */
const scenarioOf = <M extends z.ZodType>(maneuver: M, constraints = builtinConstraints) =>
  strict({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    format: z.literal('rpo-scenario', { error: 'expected "format": "rpo-scenario"' }),
    version: z.literal(SCENARIO_FORMAT_VERSION, {
      error: `expected "version": ${SCENARIO_FORMAT_VERSION}`,
    }),
    name: z.string().min(1, { error: 'expected a non-empty scenario name' }),
    description: z.string().optional(),
    provenance: provenance.optional(),
    epoch: isoUtc,
    durationS: positive('scenario duration in s'),
    stepS: positive('integration step in s'),
    dynamics: z.enum(['cw', 'nonlinear', 'perturbed', 'ya'], {
      error:
        'expected "dynamics": "cw" (Clohessy-Wiltshire), "nonlinear" (two-body truth), "perturbed" (J2, Sun, Moon, solar pressure) or "ya" (Yamanaka-Ankersen, eccentric targets)',
    }),
    forces: forces.optional(),
    target,
    constraints: constraints.optional(),
    objectives: z.array(objective).optional(),
    dispersions: dispersions.optional(),
    warnRangeM: positive('warning range in m')
      .optional()
      .describe(
        'Warn when an inspector comes within this range of the target or another spacecraft: entering and leaving events in the report, time to closest approach and predicted miss distance in the view.',
      ),
    collision: strict({
      hardBodyRadiusM: positive('combined hard-body radius in m'),
      trials: finite('Monte Carlo trials per conjunction')
        .int({ error: 'expected a whole number of trials' })
        .min(0, { error: 'expected 0 or more trials' })
        .max(1_000_000, { error: 'expected at most 1000000 trials' })
        .optional(),
      seed: finite('Monte Carlo seed').int({ error: 'expected an integer seed' }).min(0).optional(),
    })
      .optional()
      .describe(
        'Probability of collision at each closest approach of a spacecraft with a covariance: the combined hard-body radius (one value for every pair), Monte Carlo trials (default 10000) and seed (default 1).',
      ),
    spacecraft: z
      .array(spacecraftOf(maneuver), { error: 'expected a list of spacecraft' })
      .min(1, { error: 'expected at least one spacecraft' }),
    lesson: lessonSchema.optional(),
  });

/**
 * Scenario format v1 with the built-in maneuver types (structure only; see validate.ts for the
 * checks across fields). The static types below come from it.
 */
export const scenarioSchema = scenarioOf(builtinManeuver);

let current = { version: '0/0', schema: scenarioSchema };

/**
 * The schema with every registered maneuver type (src/maneuvers/registry.ts): the built-in one
 * until a type is registered at run time, then rebuilt once per change of the registry.
 */
export function currentScenarioSchema(): typeof scenarioSchema {
  const version = `${maneuverRegistryVersion()}/${constraintRegistryVersion()}`;
  if (current.version !== version) {
    const modules = maneuverModules();
    const maneuver = z.discriminatedUnion(
      'type',
      modules.map((m) => m.schema) as unknown as BuiltinSchemas,
      { error: maneuverTypeError(modules.map((m) => m.type)) },
    );
    const constraints = constraintsOf(constraintsShape());
    current = {
      version,
      schema: scenarioOf(maneuver, constraints) as unknown as typeof scenarioSchema,
    };
  }
  return current.schema;
}

/** A scenario as written (v1), after structural validation. */
export type Scenario = z.infer<typeof scenarioSchema>;
export type SpacecraftSpec = Scenario['spacecraft'][number];
export type ManeuverSpec = SpacecraftSpec['maneuvers'][number];
export type TargetOrbitSpec = Scenario['target']['orbit'];
export type KeepOutSpec = NonNullable<Scenario['target']['keepOut']>;
export type SrpSpec = NonNullable<SpacecraftSpec['srp']>;
export type ForcesSpec = NonNullable<Scenario['forces']>;
export type TargetManeuverSpec = NonNullable<Scenario['target']['maneuvers']>[number];
export type ConstraintsSpec = NonNullable<Scenario['constraints']>;
export type ObjectiveSpec = NonNullable<Scenario['objectives']>[number];
export type FaceName = z.infer<typeof face>;
export type DispersionsSpec = NonNullable<Scenario['dispersions']>;
export type CovarianceSpec = NonNullable<SpacecraftSpec['covariance']>;
export type ProvenanceSpec = NonNullable<Scenario['provenance']>;

/** The JSON Schema (draft 2020-12) of format v1, for editors and other tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(currentScenarioSchema(), { io: 'input' }),
    $id: 'https://rpo-sim.local/scenario.schema.json',
    title: 'RPO scenario, format v1',
  };
}
