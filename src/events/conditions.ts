/**
 * Where the run gets its trigger-condition compiler from.
 *
 * Compiling `when` conditions needs the expression parser (mathjs), which takes about half a
 * second to load. The run only needs it for scenarios that have triggers, so it does not import
 * expression.ts itself: expression.ts registers its compiler here when it is loaded, and whoever
 * runs a scenario with triggers loads it first (the scenario loader always does; a Monte Carlo
 * worker does when its scenario has a `when`).
 */

import type { CompiledCondition } from './expression.ts';

/** Compiles a condition over the given variable names (see expression.ts). */
export type ConditionCompiler = (text: string, names: readonly string[]) => CompiledCondition;

let compiler: ConditionCompiler | null = null;

/** Installs the compiler (called by expression.ts when it loads). */
export function registerConditionCompiler(c: ConditionCompiler): void {
  compiler = c;
}

/** Compiles a trigger condition; throws if no compiler has been loaded (a wiring bug). */
export function compileTriggerCondition(text: string, names: readonly string[]): CompiledCondition {
  if (compiler === null) {
    throw new Error('trigger conditions need src/events/expression.ts to be loaded first');
  }
  return compiler(text, names);
}

/** Whether a scenario-like object has any `when` trigger (so needs the expression module). */
export function hasTriggers(s: {
  spacecraft: readonly { maneuvers: readonly { when?: string }[] }[];
}): boolean {
  return s.spacecraft.some((c) => c.maneuvers.some((m) => m.when !== undefined));
}
