/**
 * The JSON Schema of scenario format v1 (the package entry `rpo-sim/schema`): the content of
 * scenarios/scenario.schema.json, which `npm run schema` generates from src/scenario/schema.ts
 * (a test fails when it is stale). Importing it loads no part of the engine.
 */

import schema from '../scenarios/scenario.schema.json';

/** The JSON Schema (draft 2020-12) of scenario format v1. */
export const scenarioJsonSchema: Readonly<Record<string, unknown>> = schema;
export default scenarioJsonSchema;
